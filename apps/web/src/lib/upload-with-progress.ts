import type { ErrorCode, Locale } from '@custodian/shared';
import { ApiError, apiUrl, type QueryValue } from '../api/client.js';

/**
 * A multipart upload with progress. fetch() cannot report upload progress, so uploads of
 * large files use XMLHttpRequest, with the same CSRF and language headers as api/client.ts.
 * Resolves to the JSON answer; an error answer rejects as an ApiError.
 */
export function uploadWithProgress<T>(options: {
  path: string;
  query?: Record<string, QueryValue>;
  form: FormData;
  csrfToken: string;
  locale: Locale;
  onProgress: (percent: number) => void;
}): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(options.path, options.query));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', options.locale);
    xhr.setRequestHeader('X-CSRF-Token', options.csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) {
        options.onProgress(Math.round((event.loaded / event.total) * 100));
      }
    };
    xhr.onerror = () => reject(new TypeError('network error'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
        return;
      }
      const error = (body as { error?: { code?: ErrorCode; message?: string } } | undefined)?.error;
      reject(
        new ApiError({
          code: error?.code ?? 'INTERNAL',
          status: xhr.status,
          message: error?.message ?? xhr.statusText,
        }),
      );
    };
    xhr.send(options.form);
  });
}
