import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { hasControlCharacters, MAX_SEARCH_LENGTH } from '@custodian/shared';
import { AppError } from '../../errors.js';

/**
 * One guard over every string a request carries, before any route sees it: query
 * parameters, path parameters and the parsed body, keys included. A field's own schema may
 * be stricter (single-line text refuses line breaks); this is the rule no route can forget.
 *
 * - Everywhere: C0 controls other than tab and line breaks, DEL, C1 controls and lone
 *   surrogates (`hasControlCharacters`). NUL made PostgreSQL fail with SQLSTATE 22021.
 * - In the query and the path also tab and line breaks: an address is one line, and no
 *   parameter (a search, a code, an id) means to hold them.
 *
 * Headers are left to Node's HTTP parser, which refuses C0 controls in them (bytes above
 * 0x7F are read as Latin-1: harmless to the database, and kept as sent in the audit trail).
 */

/** Tab and line breaks: allowed in a body's multi-line text, never in an address. */
const LINE_CHARACTERS = /[\t\n\r]/;

type Rule = (text: string) => boolean;
const bodyRule: Rule = hasControlCharacters;
const addressRule: Rule = (text) => hasControlCharacters(text) || LINE_CHARACTERS.test(text);

/**
 * The dotted path of the first string (value or key) the rule refuses, or undefined.
 * Walks with its own stack: a 1 MiB body can nest deeper than the call stack allows.
 */
export function findRefusedText(root: unknown, isRefused: Rule): string | undefined {
  const stack: { value: unknown; path: string }[] = [{ value: root, path: '' }];
  const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, path } = item;
    if (typeof value === 'string') {
      if (isRefused(value)) {
        return path;
      }
    } else if (Array.isArray(value)) {
      value.forEach((element, index) => stack.push({ value: element, path: join(path, String(index)) }));
    } else if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
      // Raw bytes (a parser that keeps a Buffer) are no text; their route decides what they hold.
      for (const [key, element] of Object.entries(value)) {
        if (isRefused(key)) {
          return join(path, key);
        }
        stack.push({ value: element, path: join(path, key) });
      }
    }
  }
  return undefined;
}

/**
 * Refuses control characters in every request with INPUT_CONTROL_CHARACTER (400), naming the
 * field, and a search (`q`) longer than MAX_SEARCH_LENGTH with SEARCH_TOO_LONG (400).
 */
export const inputGuardPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', async (request) => {
      const field =
        findRefusedText(request.query, addressRule) ??
        findRefusedText(request.params, addressRule) ??
        findRefusedText(request.body, bodyRule);
      if (field !== undefined) {
        throw new AppError('INPUT_CONTROL_CHARACTER', { field });
      }
      // Every list's search, also where a route's own query schema forgets the limit.
      const search = (request.query as Record<string, unknown> | undefined)?.q;
      if (typeof search === 'string' && [...search.trim()].length > MAX_SEARCH_LENGTH) {
        throw new AppError('SEARCH_TOO_LONG', { field: 'q' });
      }
    });
  },
  { name: 'input-guard' },
);
