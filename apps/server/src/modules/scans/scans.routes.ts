import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  FalsePositiveSchema,
  FindingDetailSchema,
  FindingListQuerySchema,
  FindingReopenSchema,
  FindingSchema,
  IdParamSchema,
  LaunchCheckQuerySchema,
  LaunchCheckSchema,
  MinistryApprovalSchema,
  pageOf,
  RiskAcceptanceSchema,
  ScanImportQuerySchema,
  ScanImportSchema,
  ScanListQuerySchema,
  ScanSchema,
} from '@custodian/shared';
import { taipeiToday } from '../../lib/policy.js';
import { attachmentHeader } from '../imports/exports.routes.js';
import type { ModuleRouteOptions } from '../registry.js';
import { exportFindingsCsv, exportFindingsXlsx } from './findings.export.js';
import {
  acceptRisk,
  approveRiskAcceptance,
  checkLaunch,
  getFinding,
  listFindings,
  markFalsePositive,
  reopenFinding,
} from './findings.service.js';
import { readScanUpload } from './scans.multipart.js';
import { getScan, getScanImport, listScans, startScanImport } from './scans.service.js';

const tags = ['scans'];
const EXPORT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** /api/v1/scans: scan imports, scans, findings and their lifecycle, the pre-launch check (issue 9). */
export const scanRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (app, { deps }) => {
  await app.register(multipart, {
    limits: {
      files: 1,
      fields: 2,
      fieldNameSize: 64,
      fieldSize: 256,
      parts: 4,
      headerPairs: 20,
      // One byte over the limit, so a larger file reaches the store's own check (SCAN_FILE_TOO_LARGE).
      fileSize: deps.config.SCAN_MAX_BYTES + 1,
    },
    throwFileSizeLimit: false,
  });

  app.post(
    '/scans/imports',
    {
      config: { access: { permission: 'scans.import' } },
      schema: {
        tags,
        summary: 'Import a scan report into a system',
        description:
          'multipart/form-data with one `file` part: Nessus, Tenable CSV, OpenVAS/Greenbone XML or CSV, ZAP XML or ' +
          'JSON, Burp XML, Nmap XML, Trivy JSON, SARIF 2.1 or the generic CSV/JSON; the format is detected from ' +
          'the content. Answers 202 at once and imports in the background (poll GET /scans/imports/{id}), or with ' +
          '`wait=true` answers 201 once done (for CI pipelines with a personal API token). All or nothing.',
        consumes: ['multipart/form-data'],
        querystring: ScanImportQuerySchema,
        response: { 201: ScanImportSchema, 202: ScanImportSchema },
      },
    },
    async (request, reply) => {
      try {
        const upload = await readScanUpload(request);
        const result = await startScanImport(deps, request.ctx(), { query: request.query, upload });
        return reply.status(result.status === 'completed' ? 201 : 202).send(result);
      } catch (err) {
        // The rest of a refused upload is not read; closing the connection keeps it from the next request.
        void reply.header('connection', 'close');
        throw err;
      }
    },
  );
  app.get(
    '/scans/imports/:id',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, params: IdParamSchema, response: { 200: ScanImportSchema } },
    },
    async (request) => getScanImport(deps, request.ctx(), request.params.id),
  );
  app.get(
    '/scans',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, querystring: ScanListQuerySchema, response: { 200: pageOf(ScanSchema) } },
    },
    async (request) => listScans(deps, request.ctx(), request.query),
  );
  app.get(
    '/scans/findings',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, querystring: FindingListQuerySchema, response: { 200: pageOf(FindingSchema) } },
    },
    async (request) => listFindings(deps, request.ctx(), request.query),
  );
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/scans/findings.${format}`,
      {
        config: { access: { roles: 'any' } },
        schema: {
          tags,
          summary: `The findings list as ${format.toUpperCase()}, with the list's filters, streamed`,
          querystring: FindingListQuerySchema,
          produces: [EXPORT_TYPES[format]],
        },
      },
      async (request, reply) => {
        const ctx = request.ctx();
        const stream =
          format === 'csv'
            ? await exportFindingsCsv(deps, ctx, request.query)
            : await exportFindingsXlsx(deps, ctx, request.query);
        const day = taipeiToday(ctx.now).replaceAll('-', '');
        return reply
          .header('content-type', EXPORT_TYPES[format])
          .header('content-disposition', attachmentHeader(`findings-${day}.${format}`, `弱點-${day}.${format}`))
          .header('cache-control', 'no-store')
          .send(stream);
      },
    );
  }
  app.get(
    '/scans/launch-check',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, querystring: LaunchCheckQuerySchema, response: { 200: LaunchCheckSchema } },
    },
    async (request) => checkLaunch(deps, request.ctx(), request.query.systemId),
  );
  app.get(
    '/scans/findings/:id',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, params: IdParamSchema, response: { 200: FindingDetailSchema } },
    },
    async (request) => getFinding(deps, request.ctx(), request.params.id),
  );
  app.get(
    '/scans/:id',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, params: IdParamSchema, response: { 200: ScanSchema } },
    },
    async (request) => getScan(deps, request.ctx(), request.params.id),
  );
  app.post(
    '/scans/findings/:id/false-positive',
    {
      config: { access: { permission: 'findings.dispose' } },
      schema: { tags, params: IdParamSchema, body: FalsePositiveSchema, response: { 200: FindingDetailSchema } },
    },
    async (request) => markFalsePositive(deps, request.ctx(), request.params.id, request.body),
  );
  app.post(
    '/scans/findings/:id/risk-acceptance',
    {
      config: { access: { permission: 'findings.dispose' } },
      schema: { tags, params: IdParamSchema, body: RiskAcceptanceSchema, response: { 200: FindingDetailSchema } },
    },
    async (request) => acceptRisk(deps, request.ctx(), request.params.id, request.body),
  );
  app.post(
    '/scans/findings/:id/ministry-approval',
    {
      config: { access: { permission: 'findings.approve' } },
      schema: { tags, params: IdParamSchema, body: MinistryApprovalSchema, response: { 200: FindingDetailSchema } },
    },
    async (request) => approveRiskAcceptance(deps, request.ctx(), request.params.id, request.body),
  );
  app.post(
    '/scans/findings/:id/reopen',
    {
      config: { access: { permission: 'findings.dispose' } },
      schema: { tags, params: IdParamSchema, body: FindingReopenSchema, response: { 200: FindingDetailSchema } },
    },
    async (request) => reopenFinding(deps, request.ctx(), request.params.id, request.body),
  );
};
