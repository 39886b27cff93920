import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { EXPORT_LISTS, EXPORT_QUERY_SCHEMAS, REPORT_LISTS } from '@custodian/shared';
import type { AppDeps } from '../../lib/context.js';
import { taipeiToday } from '../../lib/policy.js';
import { exportListXlsx } from './exports.service.js';
import { exportReportXlsx } from './report.service.js';

const tags = ['exports'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `attachment` with an ASCII name and the UTF-8 one for browsers that read it (RFC 6266). */
export function attachmentHeader(asciiName: string, utf8Name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(utf8Name)}`;
}

/** zh-TW file names; the ASCII one is the list key. */
const FILE_LABELS = { units: '單位', contracts: '委辦案', systems: '系統', hosts: '主機', contacts: '聯絡人' } as const;
const REPORT_FILE_LABELS = { contracts: '委辦案報表', systems: '系統與網站報表' } as const;

/**
 * /api/v1/exports/{units,contracts,systems,hosts,contacts}.xlsx: each list as the import
 * template's sheet, within the caller's scope, with exactly the list page's filters.
 */
export const exportRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  for (const list of EXPORT_LISTS) {
    app.get(
      `/exports/${list}.xlsx`,
      {
        config: { access: { roles: 'any' } },
        schema: { tags, querystring: EXPORT_QUERY_SCHEMAS[list], produces: [XLSX_TYPE] },
      },
      async (request, reply) => {
        const ctx = request.ctx();
        const stream = await exportListXlsx(deps, ctx, list, request.query);
        const day = taipeiToday(ctx.now).replaceAll('-', '');
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachmentHeader(`${list}-${day}.xlsx`, `${FILE_LABELS[list]}-${day}.xlsx`))
          .header('cache-control', 'no-store')
          .send(stream);
      },
    );
  }
  // The readable report of the same list (issue 11, defect 12), in the caller's language.
  for (const list of REPORT_LISTS) {
    app.get(
      `/exports/${list}.report.xlsx`,
      {
        config: { access: { roles: 'any' } },
        schema: { tags, querystring: EXPORT_QUERY_SCHEMAS[list], produces: [XLSX_TYPE] },
      },
      async (request, reply) => {
        const ctx = request.ctx();
        const stream = await exportReportXlsx(deps, ctx, list, request.query);
        const day = taipeiToday(ctx.now).replaceAll('-', '');
        return reply
          .header('content-type', XLSX_TYPE)
          .header(
            'content-disposition',
            attachmentHeader(`${list}-report-${day}.xlsx`, `${REPORT_FILE_LABELS[list]}-${day}.xlsx`),
          )
          .header('cache-control', 'no-store')
          .send(stream);
      },
    );
  }
};
