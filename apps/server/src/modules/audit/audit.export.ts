import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Locale } from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { findAuditEventsBefore, type AuditFilter, type AuditRowWithOrg } from './audit.repository.js';
import { actionsMatching, recordAudit, resolveAuditScope } from './audit.service.js';
import { resolveAuditTargets, type AuditCatalog, type ResolvedTarget } from './audit.labels.js';

/** Exports stop here; narrow the filter for more. */
export const EXPORT_MAX_ROWS = 100_000;
const BATCH = 1000;

const COLUMNS = [
  { key: 'seq', 'zh-TW': '序號', en: 'Seq' },
  { key: 'occurredAt', 'zh-TW': '時間 (UTC)', en: 'Time (UTC)' },
  { key: 'actorLabel', 'zh-TW': '操作者', en: 'Actor' },
  { key: 'actorUserId', 'zh-TW': '操作者編號', en: 'Actor ID' },
  { key: 'orgName', 'zh-TW': '機構', en: 'Organisation' },
  { key: 'orgId', 'zh-TW': '機構編號', en: 'Organisation ID' },
  { key: 'actionLabel', 'zh-TW': '動作', en: 'Action' },
  { key: 'action', 'zh-TW': '動作代碼', en: 'Action code' },
  { key: 'targetTypeLabel', 'zh-TW': '對象類型', en: 'Target type' },
  { key: 'targetName', 'zh-TW': '對象名稱', en: 'Target name' },
  { key: 'targetType', 'zh-TW': '對象類型代碼', en: 'Target type code' },
  { key: 'targetId', 'zh-TW': '對象編號', en: 'Target ID' },
  { key: 'summary', 'zh-TW': '異動摘要', en: 'Summary' },
  { key: 'ip', 'zh-TW': 'IP 位址', en: 'IP address' },
  { key: 'userAgent', 'zh-TW': '瀏覽器', en: 'User agent' },
] as const;

type ColumnKey = (typeof COLUMNS)[number]['key'];

/**
 * Spreadsheets run cells that start with = + - @ (or a tab or carriage return) as
 * formulas; a leading apostrophe makes them plain text (OWASP CSV injection).
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const DELETED: Record<Locale, string> = { 'zh-TW': '已刪除', en: 'deleted' };

function toRecord(
  row: AuditRowWithOrg,
  locale: Locale,
  catalog: AuditCatalog,
  target: ResolvedTarget,
): Record<ColumnKey, string> {
  const raw: Record<ColumnKey, string> = {
    seq: String(row.seq),
    occurredAt: row.occurredAt.toISOString(),
    actorLabel: row.actorLabel,
    actorUserId: row.actorUserId ?? '',
    orgName: row.orgName ?? '',
    orgId: row.orgId ?? '',
    actionLabel: catalog.actions.get(row.action)?.label[locale] ?? row.action,
    action: row.action,
    targetTypeLabel: catalog.targets.get(row.targetType)?.label[locale] ?? row.targetType,
    targetName: target.deleted ? `(${DELETED[locale]})` : (target.name ?? ''),
    targetType: row.targetType,
    targetId: row.targetId ?? '',
    summary: JSON.stringify(row.summary),
    ip: row.ip ?? '',
    userAgent: row.userAgent ?? '',
  };
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, neutraliseCell(v)])) as Record<ColumnKey, string>;
}

/** The header row in the caller's language. */
export function exportColumns(locale: Locale): { key: ColumnKey; header: string }[] {
  return COLUMNS.map((c) => ({ key: c.key, header: c[locale] }));
}

/**
 * Streams the audit events matching the filter, within the caller's scope and newest
 * first, as CSV (UTF-8 with a BOM so Excel shows Chinese), each action and target with its
 * label and name in the caller's language beside the raw codes. Reads in keyset batches, so
 * memory stays flat; stops at EXPORT_MAX_ROWS. The export itself is an audit event.
 */
export async function exportAuditEventsCsv(
  deps: AppDeps,
  ctx: RequestContext,
  catalog: AuditCatalog,
  filter: AuditFilter & { page?: number; pageSize?: number },
): Promise<Readable> {
  const scope = await resolveAuditScope(deps, ctx);
  const { page: _page, pageSize: _pageSize, ...criteria } = filter;
  await deps.db.transaction(async (tx) => {
    await recordAudit(tx, deps, ctx, {
      action: 'audit.export',
      orgId: ctx.actor?.orgId ?? null,
      targetType: 'audit_log',
      summary: { filter: criteria, maxRows: EXPORT_MAX_ROWS },
    });
  });
  async function* records(): AsyncGenerator<Record<ColumnKey, string>> {
    let beforeSeq: number | null = null;
    let sent = 0;
    while (sent < EXPORT_MAX_ROWS) {
      const limit = Math.min(BATCH, EXPORT_MAX_ROWS - sent);
      const batch = await findAuditEventsBefore(deps.db, {
        scope,
        filter: { ...criteria, qActions: actionsMatching(catalog, criteria.q) },
        beforeSeq,
        limit,
      });
      const targetOf = await resolveAuditTargets(deps.db, catalog, batch);
      for (const row of batch) {
        yield toRecord(row, ctx.locale, catalog, targetOf(row));
      }
      sent += batch.length;
      const last = batch.at(-1);
      if (!last || batch.length < limit) {
        return;
      }
      beforeSeq = last.seq;
    }
  }
  const csv = stringify({ bom: true, header: true, columns: exportColumns(ctx.locale), record_delimiter: 'windows' });
  const source = Readable.from(records());
  source.on('error', (err) => csv.destroy(err));
  return source.pipe(csv);
}
