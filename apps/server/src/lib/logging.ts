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
/**
 * Anything shaped like a Taiwanese personal number: a national ID or new-style resident
 * permit (a letter, then 1, 2, 8 or 9, then 8 digits; see `isValidNationalId`) or an
 * old-style resident certificate (two letters, then 8 digits). Matched by shape, without
 * the checksum and without word boundaries, so a number glued to other text (`王小明A123…`,
 * `%20A123…`) is caught too; masking a look-alike in a log line costs nothing.
 */
const NATIONAL_ID_SHAPE = /[A-Z][A-Z1289]\d{8}/gi;
const HAS_NATIONAL_ID_SHAPE = /[A-Z][A-Z1289]\d{8}/i;

/** Replaces every national-ID-shaped run in a text with `[REDACTED]`. */
export function maskNationalIds(text: string): string {
  return text.replace(NATIONAL_ID_SHAPE, '[REDACTED]');
}

/** Masks national-ID-shaped text in every string and key of a parsed JSON value. */
function maskJson(value: unknown): unknown {
  if (typeof value === 'string') {
    return maskNationalIds(value);
  }
  if (Array.isArray(value)) {
    return value.map(maskJson);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [maskNationalIds(key), maskJson(v)]));
  }
  return value;
}

/**
 * pino's `streamWrite` hook: the last step before a serialized line is written, so it sees
 * the message, the bindings, the serialized request and error, and any nested object.
 * Lines without an ID-shaped run (nearly all) pass through after one regex test. A line
 * with one is parsed and masked value by value, not as raw JSON text, where a match could
 * start inside an escape such as `\n` or `\u001b` and break the line.
 */
export function maskLogLine(line: string): string {
  if (!HAS_NATIONAL_ID_SHAPE.test(line)) {
    return line;
  }
  try {
    return `${JSON.stringify(maskJson(JSON.parse(line)))}${line.endsWith('\n') ? '\n' : ''}`;
  } catch {
    return maskNationalIds(line);
  }
}

/**
 * Removes what the user typed from a request URL before it is logged: query strings keep
 * their parameter names only (search text, filters and OIDC codes are values), and the
 * invitation token in the path is replaced. ID numbers in the path are masked with every
 * other log field, by `maskLogLine`.
 */
export function redactUrl(url: string): string {
  const [path = '', query] = url.split('?', 2);
  const safePath = path.replace(SECRET_PATH, '$1[REDACTED]');
  if (query === undefined) {
    return safePath;
  }
  const names = query
    .split('&')
    .map((pair) => pair.split('=', 1)[0] ?? '')
    .filter((name) => name !== '');
  return `${safePath}?${names.join('&')}`;
}

/** pino serializer for requests: method, redacted URL, client IP; no headers or body. */
export function serializeRequest(request: FastifyRequest) {
  return { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip };
}
