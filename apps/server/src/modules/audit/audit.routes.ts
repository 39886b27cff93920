import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AuditActionCatalogSchema,
  AuditEventSchema,
  AuditQuerySchema,
  AuditVerifySchema,
  pageOf,
} from '@custodian/shared';
import type { ModuleRouteOptions } from '../registry.js';
import { exportAuditEventsCsv } from './audit.export.js';
import { auditCatalogOf } from './audit.labels.js';
import { listAuditActions, searchAuditEvents } from './audit.service.js';
import { verifyAuditChain } from './audit.verify.js';

const tags = ['audit'];

/** /api/v1/audit-events and /api/v1/audit/verify: the audit trail (items 三十一, 三十七). */
export const auditRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (app, { deps, modules }) => {
  // The labels and target look-ups every module registered (ADR 0018).
  const catalog = auditCatalogOf(modules);
  app.get(
    '/audit-events',
    {
      config: { access: { permission: 'audit.read' } },
      schema: { tags, querystring: AuditQuerySchema, response: { 200: pageOf(AuditEventSchema) } },
    },
    async (request) => searchAuditEvents(deps, request.ctx(), catalog, request.query),
  );
  app.get(
    '/audit-events/export.csv',
    {
      config: { access: { permission: 'audit.read' } },
      schema: { tags, querystring: AuditQuerySchema, produces: ['text/csv'] },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      const stream = await exportAuditEventsCsv(deps, ctx, catalog, request.query);
      const day = ctx.now.toISOString().slice(0, 10).replaceAll('-', '');
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-events-${day}.csv"`)
        .header('cache-control', 'no-store')
        .send(stream);
    },
  );
  app.get(
    '/audit/actions',
    {
      config: { access: { permission: 'audit.read' } },
      schema: {
        tags,
        summary: 'Audit actions and their labels',
        response: { 200: AuditActionCatalogSchema },
      },
    },
    async (request) => listAuditActions(request.ctx(), catalog),
  );
  app.get(
    '/audit/verify',
    {
      config: { access: { permission: 'audit.verify' } },
      schema: { tags, response: { 200: AuditVerifySchema } },
    },
    async (request) => verifyAuditChain(deps, request.ctx()),
  );
};
