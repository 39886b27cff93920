import type { ErrorCode, Locale } from '@custodian/shared';

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

/** Sends a request and parses the JSON answer (undefined for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiFetch(path, options);
  if (response.status === 204) {
    return undefined as T;
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
