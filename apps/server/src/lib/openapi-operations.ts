import type { RouteOptions } from 'fastify';
import { ERROR_MESSAGES, type ErrorCode } from '@custodian/shared';
import { ERROR_STATUS } from '../errors.js';
import type { RouteAccess } from '../plugins/app/access.js';

/**
 * What the OpenAPI document says about one operation beyond its Zod schemas (issue 11,
 * defect 16). Each module lists its operations in `<module>.openapi.ts`, keyed by
 * `METHOD /full/url` as Fastify registers it (`GET /api/v1/hosts/:id`).
 */
export type OperationDoc = {
  /** camelCase, unique in the document: what client generators name the call. */
  operationId: string;
  /** One line, English, what the operation does. */
  summary: string;
  /** Error codes the operation's own service may answer with, besides those its route's declaration implies. */
  errors?: readonly ErrorCode[];
};

export type OperationCatalogue = Readonly<Record<string, OperationDoc>>;

/** Types a module's catalogue; the keys are checked against the routes by the OpenAPI test. */
export const defineOperations = <T extends OperationCatalogue>(operations: T): T => operations;

/**
 * The error codes a route's declaration implies, from the shared error-code catalogue:
 * signed-in routes can answer 401 and 403 (token scope, CSRF on writes, a missing
 * permission), routes with parameters 404, routes with input 400 (and 413/415 with a body),
 * rate-limited routes 429.
 */
export function impliedErrors(route: Pick<RouteOptions, 'method' | 'config' | 'schema'>): ErrorCode[] {
  const access = (route.config as { access?: RouteAccess } | undefined)?.access;
  const limited = Boolean((route.config as { rateLimit?: unknown } | undefined)?.rateLimit);
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const writes = methods.some((m) => !['GET', 'HEAD', 'OPTIONS'].includes(m));
  const codes: ErrorCode[] = [];
  if (schema.params || schema.querystring || schema.body) {
    codes.push('VALIDATION_FAILED', 'INPUT_CONTROL_CHARACTER');
  }
  if (schema.body) {
    codes.push('MALFORMED_JSON', 'BODY_NOT_UTF8', 'BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE');
  }
  if (access && !('public' in access)) {
    codes.push('UNAUTHENTICATED', 'SESSION_EXPIRED');
    if (access.allowTokens !== false) {
      codes.push('TOKEN_SCOPE');
    }
    if (writes) {
      codes.push('CSRF_INVALID');
    }
    if (access.permission) {
      codes.push('FORBIDDEN');
    }
  }
  if (schema.params) {
    codes.push('NOT_FOUND');
  }
  if (limited) {
    codes.push('RATE_LIMITED');
  }
  return codes;
}

/** The `{ error: { code, message, fields? } }` body of every error response (plugins/app/error-handler.ts). */
function errorBody(codes: readonly ErrorCode[]) {
  return {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', enum: [...codes] },
          message: {
            type: 'string',
            description: 'Localised by Accept-Language (zh-TW unless English is asked for first)',
          },
          fields: {
            type: 'array',
            description: 'The fields that failed validation',
            items: {
              type: 'object',
              required: ['path', 'message'],
              properties: { path: { type: 'string' }, message: { type: 'string' } },
            },
          },
        },
      },
    },
  };
}

/** Error responses by status for these codes; each lists its codes with their English message. */
export function errorResponses(codes: readonly ErrorCode[]): Record<string, Record<string, unknown>> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, Record<string, unknown>> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: list.map((code) => `\`${code}\`: ${ERROR_MESSAGES[code].en}`).join('\n\n'),
      ...errorBody(list),
    };
  }
  return responses;
}

/** `GET /api/v1/hosts/:id` for a route (one key per method). */
export function operationKeys(route: Pick<RouteOptions, 'method' | 'url'>): string[] {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  return methods.map((method) => `${method} ${route.url}`);
}

/**
 * Adds the catalogue's summary and operationId and the error responses to a route's schema
 * as @fastify/swagger reads it. What a route declares itself wins.
 */
export function documentOperation(
  schema: Record<string, unknown>,
  route: Pick<RouteOptions, 'method' | 'url' | 'config' | 'schema'>,
  catalogue: OperationCatalogue,
): Record<string, unknown> {
  const [key] = operationKeys(route).filter((k) => !k.startsWith('HEAD '));
  const doc = key ? catalogue[key] : undefined;
  const response = { ...((schema.response as Record<string, unknown> | undefined) ?? {}) };
  for (const [status, body] of Object.entries(errorResponses([...impliedErrors(route), ...(doc?.errors ?? [])]))) {
    response[status] ??= body;
  }
  return {
    ...schema,
    ...(doc && !schema.summary ? { summary: doc.summary } : {}),
    ...(doc && !schema.operationId ? { operationId: doc.operationId } : {}),
    response,
  };
}
