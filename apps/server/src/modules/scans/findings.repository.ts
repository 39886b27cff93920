import { and, asc, eq, getTableColumns, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { FindingListQuery, FindingState } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { organisations, policyVersions, scanFindings, scans, systems } from '../../db/schema/index.js';
import {
  boundedTotal,
  estimateRows,
  EXACT_TOTAL_LIMIT,
  searchPage,
  sortOrder,
  type ListSort,
  type ListTotal,
} from '../../db/totals.js';
import type { RegistryScope } from '../../lib/tenancy.js';
import { systemsVisibleSql } from '../systems/systems.tenancy.js';

/** Queries of scan findings (issue 9): the Ministry-wide list, one finding, its lifecycle. */

/** The stored `severity_rank` of each severity (schema/scans.ts): the list's first sort key. */
export const SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3, info: 4 } as const;

/**
 * The findings list counts exactly up to this many matches, and estimates beyond. Lower than
 * the registry lists' 10,000: with 1,000,000 findings, the matches of a filter are scattered
 * over the table, and counting 10,001 of them read as many heap pages (100 ms and more on
 * PostgreSQL); 1,001 cost a few milliseconds. Within one system (its findings are one index
 * range) the registry lists' bound applies.
 */
export const FINDINGS_EXACT_TOTAL_LIMIT = 1_000;

/**
 * A search whose matches the planner estimates above this many walks the list's order index
 * at once (its total is that estimate); at or below, its matches are read and counted
 * (`searchPage`, exact up to FINDINGS_EXACT_TOTAL_LIMIT). Ten times the bound, so that a
 * search the planner overestimates still finds its page within a short walk.
 */
const SEARCH_WALK_ABOVE = 10 * 1_000;

/** The findings list's order: most severe first, then nearest due day (undated last), then id. */
const FINDING_SORT: ListSort = {
  keys: [
    { key: scanFindings.severityRank, direction: 'asc' },
    { key: scanFindings.dueOn, direction: 'asc' },
  ],
  id: scanFindings.id,
};

export type FindingRow = typeof scanFindings.$inferSelect & {
  systemName: string;
  orgName: string;
  orgNameEn: string | null;
  firstSeenAt: Date;
  policyVersion: number | null;
};

/**
 * Whether a finding counts as overdue on `today`: past its due day while open, or accepted as
 * a risk without the Ministry's approval. Derived, never stored.
 *
 * Under a state filter it is stated for that state alone (for `open`, just the due day), so
 * that the planner reads one range of scan_findings_state_list_idx and can count the matches
 * from the index; the general form's OR of states became a bitmap over every overdue row.
 */
export function overdueSql(today: string, state?: FindingState): SQL {
  const due = sql`${scanFindings.dueOn} < ${today}::date`;
  if (state === 'open') {
    return due;
  }
  if (state === 'risk_accepted') {
    return sql`(${due} and not ${scanFindings.ministryApproved})`;
  }
  if (state) {
    return sql`false`;
  }
  return sql`(${due} and ${scanFindings.state} in ('open', 'risk_accepted')
    and not (${scanFindings.state} = 'risk_accepted' and ${scanFindings.ministryApproved}))`;
}

const findingColumns = {
  ...getTableColumns(scanFindings),
  systemName: systems.name,
  orgName: organisations.name,
  orgNameEn: organisations.nameEn,
  firstSeenAt: scans.createdAt,
  policyVersion: policyVersions.version,
};

function findingSelect(db: Executor) {
  return db
    .select(findingColumns)
    .from(scanFindings)
    .innerJoin(systems, eq(systems.id, scanFindings.systemId))
    .innerJoin(organisations, eq(organisations.id, scanFindings.orgId))
    .innerJoin(scans, eq(scans.id, scanFindings.firstSeenScanId))
    .leftJoin(policyVersions, eq(policyVersions.id, scanFindings.policyVersionId));
}

const visible = (scope: RegistryScope) =>
  systemsVisibleSql(scope, { orgId: scanFindings.orgId, systemId: scanFindings.systemId });

