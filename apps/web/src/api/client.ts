import createClient from 'openapi-fetch';
import type { ErrorCode, Locale } from '@custodian/shared';
import type { paths } from './schema.gen.js';

/** One field the server rejected, as `{ path: 'name', message }`. */
export type FieldError = { path: string; message: string };

/** An error response from the API, `{ error: { code, message, fields? } }`. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: FieldError[];
  constructor(options: { code: ErrorCode; status: number; message: string; fields?: FieldError[] }) {
    super(options.message);
    this.name = 'ApiError';
    this.code = options.code;
    this.status = options.status;
    this.fields = options.fields ?? [];
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A JSON-serialisable value, or FormData for a multipart upload. */
  body?: unknown;
  query?: Record<string, QueryValue>;
};

let csrfToken: string | null = null;
let language: Locale = 'zh-TW';
let onSignedOut: ((code: ErrorCode) => void) | null = null;

/** Remembers the CSRF token of the current session; every write sends it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The UI language, sent as Accept-Language so server messages match it. */
export function setRequestLanguage(locale: Locale): void {
  language = locale;
}

/** Called when the server says the session is gone (401 UNAUTHENTICATED/SESSION_EXPIRED). */
export function setSignedOutHandler(handler: ((code: ErrorCode) => void) | null): void {
  onSignedOut = handler;
}

/** `/api/v1/users?page=2&q=x`, leaving out empty values. */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: ErrorCode; message?: string; fields?: FieldError[] } };
    if (body.error?.code) {
      return new ApiError({
        code: body.error.code,
        status: response.status,
        message: body.error.message ?? body.error.code,
        fields: body.error.fields,
      });
    }
  } catch {
    // Not JSON (a proxy error page, say): fall through to a generic error.
  }
  return new ApiError({ code: 'INTERNAL', status: response.status, message: response.statusText });
}

/** Sends a request with the CSRF and language headers and returns the raw response. */
export async function apiFetch(path: string, options: RequestOptions = {}): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  if (method !== 'GET' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  let body: string | FormData | undefined;
  if (options.body instanceof FormData) {
    // Multipart uploads: the browser sets the Content-Type with its boundary.
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(apiUrl(path, options.query), { method, headers, body, credentials: 'same-origin' });
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED') {
      onSignedOut?.(error.code);
    }
    throw error;
  }
  return response;
}

function searchOf(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  return params.toString();
}

/**
 * The typed API client: paths, parameters, bodies and answers come from the OpenAPI
 * document the server generates from its Zod contracts (`schema.gen.ts`, `npm run
 * api:generate`), so a call whose parameters or expected answer differ from the route's
 * contract fails the typecheck. Every request carries the CSRF and language headers; an
 * error answer is thrown as an ApiError.
 */
export const http = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  querySerializer: (query) => searchOf(query as Record<string, unknown>),
  // FormData (uploads) goes as it is, with the browser's multipart boundary.
  bodySerializer: (body: unknown) => (body instanceof FormData ? body : JSON.stringify(body)),
});

http.use({
  onRequest({ request }) {
    request.headers.set('Accept', 'application/json');
    request.headers.set('Accept-Language', language);
    if (request.method !== 'GET' && csrfToken) {
      request.headers.set('X-CSRF-Token', csrfToken);
    }
    return request;
  },
  async onResponse({ response }) {
    if (!response.ok) {
      const error = await toApiError(response.clone());
      if (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED') {
        onSignedOut?.(error.code);
      }
      throw error;
    }
    return response;
  },
});

type Answer = { data?: unknown; error?: unknown; response: Response };

/**
 * The data of a successful answer (undefined for 204 No Content). Errors never reach here:
 * the client throws them as ApiError.
 */
export async function unwrap<R extends Answer>(pending: Promise<R>): Promise<Exclude<R['data'], undefined>> {
  const { data } = await pending;
  return data as Exclude<R['data'], undefined>;
}

type JsonAnswer<Op> = Op extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;

/** The JSON answer of `GET path`, as its contract declares it. */
export type GetAnswer<P extends keyof paths> = JsonAnswer<paths[P]['get']>;

/** Paths whose GET answers with a page of items (`{ items, total, page, pageSize }`). */
export type ListPath = {
  [P in keyof paths]: GetAnswer<P> extends { items: unknown[]; total: number } ? P : never;
}[keyof paths];

/** One item of a list path's page. */
export type ListItem<P extends ListPath> = GetAnswer<P>['items'][number];

/**
 * `GET path?query` for the generic list hooks, whose filters are plain strings from a form
 * or the address: the answer keeps the type the path's contract declares.
 */
export function getList<P extends ListPath>(path: P, query: Record<string, QueryValue>): Promise<GetAnswer<P>> {
  const get = http.GET as unknown as (
    path: string,
    init: { params: { query: Record<string, QueryValue> } },
  ) => Promise<Answer>;
  return unwrap(get(path, { params: { query } })) as Promise<GetAnswer<P>>;
}

type CreatedAnswer<Op> = Op extends { responses: { 201: { content: { 'application/json': infer R } } } }
  ? R
  : JsonAnswer<Op>;

/** The JSON answer of `POST path` (201 Created or 200), as its contract declares it. */
export type PostAnswer<P extends keyof paths> = CreatedAnswer<paths[P]['post']>;

/**
 * A multipart upload (attachments, import files). The contract has no JSON body to type,
 * but the answer keeps the type the route declares.
 */
export async function postForm<P extends keyof paths>(path: P, form: FormData): Promise<PostAnswer<P>> {
  const response = await apiFetch(path.replace(/^\/api\/v1/, ''), { method: 'POST', body: form });
  return (await response.json()) as PostAnswer<P>;
}
