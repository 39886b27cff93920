import { VendorQualificationListQuerySchema, listAddress } from '@custodian/shared';
import { cardCountsByDay, countSnapshotRows } from '../../db/counts.js';
import { vendorQualifications } from '../../db/schema/index.js';
import { TOTAL_ONLY, type DashboardCardSpec, type DashboardRegistration } from '../registry.js';
import { qualificationQueryFilters, qualificationsFromSql, type ExpiryRule } from './vendors.repository.js';
import { expiryRuleOn } from './vendors.service.js';

const group = 'dashboard.registry.expiries';
const EXPIRING = { status: 'expiring' } as const;
const EXPIRED = { status: 'expired' } as const;

/** Each card with the qualifications-list filter it counts and links to (both depend on the day). */
const CARDS: readonly (Omit<DashboardCardSpec, 'labelParams'> & { filter: Record<string, string> })[] = [
  {
    id: 'vendors.qualificationsExpiring',
    group,
    label: 'dashboard.registry.qualificationsExpiring',
    to: listAddress('/vendors', EXPIRING),
    icon: 'safety-certificate',
    tone: 'warning',
    filter: EXPIRING,
  },
  {
    id: 'vendors.qualificationsExpired',
    group,
    label: 'dashboard.registry.qualificationsExpired',
    to: listAddress('/vendors', EXPIRED),
    icon: 'file-protect',
    tone: 'danger',
    filter: EXPIRED,
  },
];

/**
 * The vendor qualifications' dashboard cards (ADR 0025): expiring and expired certificates,
 * counted per organisation with the list's filters on each day, under the warning period of
 * the rule set in force that day (so a rule set taking effect tomorrow counts tomorrow).
 */
export const vendorsDashboard: DashboardRegistration = {
  cards: async (db, today) => {
    const { warningDays } = await expiryRuleOn(db, today);
    return CARDS.map(({ filter: _filter, ...card }) =>
      card.id === 'vendors.qualificationsExpiring' ? { ...card, labelParams: { days: warningDays } } : card,
    );
  },
  countSql: async (db, { orgIds, days }) => {
    const rules = new Map<string, ExpiryRule>();
    for (const day of days) {
      rules.set(day, await expiryRuleOn(db, day));
    }
    return countSnapshotRows({
      from: qualificationsFromSql,
      orgId: vendorQualifications.orgId,
      orgIds,
      counts: cardCountsByDay(CARDS, days, (card, day) => {
        const rule = rules.get(day) ?? { today: day, warningDays: 0 };
        return qualificationQueryFilters(
          VendorQualificationListQuerySchema.parse({ ...TOTAL_ONLY, ...card.filter }),
          rule,
        );
      }),
    });
  },
};
