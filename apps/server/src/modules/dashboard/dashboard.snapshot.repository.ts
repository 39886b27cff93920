import { eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/client.js';
import { dashboardCounts, dashboardSnapshot, dashboardTotals } from '../../db/schema/index.js';
import type { RegistryScope } from '../../lib/tenancy.js';
import type { DashboardCardSpec } from '../registry.js';

/*
 * The dashboard's snapshot tables (ADR 0025): only this file writes them. A rebuild holds
 * the snapshot lock exclusively; a refresh of some organisations holds it shared, and each
 * organisation's lock exclusively, so two changes of one organisation recount in turn
 * (the second sees the first) and a rebuild never interleaves with a refresh.
 */

/** Arbitrary constant ('DASH') for the snapshot's advisory locks. */
const SNAPSHOT_LOCK = 0x4441_5348;
const SNAPSHOT_ID = 1;

export type SnapshotRow = typeof dashboardSnapshot.$inferSelect;

/** Takes the snapshot lock until the transaction ends: exclusive to rebuild, shared to refresh organisations. */
export async function lockSnapshot(tx: Executor, mode: 'rebuild' | 'refresh'): Promise<void> {
  await tx.execute(
    mode === 'rebuild'
      ? sql`select pg_advisory_xact_lock(${SNAPSHOT_LOCK}::bigint)`
      : sql`select pg_advisory_xact_lock_shared(${SNAPSHOT_LOCK}::bigint)`,
  );
}

/** Takes each organisation's count lock until the transaction ends, in id order (no deadlock between two changes). */
export async function lockOrganisationCounts(tx: Executor, orgIds: readonly string[]): Promise<void> {
  for (const orgId of [...orgIds].sort()) {
    await tx.execute(sql`select pg_advisory_xact_lock(${SNAPSHOT_LOCK}::int, hashtext(${orgId}::text))`);
  }
}

/** The snapshot's coverage, if there is one. */
export async function findSnapshot(db: Executor): Promise<SnapshotRow | undefined> {
  const [row] = await db.select().from(dashboardSnapshot).where(eq(dashboardSnapshot.id, SNAPSHOT_ID)).limit(1);
  return row;
}

/** Records what a rebuild covered. */
export async function saveSnapshot(tx: Executor, values: Omit<SnapshotRow, 'id'>): Promise<void> {
  await tx
    .insert(dashboardSnapshot)
    .values({ id: SNAPSHOT_ID, ...values })
    .onConflictDoUpdate({ target: dashboardSnapshot.id, set: values });
}

/** After a rebuild: the totals over every organisation, and the planner's statistics (PGlite runs no autovacuum). */
export async function sumTotals(tx: Executor): Promise<void> {
  const c = dashboardCounts;
  await tx.execute(
    sql`insert into ${dashboardTotals} (day, card, value)
      select ${c.day}, ${c.card}, sum(${c.value}) from ${c} where ${c.ownerUserId} is null group by ${c.day}, ${c.card}`,
  );
  await tx.execute(sql`analyze ${dashboardCounts}`);
}

/** Some organisations' counts on some days summed per day and card (`day|card` → value), without the owners' rows. */
export async function sumOrganisationCounts(
  tx: Executor,
  options: { orgIds: readonly string[]; days: readonly string[] },
): Promise<Map<string, number>> {
  const c = dashboardCounts;
  const rows = await queryRows<{ day: string; card: string; n: number }>(
    tx,
    sql`select ${c.day}::text as day, ${c.card} as card, sum(${c.value})::int as n from ${c}
      where ${c.day} = any(${sql.param([...options.days])}::date[])
        and ${c.orgId} = any(${sql.param([...options.orgIds])}::uuid[]) and ${c.ownerUserId} is null
      group by ${c.day}, ${c.card}`,
  );
  return new Map(rows.map((r) => [`${r.day}|${r.card}`, Number(r.n)]));
}

/**
 * Adds differences to the totals, in (day, card) order so that two refreshes lock the rows
 * in the same order; the increments of concurrent refreshes add up (each waits for the
 * other's row, then adds to its committed value).
 */
export async function addToTotals(
  tx: Executor,
  deltas: readonly { day: string; card: string; delta: number }[],
): Promise<void> {
  const rows = deltas.filter((d) => d.delta !== 0);
  if (rows.length === 0) {
    return;
  }
  await tx.execute(
    sql`insert into ${dashboardTotals} (day, card, value)
      select day, card, delta from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(day date, card text, delta int)
      order by day, card
      on conflict (day, card) do update set value = ${dashboardTotals.value} + excluded.value`,
  );
}

/** Drops the snapshot: the next read (or the refresh job) rebuilds it. */
export async function deleteSnapshot(tx: Executor): Promise<void> {
  await tx.delete(dashboardSnapshot);
}

/**
 * Deletes every count and total (a rebuild: TRUNCATE, which leaves no dead rows behind, as
 * PGlite runs no autovacuum; readers wait for the rebuild to commit), or the counts of some
 * organisations on some days.
 */
export async function deleteCounts(
  tx: Executor,
  which: 'all' | { orgIds: readonly string[]; days: readonly string[] },
): Promise<void> {
  if (which === 'all') {
    await tx.execute(sql`truncate ${dashboardCounts}, ${dashboardTotals}`);
    return;
  }
  await tx
    .delete(dashboardCounts)
    .where(
      sql`${dashboardCounts.day} = any(${sql.param([...which.days])}::date[]) and ${dashboardCounts.orgId} = any(${sql.param([...which.orgIds])}::uuid[])`,
    );
}

/** Inserts the rows a module's count query selects (`DashboardRegistration.countSql`). */
export async function insertCounts(tx: Executor, select: SQL): Promise<void> {
  await tx.execute(
    sql`insert into ${dashboardCounts} (card, day, org_id, owner_user_id, value) select card, day, org_id, owner_user_id, value from (${select}) c`,
  );
}

/** What a read of the snapshot found: the day's cards and a scope's numbers (none when it does not hold the day). */
export type SnapshotRead = {
  snapshot: { cards: DashboardCardSpec[]; counts: Map<string, number> } | undefined;
  /** The columns asked for `alongside`, in the same round trip. */
  alongside: Record<string, unknown>;
};

/**
 * The cards of `day` with their numbers for a scope, in one round trip (with other columns
 * `alongside`, e.g. the foundation's counts). A scope's numbers are the sum over its
 * organisations; a business owner adds the counts of the records they see through the
 * contracts they own in organisations outside their scope (so nothing is counted twice); the
 * Ministry reads the totals.
 */
export async function readSnapshot(
  db: Executor,
  options: { day: string; scope: RegistryScope; alongside?: SQL },
): Promise<SnapshotRead> {
  const { day, scope } = options;
  const c = dashboardCounts;
  let rows: SQL;
  if (scope.kind === 'all') {
    const t = dashboardTotals;
    rows = sql`select ${t.card}, ${t.value} from ${t} where ${t.day} = ${day}::date`;
  } else {
    const orgIds = sql`${sql.param(scope.orgIds)}::uuid[]`;
    rows = sql`select ${c.card}, ${c.value} from ${c}
      where ${c.day} = ${day}::date and ${c.orgId} = any(${orgIds}) and ${c.ownerUserId} is null`;
    if (scope.supervisorId) {
      rows = sql`${rows} union all select ${c.card}, ${c.value} from ${c}
        where ${c.ownerUserId} = ${scope.supervisorId}::uuid and ${c.day} = ${day}::date and ${c.orgId} <> all(${orgIds})`;
    }
  }
  const s = dashboardSnapshot;
  const [row] = await queryRows<{ cards: DashboardCardSpec[] | null; counts: Record<string, number> | null }>(
    db,
    sql`select ${s.cards} -> ${day}::text as cards,
      (select json_object_agg(g.card, g.n) from (select card, sum(value)::int as n from (${rows}) r group by card) g) as counts
      ${options.alongside ? sql`, ${options.alongside}` : sql``}
      from (select 1) one left join ${s}
        on ${s.id} = ${SNAPSHOT_ID} and ${s.firstDay} <= ${day}::date and ${day}::date <= ${s.lastDay}`,
  );
  const { cards = null, counts = null, ...alongside } = row ?? {};
  return {
    snapshot: cards
      ? { cards, counts: new Map(Object.entries(counts ?? {}).map(([card, n]) => [card, Number(n)])) }
      : undefined,
    alongside,
  };
}
