import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { APP_VERSION } from '@custodian/shared';
import { OPERATIONS } from '../../lib/openapi-catalogue.js';
import { documentOperation } from '../../lib/openapi-operations.js';

/**
 * OpenAPI 3 generated from the Zod route schemas and the operation catalogues; JSON at
 * /api/openapi.json, docs at /api/docs.
 */
export const openapiPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Custodian API',
          description: '教育部補助委辦伺服主機及應用系統網站資訊安全管理平台 API',
          version: APP_VERSION,
          license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
        },
        // Relative: the document describes the instance that serves it, whatever PUBLIC_URL is.
        servers: [{ url: '/', description: 'This Custodian instance' }],
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'custodian_session' },
            token: { type: 'http', scheme: 'bearer' },
          },
        },
        security: [{ session: [] }, { token: [] }],
      },
      // Zod schemas to JSON Schema, then each operation's summary, operationId and error
      // responses from the modules' catalogues and the shared error codes (lib/openapi-operations.ts).
      transform: (input) => {
        const transformed = jsonSchemaTransform(input);
        return {
          ...transformed,
          schema: documentOperation(transformed.schema as Record<string, unknown>, input.route, OPERATIONS),
        };
      },
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { deepLinking: false } });
    app.get('/api/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () =>
      app.swagger(),
    );
  },
  { name: 'openapi' },
);
