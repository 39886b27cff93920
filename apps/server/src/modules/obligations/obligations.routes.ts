import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { loadExcelJS } from '../../lib/excel.js';
import {
  CalendarFeedCreatedSchema,
  CalendarFeedStatusSchema,
  IdParamSchema,
  ObligationCountsSchema,
  ObligationDetailSchema,
  ObligationDoneSchema,
  ObligationItemSchema,
  ObligationListFilterSchema,
  ObligationListQuerySchema,
  ObligationSnapshotQuerySchema,
  ObligationSnapshotsSchema,
  ObligationTodoSchema,
  ObligationWaiveSchema,
  pageOf,
  taipeiToday,
  WORKING_DAYS_MAX_BYTES,
  WorkingDayCalendarSchema,
  WorkingDayImportResultSchema,
  WorkingDayQuerySchema,
  WorkingDayYearsSchema,
} from '@custodian/shared';
import type { AppDeps } from '../../lib/context.js';
import { requireActor, resolveOrgScope } from '../../lib/tenancy.js';
import { AppError } from '../../errors.js';
import { createFeed, feedStatus, renderFeed, revokeFeed } from './calendar-feed.service.js';
import {
  counts,
  getObligation,
  listObligations,
  markDone,
  presentItem,
  queryInstances,
  snapshots,
  todo,
  waive,
} from './obligations.service.js';
import { getWorkingDays, importWorkingDays, listWorkingDayYears } from './working-days.service.js';

const tags = ['obligations'];
/** Rows an export holds at most. */
const EXPORT_MAX_ROWS = 50_000;

