import type { ImportJobDetail, Locale } from '@custodian/shared';
import { apiFetch } from '../../api/client.js';
import { uploadWithProgress } from '../../lib/upload-with-progress.js';
import { downloadFile } from '../../lib/download.js';

/** Uploads an import file with progress (lib/upload-with-progress.ts). */
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
  return uploadWithProgress<ImportJobDetail>({ path: '/imports', form, ...options });
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
