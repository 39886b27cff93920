import type { ErrorCode, ImportJobDetail, Locale } from '@custodian/shared';
import { ApiError, apiFetch, apiUrl } from '../../api/client.js';
import { downloadFile } from '../../lib/download.js';

/**
 * Uploads an import file with progress. fetch() cannot report upload progress, so this one
 * request uses XMLHttpRequest, with the same CSRF and language headers as api/client.ts.
 */
export function uploadImportFile(options: {
  file: File;
  sheet?: string;
  csrfToken: string;
  locale: Locale;
  onProgress: (percent: number) => void;
}): Promise<ImportJobDetail> {
  const form = new FormData();
  if (options.sheet) {
    form.append('sheet', options.sheet);
  }
  form.append('file', options.file);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl('/imports'));
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
        resolve(body as ImportJobDetail);
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
    xhr.send(form);
  });
}

/** The file name a download response suggests (RFC 6266 filename*), or the fallback. */
function suggestedName(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // A malformed name: use the plain one.
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/** Downloads a file from the API (template or export) under the name the server gives it. */
export async function downloadFromApi(path: string, fallbackName: string, query?: Record<string, string | undefined>) {
  const response = await apiFetch(path, { query });
  downloadFile({ content: await response.blob(), filename: suggestedName(response, fallbackName) });
}