/** The list's filters within a scope; the list and its export use this one definition. */
export function findingListFilters(scope: RegistryScope, query: FindingListQuery, today: string): SQL | undefined {
  return and(
    visible(scope),
    query.systemId ? eq(scanFindings.systemId, query.systemId) : undefined,
    query.orgId ? eq(scanFindings.orgId, query.orgId) : undefined,
    // By the stored rank, so that the list's order index serves the filter too.
    query.severity ? eq(scanFindings.severityRank, SEVERITY_RANK[query.severity]) : undefined,
    query.state ? eq(scanFindings.state, query.state) : undefined,
    query.tool ? eq(scanFindings.tool, query.tool) : undefined,
    query.cve ? sql`${scanFindings.cves} @> array[${query.cve}]::text[]` : undefined,
    query.overdue === 'true' ? overdueSql(today, query.state) : undefined,
    query.overdue === 'false' ? sql`not coalesce(${overdueSql(today, query.state)}, false)` : undefined,
    query.q
      ? or(
          sql`${scanFindings.title} ilike ${`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`,
          eq(scanFindings.ruleId, query.q),
        )
      : undefined,
  );
}

/** A page of findings, most severe first, then nearest due day (undated last), then id. */
export async function listFindings(
  db: Executor,
  options: { scope: RegistryScope; query: FindingListQuery; today: string },
): Promise<{ items: FindingRow[] } & ListTotal> {
  const { query } = options;
  const where = findingListFilters(options.scope, query, options.today);
  // As the other large lists (issue 12): a search reads its matches once for the page and
  // the total (through the title's trigram and the rule id's index); otherwise, or when the
  // search matches too many, the page's ids are an index range in the list's order
  // (scan_findings_list_idx and its state and tool variants). Totals are exact up to
  // FINDINGS_EXACT_TOTAL_LIMIT and the planner's estimate beyond (「約 … 筆」). Then the
  // page's 20 rows with their system and unit.
  const matching = () => db.select({ id: scanFindings.id }).from(scanFindings).where(where);
  // A search the planner expects to match far more than the bound (a common word: 33,000
  // findings name OpenSSL) skips reading its matches: walking the order index finds a page of
  // them at once, and reading 1,001 of them through the trigram index cost 20 ms a request.
  const estimated = query.q ? await estimateRows(db, matching()) : 0;
  const searched =
    query.q && estimated <= SEARCH_WALK_ABOVE
      ? await searchPage(
          db,
          FINDING_SORT,
          (columns, n) => db.select(columns).from(scanFindings).where(where).limit(n),
          query,
          FINDINGS_EXACT_TOTAL_LIMIT,
        )
      : undefined;
  const [ids, total] = searched
    ? [searched.ids, searched]
    : await Promise.all([
        matching()
          .orderBy(...sortOrder(FINDING_SORT))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .then((page) => page.map((r) => r.id)),
        query.q
          ? // More matches than the bound: the estimate, without counting them again.
            { total: Math.max(FINDINGS_EXACT_TOTAL_LIMIT + 1, estimated), totalIsEstimate: true }
          : // One system's findings are one range of its (system_id, fingerprint) index: counted as the other lists.
            boundedTotal(db, matching(), query.systemId ? EXACT_TOTAL_LIMIT : FINDINGS_EXACT_TOTAL_LIMIT),
      ]);
  const items =
    ids.length === 0
      ? []
      : await findingSelect(db)
          .where(inArray(scanFindings.id, ids))
          .orderBy(...sortOrder(FINDING_SORT));
  return { items, ...total };
}

/** One finding the scope may read. */
export async function findVisibleFinding(
  db: Executor,
  options: { scope: RegistryScope; id: string },
): Promise<FindingRow | undefined> {
  const [row] = await findingSelect(db)
    .where(and(eq(scanFindings.id, options.id), visible(options.scope)))
    .limit(1);
  return row;
}

/** Changes a finding's lifecycle fields. */
export async function updateFinding(
  db: Executor,
  id: string,
  values: Partial<typeof scanFindings.$inferInsert>,
  now: Date,
): Promise<void> {
  await db
    .update(scanFindings)
    .set({ ...values, updatedAt: now })
    .where(eq(scanFindings.id, id));
}

/**
 * Reopens every risk acceptance that expired before `today`, in one statement; returns the
 * reopened findings for the audit trail.
 */
export async function reopenExpiredRiskAcceptances(
  db: Executor,
  options: { today: string; now: Date },
): Promise<{ id: string; orgId: string; riskAcceptedUntil: string | null }[]> {
  return db
    .update(scanFindings)
    .set({ state: 'open', stateChangedAt: options.now, updatedAt: options.now, ministryApproved: false })
    .where(and(eq(scanFindings.state, 'risk_accepted'), lt(scanFindings.riskAcceptedUntil, options.today)))
    .returning({ id: scanFindings.id, orgId: scanFindings.orgId, riskAcceptedUntil: scanFindings.riskAcceptedUntil });
}

/**
 * The findings that keep a system from going online: Critical or High and open, or accepted
 * as a risk without the Ministry's approval. Up to `limit`, with their total.
 */
export async function findLaunchBlockingFindings(
  db: Executor,
  options: { systemId: string; limit: number },
): Promise<{ count: number; findings: { id: string; title: string; severity: 'critical' | 'high' }[] }> {
  const where = and(
    eq(scanFindings.systemId, options.systemId),
    inArray(scanFindings.severity, ['critical', 'high']),
    or(
      eq(scanFindings.state, 'open'),
      and(eq(scanFindings.state, 'risk_accepted'), eq(scanFindings.ministryApproved, false)),
    ),
  );
  const rows = await db
    .select({ id: scanFindings.id, title: scanFindings.title, severity: scanFindings.severity })
    .from(scanFindings)
    .where(where)
    .orderBy(asc(scanFindings.severityRank), asc(scanFindings.title), asc(scanFindings.id))
    .limit(options.limit);
  const [counted] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(scanFindings)
    .where(where);
  return {
    count: Number(counted?.n ?? 0),
    findings: rows.map((r) => ({ ...r, severity: r.severity === 'critical' ? 'critical' : 'high' })),
  };
}

/** The list's rows after `after` in id order (the export's keyset batches), under the list's filters. */
export async function findFindingsAfter(
  db: Executor,
  options: { scope: RegistryScope; query: FindingListQuery; today: string; after: string | undefined; limit: number },
): Promise<FindingRow[]> {
  return findingSelect(db)
    .where(
      and(
        findingListFilters(options.scope, options.query, options.today),
        options.after ? gt(scanFindings.id, options.after) : undefined,
      ),
    )
    .orderBy(asc(scanFindings.id))
    .limit(options.limit);
}
