import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { addDurationToDay, type DashboardCard } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import type { AppDeps } from '../../lib/context.js';
import { taipeiToday } from '../../lib/policy.js';
import type { OrgRecordsListener } from '../../lib/record-changes.js';
import type { RegistryScope } from '../../lib/tenancy.js';
import { moduleDashboards, type DashboardCardSpec, type DashboardRegistration } from '../registry.js';
import {
  addToTotals,
  deleteCounts,
  deleteSnapshot,
  findSnapshot,
  insertCounts,
  lockOrganisationCounts,
  lockSnapshot,
  readSnapshot,
  saveSnapshot,
  sumOrganisationCounts,
  sumTotals,
  type SnapshotRow,
} from './dashboard.snapshot.repository.js';

/*
 * The dashboard's snapshot (issue 12, ADR 0025). The modules' cards are counted per
 * organisation (and per business owner who sees records through a contract) into
 * `dashboard_counts`, for the Taipei day of the count and the next one; a request sums the
 * rows of its scope for today. Three things keep it current:
 *
 * - every write path, in its transaction, through `orgRecordsChanged` (lib/record-changes.ts):
 *   the changed organisations are recounted before the change commits;
 * - the `dashboard.refresh` job rebuilds everything after midnight (Asia/Taipei), when the
 *   counts that depend on the day ("expired", "overdue") move on, and when a process starts
 *   whose code counts differently from the snapshot's (its fingerprint) or on a stale one;
 * - a request that finds no snapshot for today (the job has not run for a day, a rule set
 *   was published) rebuilds it before reading.
 *
 * The snapshot also holds the cards as shown on each of its days (titles, links, a rule's
 * number in a label), so a request reads cards and numbers in one query.
 */

type Deps = Pick<AppDeps, 'db' | 'modules'>;

/** The days a snapshot taken on `today` counts: today, and tomorrow so that midnight needs no rebuild. */
function snapshotDays(today: string): string[] {
  return [today, addDurationToDay(today, 'P1D')];
}

/** Every day from `first` to `last`, both included. */
function daysOf(snapshot: SnapshotRow): string[] {
  const days = [snapshot.firstDay];
  while ((days.at(-1) ?? snapshot.lastDay) < snapshot.lastDay) {
    days.push(addDurationToDay(days.at(-1) ?? snapshot.lastDay, 'P1D'));
  }
  return days;
}

/** Whether the snapshot holds `today`'s numbers, counted as this code counts them. */
function isCurrent(snapshot: SnapshotRow | undefined, today: string, fingerprint: string): boolean {
  return (
    snapshot !== undefined &&
    snapshot.firstDay <= today &&
    today <= snapshot.lastDay &&
    snapshot.fingerprint === fingerprint
  );
}

/** A day no rule set is published for (before the first one takes effect), for the fingerprint. */
const FINGERPRINT_DAY = '2000-01-01';

/**
 * How this code shows and counts the cards: a hash of every module's cards and count query
 * (its SQL text and parameters) on one fixed day. A new card, filter or tenancy rule changes
 * it; new records and new days do not.
 */
async function countingFingerprint(db: Executor, dashboards: readonly DashboardRegistration[]): Promise<string> {
  const dialect = new PgDialect();
  const hash = createHash('sha256');
  for (const dashboard of dashboards) {
    const query = dialect.sqlToQuery(await dashboard.countSql(db, { orgIds: 'all', days: [FINGERPRINT_DAY] }));
    hash.update(JSON.stringify([await dashboard.cards(db, FINGERPRINT_DAY), query.sql, query.params]));
  }
  return hash.digest('hex');
}

/** The modules' cards without their numbers, in module order, as shown on `day`. */
async function cardSpecs(
  db: Executor,
  dashboards: readonly DashboardRegistration[],
  day: string,
): Promise<DashboardCardSpec[]> {
  // In turn, not Promise.all: `db` is a transaction.
  const specs: DashboardCardSpec[] = [];
  for (const dashboard of dashboards) {
    specs.push(...(await dashboard.cards(db, day)));
  }
  return specs;
}

