import fp from 'fastify-plugin';
import { DrizzleQueryError } from 'drizzle-orm';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_MESSAGES, errorMessage, issueMessage, type ErrorCode, type Locale } from '@custodian/shared';
import { AppError } from '../../errors.js';
import { sqlState } from '../../db/errors.js';

export type ErrorBody = {
  error: {
    code: ErrorCode;
    message: string;
    fields?: { path: string; message: string }[];
    /** Public parameters of a refusal (an access condition's contract, say). */
    params?: Record<string, string>;
    /** What a rule found, as structured data a service chose to show (e.g. the pre-launch gate's blockers). */
    problems?: unknown[];
  };
};

/** Maps Fastify's own error codes onto ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_JSON',
};

const isErrorCode = (text: string): text is ErrorCode => Object.hasOwn(ERROR_MESSAGES, text);

function classify(
  error: FastifyError,
  locale: Locale,
): {
  code: ErrorCode;
  status: number;
  fields?: ErrorBody['error']['fields'];
  params?: Record<string, string>;
  problems?: unknown[];
} {
  if (error instanceof AppError) {
    // A service may name the request field at fault (`{ field: 'unitId' }`); only the name
    // is passed on, and `shownProblems` (as `problems`), which a service fills only with what the caller may see
    // (the pre-launch gate's blockers); never other details, which can hold internal values.
    const field = error.details?.field;
    // `params` are public by construction (an access condition's refusal, lib/access-conditions.ts).
    const params = error.details?.params as Record<string, string> | undefined;
    const problems = error.details?.shownProblems;
    return {
      ...(params ? { params } : {}),
      code: error.code,
      status: error.status,
      ...(typeof field === 'string' ? { fields: [{ path: field, message: errorMessage(error.code, locale) }] } : {}),
      ...(Array.isArray(problems) ? { problems: problems as unknown[] } : {}),
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const reasons = error.validation.map((v) => v.message ?? 'invalid');
    // A shared schema may name its refusal by an error code (DateInputSchema: DATE_OUT_OF_RANGE);
    // when every field fails for that one reason, it is the answer's code and localised message.
    const [first] = reasons;
    const named = first && reasons.every((r) => r === first) && isErrorCode(first) ? first : undefined;
    // Each field's message in the language of the request: an error code's own message, or
    // our wording of the rule the value broke (never Zod's English).
    const fields = error.validation.map((v, index) => {
      const reason = reasons[index] ?? 'invalid';
      const params = v.params as Record<string, unknown>;
      return {
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: isErrorCode(reason)
          ? errorMessage(reason, locale)
          : issueMessage({ ...params, code: v.keyword, message: reason }, locale),
      };
    });
    return { code: named ?? 'VALIDATION_FAILED', status: 400, fields };
  }
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) {
    return { code: mapped, status: error.statusCode ?? 400 };
  }
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return { code: 'MALFORMED_JSON', status: 400 };
  }
  if (error.statusCode === 429) {
    return { code: 'RATE_LIMITED', status: 429 };
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return { code: 'VALIDATION_FAILED', status: error.statusCode };
  }
  return { code: 'INTERNAL', status: 500 };
}

/** Whether an error came from the database (drizzle's wrapper, or a driver error with a SQLSTATE). */
function isDatabaseError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    if (current instanceof DrizzleQueryError) {
      return true;
    }
    current = current.cause;
  }
  return sqlState(error) !== undefined;
}

/**
 * What a 5xx log line says about an error. Database errors are logged without their
 * message: drizzle's includes the query parameters (e-mail addresses, password hashes) and
 * PostgreSQL's can quote the offending value; the SQLSTATE and the stack frames say where
 * to look. Stacks are kept without their first lines, which repeat the message.
 */
export function loggableError(error: unknown): { name: string; code?: string; message?: string; stack?: string } {
  const isError = error instanceof Error;
  const name = isError ? error.name : typeof error;
  const frames = isError ? error.stack?.split('\n').filter((line) => /^\s+at /.test(line)) : undefined;
  const code = sqlState(error);
  return {
    name: error instanceof DrizzleQueryError ? 'DrizzleQueryError' : name,
    ...(code ? { code } : {}),
    ...(isError && !isDatabaseError(error) ? { message: error.message } : {}),
    ...(frames?.length ? { stack: frames.join('\n') } : {}),
  };
}

/** One handler: stable code, localised message, internals hidden on 5xx. */
export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const { code, status, fields, params, problems } = classify(error, request.locale);
      if (status >= 500) {
        request.log.error({ err: loggableError(error) }, 'request failed');
      } else {
        // Not `code`: that key is redacted from logs (it is also the name of TOTP codes).
        request.log.info({ errorCode: code, status }, 'request refused');
      }
      const body: ErrorBody = {
        error: {
          code,
          message: errorMessage(code, request.locale),
          ...(fields ? { fields } : {}),
          ...(params ? { params } : {}),
          ...(problems ? { problems } : {}),
        },
      };
      if (status === 401) {
        void reply.header('cache-control', 'no-store');
      }
      return reply.status(status).send(body);
    });
  },
  { name: 'error-handler' },
);
