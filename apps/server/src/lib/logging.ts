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
