import type { LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Role } from '@custodian/shared';
import { readZipEntryText } from '../../modules/imports/imports.archive.js';
import { buildImportCsv, type SampleRow } from '../../modules/imports/imports.sample.js';
import type { TestApp } from '../helpers.js';
import { unique, type MatrixContext, type MatrixEntry, type OtherProbe } from './common.js';

/** Authorization-matrix entries for the imports and exports routes (issue 3), and upload helpers. */

export type FormPart =
  { name: string; value: string } | { name: string; filename: string; content: Buffer; type?: string };

/** A multipart/form-data body with its content-type header. */
export function multipartForm(parts: FormPart[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----custodian${randomUUID().replaceAll('-', '')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head =
      'value' in part
        ? `--${boundary}\r\ncontent-disposition: form-data; name="${part.name}"\r\n\r\n`
        : `--${boundary}\r\ncontent-disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
          `content-type: ${part.type ?? 'application/octet-stream'}\r\n\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), 'value' in part ? Buffer.from(part.value, 'utf8') : part.content);
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads a file to POST /api/v1/imports with the given session headers. */
export async function uploadImport(
  t: TestApp,
  session: Record<string, string>,
  file: { content: Buffer; filename: string; sheet?: string },
): Promise<LightMyRequestResponse> {
  const form = multipartForm([
    ...(file.sheet ? [{ name: 'sheet', value: file.sheet }] : []),
    { name: 'file', filename: file.filename, content: file.content },
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { ...session, ...form.headers },
    payload: form.payload,
  });
}

/** A one-system CSV for a unit, with a name never used before. */
function systemCsv(unitCode: string): Buffer {
  const row: SampleRow = { unitCode, name: unique('匯入系統'), protectionLevel: '普' };
  return buildImportCsv('systems', [row]);
}

/** A clean preview job of `session`'s user for their unit. */
async function jobOf(c: MatrixContext, session: Record<string, string>, unitCode: string): Promise<string> {
  const res = await uploadImport(c.t, session, { content: systemCsv(unitCode), filename: 'systems.csv' });
  if (res.statusCode !== 201) {
    throw new Error(`matrix fixture import failed: ${res.body}`);
  }
  return (JSON.parse(res.body) as { id: string }).id;
}

const NO_RECORD = 'a blank template: it reads no record';

const sessionOf = (c: MatrixContext, role: Role) => c.sessions[role];

/** An export shows unit B when its sheet holds unit B's record. */
function exportProbe(list: string, textOfB: string): () => OtherProbe {
  return () => ({
    url: `/api/v1/exports/${list}.xlsx`,
    showsB: (res) => (readZipEntryText(res.rawPayload, 'xl/worksheets/sheet1.xml') ?? '').includes(textOfB),
  });
}

/** An import job is its uploader's alone: even the Ministry's admin gets 404 on unit B's admin's job. */
const jobRoute = (suffix: string): MatrixEntry => ({
  permission: 'imports.run',
  own: async (c, role) => ({ url: `/api/v1/imports/${await jobOf(c, sessionOf(c, role), 'UNIT-A')}${suffix}` }),
  other: async (c) => ({ url: `/api/v1/imports/${await jobOf(c, c.unitAdminB, 'UNIT-B')}${suffix}` }),
  reachB: [],
});

export const IMPORTS_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/v1/imports/template.xlsx': {
    permission: 'imports.run',
    own: () => ({ url: '/api/v1/imports/template.xlsx' }),
    otherReason: NO_RECORD,
  },
  'GET /api/v1/imports/templates/:sheet.csv': {
    permission: 'imports.run',
    own: () => ({ url: '/api/v1/imports/templates/systems.csv' }),
    otherReason: NO_RECORD,
  },
  'POST /api/v1/imports': {
    permission: 'imports.run',
    own: () => {
      const form = multipartForm([{ name: 'file', filename: 'systems.csv', content: systemCsv('UNIT-A') }]);
      return { url: '/api/v1/imports', payload: form.payload, headers: form.headers };
    },
    other: () => {
      const form = multipartForm([{ name: 'file', filename: 'systems.csv', content: systemCsv('UNIT-B') }]);
      // A unit outside the uploader's scope is as unknown as one that does not exist.
      return {
        url: '/api/v1/imports',
        payload: form.payload,
        headers: form.headers,
        showsB: (res) => {
          const job = JSON.parse(res.body) as { errors: { items: { code: string }[] } };
          return !job.errors.items.some((e) => e.code === 'IMPORT_ROW_UNKNOWN_UNIT');
        },
      };
    },
  },
  'GET /api/v1/imports/:id': jobRoute(''),
  'POST /api/v1/imports/:id/commit': jobRoute('/commit'),
  'POST /api/v1/imports/:id/discard': jobRoute('/discard'),
  'GET /api/v1/exports/units.xlsx': {
    roles: 'any',
    own: () => ({ url: '/api/v1/exports/units.xlsx' }),
    other: exportProbe('units', 'UNIT-B'),
  },
  'GET /api/v1/exports/contracts.xlsx': {
    roles: 'any',
    own: () => ({ url: '/api/v1/exports/contracts.xlsx' }),
    other: exportProbe('contracts', 'MATRIX-B'),
  },
  'GET /api/v1/exports/systems.xlsx': {
    roles: 'any',
    own: () => ({ url: '/api/v1/exports/systems.xlsx' }),
    other: exportProbe('systems', 'B 系統'),
  },
  'GET /api/v1/exports/hosts.xlsx': {
    roles: 'any',
    own: () => ({ url: '/api/v1/exports/hosts.xlsx' }),
    other: exportProbe('hosts', 'web-b'),
  },
  'GET /api/v1/exports/contacts.xlsx': {
    roles: 'any',
    own: () => ({ url: '/api/v1/exports/contacts.xlsx' }),
    other: exportProbe('contacts', 'B 系統'),
  },
  'GET /api/v1/exports/contracts.report.xlsx': {
    roles: 'any',
    own: () => ({ url: '/api/v1/exports/contracts.report.xlsx' }),
    other: exportProbe('contracts.report', 'MATRIX-B'),
  },
  'GET /api/v1/exports/systems.report.xlsx': {
    roles: 'any',
    own: () => ({ url: '/api/v1/exports/systems.report.xlsx' }),
    other: exportProbe('systems.report', 'B 系統'),
  },
};
