import { addDurationToDay } from '@custodian/shared';
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
  saveSnapshot,
  sumCounts,
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
 * - the `dashboard.refresh` job rebuilds everything after midnight (Asia/Taipei) and when a
 *   process starts: the counts that depend on the day ("expired", "overdue") move with it;
 * - a request that finds no snapshot for today (the job has not run for a day, a rule set
 *   was published, a new card was deployed) rebuilds it before reading.
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

/** Whether the snapshot holds `today`'s numbers of exactly these cards. */
function isCurrent(snapshot: SnapshotRow | undefined, today: string, cards: readonly string[]): boolean {
  return (
    snapshot !== undefined &&
    snapshot.firstDay <= today &&
    today <= snapshot.lastDay &&
    snapshot.cards.length === cards.length &&
    snapshot.cards.every((id, i) => id === cards[i])
  );
}

/** The modules' cards without their numbers, in module order, as shown on `today`. */
export async function dashboardCardSpecs(
  db: Executor,
  dashboards: readonly DashboardRegistration[],
  today: string,
): Promise<DashboardCardSpec[]> {
  // In turn, not Promise.all: `db` may be a transaction.
  const specs: DashboardCardSpec[] = [];
  for (const dashboard of dashboards) {
    specs.push(...(await dashboard.cards(db, today)));
  }
  return specs;
}

/**
 * Rebuilds the snapshot from the records: every card of every organisation, on the Taipei
 * day of `now` and the next. With `onlyIfStale`, does nothing when the snapshot already
 * holds today's numbers of the registered cards (a request that found it stale, while
 * another rebuilt it). Holds the snapshot lock exclusively: organisations' refreshes wait.
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
    const cards = (await dashboardCardSpecs(tx, dashboards, today)).map((c) => c.id);
    if (options.onlyIfStale && isCurrent(await findSnapshot(tx), today, cards)) {
      return { rebuilt: false };
    }
    await deleteCounts(tx, 'all');
    for (const dashboard of dashboards) {
      await insertCounts(tx, await dashboard.countSql(tx, { orgIds: 'all', days }));
    }
    await sumTotals(tx);
    await saveSnapshot(tx, { firstDay: today, lastDay: days.at(-1) ?? today, cards, refreshedAt: now });
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
 * The cards' numbers for a scope on the Taipei day of `now`, from the snapshot (rebuilt
 * first when it does not hold that day's numbers of these cards).
 */
export async function readCardCounts(
  deps: Deps,
  options: { scope: RegistryScope; now: Date; cards: readonly string[] },
): Promise<Map<string, number>> {
  const { scope, now, cards } = options;
  const today = taipeiToday(now);
  if (!isCurrent(await findSnapshot(deps.db), today, cards)) {
    await rebuildDashboardSnapshot(deps, now, { onlyIfStale: true });
  }
  return sumCounts(deps.db, { day: today, scope });
}