/**
 * Rebuilds the snapshot from the records: every card of every organisation, on the Taipei
 * day of `now` and the next, with the cards as shown on each day. With `onlyIfStale`, does
 * nothing when the snapshot already holds today, counted as this code counts (a request
 * that found it stale while another rebuilt it; a process starting on a current snapshot).
 * Holds the snapshot lock exclusively: organisations' refreshes wait.
 */
export async function rebuildDashboardSnapshot(
  deps: Deps,
  now: Date,
  options: { onlyIfStale?: boolean } = {},
): Promise<{ rebuilt: boolean }> {
  const today = taipeiToday(now);
  const days = snapshotDays(today);
  const dashboards = moduleDashboards(deps.modules);
  return deps.db.transaction(async (tx) => {
    await lockSnapshot(tx, 'rebuild');
    const fingerprint = await countingFingerprint(tx, dashboards);
    if (options.onlyIfStale && isCurrent(await findSnapshot(tx), today, fingerprint)) {
      return { rebuilt: false };
    }
    const cards: Record<string, DashboardCardSpec[]> = {};
    for (const day of days) {
      cards[day] = await cardSpecs(tx, dashboards, day);
    }
    await deleteCounts(tx, 'all');
    for (const dashboard of dashboards) {
      await insertCounts(tx, await dashboard.countSql(tx, { orgIds: 'all', days }));
    }
    await sumTotals(tx);
    await saveSnapshot(tx, { firstDay: today, lastDay: days.at(-1) ?? today, cards, fingerprint, refreshedAt: now });
    return { rebuilt: true };
  });
}

/**
 * Recounts the changed organisations inside the transaction of the change (the dashboard's
 * `onOrgRecordsChanged`), for the days the snapshot holds. Without a snapshot for today
 * there is nothing to keep: the next read rebuilds it whole. A change that reaches every
 * organisation (a rule set published) drops the snapshot instead of recounting them all in
 * the change's transaction.
 */
export const refreshOrganisationCounts: OrgRecordsListener = async (tx, deps, { orgIds, now }) => {
  if (orgIds === 'all') {
    await lockSnapshot(tx, 'rebuild');
    await deleteSnapshot(tx);
    return;
  }
  await lockSnapshot(tx, 'refresh');
  const snapshot = await findSnapshot(tx);
  const today = taipeiToday(now);
  if (!snapshot || today < snapshot.firstDay || snapshot.lastDay < today) {
    return;
  }
  await lockOrganisationCounts(tx, orgIds);
  const days = daysOf(snapshot);
  const before = await sumOrganisationCounts(tx, { orgIds, days });
  await deleteCounts(tx, { orgIds, days });
  for (const dashboard of moduleDashboards(deps.modules)) {
    await insertCounts(tx, await dashboard.countSql(tx, { orgIds, days }));
  }
  const after = await sumOrganisationCounts(tx, { orgIds, days });
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  await addToTotals(
    tx,
    keys.map((key) => {
      const [day = '', card = ''] = key.split('|');
      return { day, card, delta: (after.get(key) ?? 0) - (before.get(key) ?? 0) };
    }),
  );
};

/**
 * The cards of the Taipei day of `now` with their numbers for a scope, from the snapshot
 * (rebuilt first when it does not hold that day), and the columns asked for `alongside`,
 * read in the same query.
 */
export async function readDashboardCards(
  deps: Deps,
  options: { scope: RegistryScope; now: Date; alongside?: SQL },
): Promise<{ cards: DashboardCard[]; alongside: Record<string, unknown> }> {
  const { scope, now } = options;
  const day = taipeiToday(now);
  const first = await readSnapshot(deps.db, {
    day,
    scope,
    ...(options.alongside ? { alongside: options.alongside } : {}),
  });
  let snapshot = first.snapshot;
  if (!snapshot) {
    await rebuildDashboardSnapshot(deps, now, { onlyIfStale: true });
    snapshot = (await readSnapshot(deps.db, { day, scope })).snapshot;
  }
  const counts = snapshot?.counts ?? new Map<string, number>();
  return {
    cards: (snapshot?.cards ?? []).map((card) => ({ ...card, value: counts.get(card.id) ?? 0 })),
    alongside: first.alongside,
  };
}