/** /api/v1/obligations, /working-days, /account/calendar-feed and the public /calendar feed (issue 13). */
export const obligationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  // Only the working-day import reads multipart, one small CSV file.
  await app.register(multipart, {
    limits: { files: 1, fields: 2, parts: 3, headerPairs: 20, fileSize: WORKING_DAYS_MAX_BYTES + 1 },
  });
  app.get(
    '/obligations/todo',
    { config: { access: { roles: 'any' } }, schema: { tags, response: { 200: ObligationTodoSchema } } },
    async (request) => todo(deps, request.ctx()),
  );
  app.get(
    '/obligations/counts',
    { config: { access: { roles: 'any' } }, schema: { tags, response: { 200: ObligationCountsSchema } } },
    async (request) => counts(deps, request.ctx()),
  );
  app.get(
    '/obligations/snapshots',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, querystring: ObligationSnapshotQuerySchema, response: { 200: ObligationSnapshotsSchema } },
    },
    async (request) => snapshots(deps, request.ctx(), request.query),
  );
  app.get(
    '/obligations/export.xlsx',
    { config: { access: { roles: 'any' } }, schema: { tags, querystring: ObligationListFilterSchema } },
    async (request, reply) => {
      const ctx = request.ctx();
      const today = taipeiToday(ctx.now);
      const actor = requireActor(ctx.actor);
      const scope = await resolveOrgScope(deps.db, actor);
      const rows = await queryInstances(deps.db, scope, request.query, today, { limit: EXPORT_MAX_ROWS, offset: 0 });
      const excel = await loadExcelJS();
      const book = new excel.Workbook();
      const sheet = book.addWorksheet('義務');
      sheet.columns = [
        { header: '條款點次', key: 'item', width: 10 },
        { header: '義務', key: 'title', width: 50 },
        { header: '狀態', key: 'state', width: 10 },
        { header: '到期日', key: 'dueOn', width: 12 },
        { header: '單位', key: 'org', width: 30 },
        { header: '負責人', key: 'responsible', width: 16 },
        { header: '對象', key: 'subject', width: 30 },
      ];
      const stateNames = { upcoming: '未到期', due: '即將到期', overdue: '逾期', done: '已完成', waived: '已豁免' };
      for (const r of rows.map((row) => presentItem(row, today, actor.role))) {
        sheet.addRow({
          item: r.item,
          title: r.title.text,
          state: stateNames[r.state],
          dueOn: r.dueOn,
          org: r.orgName,
          responsible: r.responsibleName ?? '',
          subject: r.subject.name,
        });
      }
      const buffer = Buffer.from(await book.xlsx.writeBuffer());
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="obligations-${today}.xlsx"`)
        .send(buffer);
    },
  );
  app.get(
    '/obligations',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, querystring: ObligationListQuerySchema, response: { 200: pageOf(ObligationItemSchema) } },
    },
    async (request) => listObligations(deps, request.ctx(), request.query),
  );
  app.get(
    '/obligations/:id',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, params: IdParamSchema, response: { 200: ObligationDetailSchema } },
    },
    async (request) => getObligation(deps, request.ctx(), request.params.id),
  );
  app.post(
    '/obligations/:id/done',
    {
      config: { access: { permission: 'obligations.complete' } },
      schema: { tags, params: IdParamSchema, body: ObligationDoneSchema, response: { 200: ObligationDetailSchema } },
    },
    async (request) => markDone(deps, request.ctx(), request.params.id, request.body),
  );
  app.post(
    '/obligations/:id/waive',
    {
      config: { access: { permission: 'obligations.waive' } },
      schema: { tags, params: IdParamSchema, body: ObligationWaiveSchema, response: { 200: ObligationDetailSchema } },
    },
    async (request) => waive(deps, request.ctx(), request.params.id, request.body),
  );

  app.get(
    '/working-days/years',
    { config: { access: { roles: 'any' } }, schema: { tags, response: { 200: WorkingDayYearsSchema } } },
    async (request) => listWorkingDayYears(deps, request.ctx()),
  );
  app.get(
    '/working-days',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, querystring: WorkingDayQuerySchema, response: { 200: WorkingDayCalendarSchema } },
    },
    async (request) => getWorkingDays(deps, request.query.year),
  );
  app.post(
    '/working-days/import',
    {
      config: { access: { permission: 'working-days.import' } },
      schema: { tags, consumes: ['multipart/form-data'], response: { 200: WorkingDayImportResultSchema } },
    },
    async (request) => {
      let bytes: Buffer;
      try {
        const file = await request.file();
        if (!file) {
          throw new AppError('VALIDATION_FAILED');
        }
        bytes = await file.toBuffer();
        if (file.file.truncated || bytes.length > WORKING_DAYS_MAX_BYTES) {
          throw new AppError('WORKING_DAYS_FILE_TOO_LARGE');
        }
      } catch (err) {
        if (err instanceof AppError) {
          throw err;
        }
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new AppError('WORKING_DAYS_FILE_TOO_LARGE');
        }
        throw new AppError('VALIDATION_FAILED');
      }
      return importWorkingDays(deps, request.ctx(), bytes);
    },
  );

  app.get(
    '/account/calendar-feed',
    { config: { access: { roles: 'any' } }, schema: { tags, response: { 200: CalendarFeedStatusSchema } } },
    async (request) => feedStatus(deps, request.ctx()),
  );
  app.post(
    '/account/calendar-feed',
    {
      config: { access: { roles: 'any', allowTokens: false } },
      schema: { tags, response: { 201: CalendarFeedCreatedSchema } },
    },
    async (request, reply) => reply.status(201).send(await createFeed(deps, request.ctx())),
  );
  app.delete(
    '/account/calendar-feed',
    { config: { access: { roles: 'any', allowTokens: false } }, schema: { tags } },
    async (request, reply) => {
      await revokeFeed(deps, request.ctx());
      return reply.status(204).send();
    },
  );
  app.get(
    '/calendar/:file',
    {
      config: { access: { public: true } },
      schema: { tags, params: z.object({ file: z.string().max(100).describe('<token>.ics') }) },
    },
    async (request, reply) => {
      const body = await renderFeed(deps, request.ctx().now, request.params.file);
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
};
