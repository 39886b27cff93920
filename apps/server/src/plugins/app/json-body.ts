import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.js';

/**
 * JSON bodies must be UTF-8 (RFC 8259). Fastify's own parser decodes with replacement, so
 * a body with the bytes C3 28 was stored with U+FFFD in place of what the client sent. This
 * parser takes the raw bytes, decodes them strictly, refuses a malformed body with
 * BODY_NOT_UTF8 (400), and hands the text to Fastify's default JSON parser: the empty-body
 * check, the error codes and the `__proto__`/`constructor` poisoning refusals
 * (secure-json-parse) stay Fastify's. The body limit is the instance's (BODY_LIMIT_BYTES).
 */
export const jsonBodyPlugin = fp(
  async (app: FastifyInstance) => {
    // 'error' for both is Fastify's default: a poisoned body is refused, not cleaned.
    const parseJson = app.getDefaultJsonParser('error', 'error');
    const decoder = new TextDecoder('utf-8', { fatal: true });
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body: Buffer, done) => {
      let text: string;
      try {
        text = decoder.decode(body);
      } catch {
        done(new AppError('BODY_NOT_UTF8'), undefined);
        return;
      }
      void parseJson(request, text, done);
    });
  },
  { name: 'json-body' },
);
