import { CommitmentListQuerySchema, listAddress } from '@custodian/shared';
import { cardCountsByDay, countSnapshotRows } from '../../db/counts.js';
import type { Executor } from '../../db/client.js';
import { contracts } from '../../db/schema/index.js';
import { policyInForce } from '../../lib/policy.js';
import { TOTAL_ONLY, type DashboardCardSpec, type DashboardRegistration } from '../registry.js';
import { commitmentQueryFilters, commitmentsFromSql } from './agreements.repository.js';
import { agreementRulesOf } from './agreements.rules.js';

/*
 * Item 六 on the dashboard (ADR 0025): personal commitments (附件二) expired, and expiring
 * within each of the agreements section's reminder days (60, 30 and 7 by the seed's form),
 * counted with the commitments list's own filters. The reminder days are policy data: each
 * day of the snapshot counts with the rules in force that day, and the cards' labels and
 * links name the days in force on the day shown.
 */

const group = 'dashboard.registry.expiries';
/** The path of the web's commitments list (ADR 0011: its filters in the address). */
const LIST = '/agreements/commitments';
/** The cards by rank: the reminder days of the rules in force, longest first. */
const RANKS = ['first', 'second', 'third'] as const;

type Filter = Record<string, string | number>;
type Card = DashboardCardSpec & { filter: Filter };

const expiredCard = (): Card => ({
  id: 'agreements.commitmentsExpired',
  group,
  label: 'dashboard.registry.commitmentsExpired',
  to: listAddress(LIST, { expired: 'true' }),
  icon: 'calendar',
  tone: 'danger',
  filter: { expired: 'true' },
});

/** The cards on `day`: the expiring ones follow the reminder days in force that day. */
async function cardsOn(db: Executor, day: string): Promise<Card[]> {
  const { reminderDays } = agreementRulesOf((await policyInForce(db, day)).rules);
  const expiring = reminderDays.slice(0, RANKS.length).map((days, i): Card => ({
    id: `agreements.commitmentsExpiring.${RANKS[i]}`,
    group,
    label: 'dashboard.registry.commitmentsExpiring',
    labelParams: { days },
    to: listAddress(LIST, { expiringWithinDays: days }),
    icon: 'hourglass',
    tone: 'warning',
    filter: { expiringWithinDays: days },
  }));
  return [...expiring, expiredCard()];
}

/**
 * The commitment cards, per unit (乙方, the contract's unit) and per business owner for the
 * contracts they own, as the commitments list shows them.
 */
export const agreementsDashboard: DashboardRegistration = {
  cards: async (db, today) => (await cardsOn(db, today)).map(({ filter: _filter, ...card }) => card),
  countSql: async (db, { orgIds, days }) => {
    const counts = [];
    for (const day of days) {
      const cards = await cardsOn(db, day);
      counts.push(
        ...cardCountsByDay(cards, [day], (card, today) =>
          commitmentQueryFilters(CommitmentListQuerySchema.parse({ ...TOTAL_ONLY, ...card.filter }), { today }),
        ),
      );
    }
    return countSnapshotRows({
      from: commitmentsFromSql,
      orgId: contracts.unitId,
      supervisors: { column: contracts.ownerUserId },
      orgIds,
      counts,
    });
  },
};
