import type { FastifyRequest } from 'fastify';

/**
 * Paths pino redacts from every log line: credentials, tokens, codes and personal
 * data must never reach the logs.
 */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'password',
  'currentPassword',
  'newPassword',
  'code',
  'recoveryCode',
  'token',
  'secret',
  'nationalId',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.secret',
  '*.nationalId',
  '*.recoveryCode',
];

/** Path segments that carry a secret in the URL itself (invitation links). */
const SECRET_PATH = /(\/invites?\/)[^/?#]+/g;
/** Query parameters that carry secrets (OIDC code/state, tokens). */
const SECRET_QUERY = new Set(['code', 'state', 'token', 'access_token', 'id_token', 'session_state']);

/** Removes secrets from a request URL before it is logged. */
export function redactUrl(url: string): string {
  const [path = '', query] = url.split('?', 2);
  const safePath = path.replace(SECRET_PATH, '$1[REDACTED]');
  if (query === undefined) {
    return safePath;
  }
  const params = new URLSearchParams(query);
  for (const key of [...params.keys()]) {
    if (SECRET_QUERY.has(key.toLowerCase())) {
      params.set(key, '[REDACTED]');
    }
  }
  return `${safePath}?${params.toString()}`;
}

/** pino serializer for requests: method, redacted URL, client IP; no headers or body. */
export function serializeRequest(request: FastifyRequest) {
  return { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip };
}
