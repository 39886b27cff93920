import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { APP_VERSION } from '@custodian/shared';

/** OpenAPI 3 generated from the Zod route schemas; JSON at /api/openapi.json, docs at /api/docs. */
export const openapiPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Custodian API',
          description: '教育部補助委辦伺服主機及應用系統網站資訊安全管理平台 API',
          version: APP_VERSION,
        },
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: 'custodian_session' },
            token: { type: 'http', scheme: 'bearer' },
          },
        },
        security: [{ session: [] }, { token: [] }],
      },
      transform: jsonSchemaTransform,
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { deepLinking: false } });
    app.get('/api/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () =>
      app.swagger(),
    );
  },
  { name: 'openapi' },
);
