import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditEventSchema, AuditQuerySchema, AuditVerifySchema, pageOf } from '@custodian/shared';
import type { AppDeps } from '../../lib/context.js';
import { exportAuditEventsCsv } from './audit.export.js';
import { searchAuditEvents } from './audit.service.js';
import { verifyAuditChain } from './audit.verify.js';

const tags = ['audit'];

/** /api/v1/audit-events and /api/v1/audit/verify: the audit trail (items 三十一, 三十七). */
export const auditRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/audit-events',
    {
      config: { access: { permission: 'audit.read' } },
      schema: { tags, querystring: AuditQuerySchema, response: { 200: pageOf(AuditEventSchema) } },
    },
    async (request) => searchAuditEvents(deps, request.ctx(), request.query),
  );
  app.get(
    '/audit-events/export.csv',
    {
      config: { access: { permission: 'audit.read' } },
      schema: { tags, querystring: AuditQuerySchema, produces: ['text/csv'] },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      const stream = await exportAuditEventsCsv(deps, ctx, request.query);
      const day = ctx.now.toISOString().slice(0, 10).replaceAll('-', '');
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-events-${day}.csv"`)
        .header('cache-control', 'no-store')
        .send(stream);
    },
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
