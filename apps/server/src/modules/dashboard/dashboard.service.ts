import type { Dashboard } from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { requireActor, resolveOrgScope } from '../../lib/tenancy.js';
import type { DashboardCards } from '../registry.js';
import { countAuditEventsSince, countOrganisationsByKind, countUsers } from './dashboard.repository.js';

const DAY_MS = 24 * 3_600_000;

/**
 * Real counts for the dashboard, limited to what the caller may see: the foundation's own
 * (organisations, accounts, audit events) and the cards the modules registered (ADR 0018),
 * each the total of the module's own list under the filter its card links to, so the
 * definitions and the tenancy are the lists' own and a number can never disagree with the
 * list it opens.
 */
export async function getDashboard(
  deps: AppDeps,
  ctx: RequestContext,
  moduleCards: readonly DashboardCards[],
  now = new Date(),
): Promise<Dashboard> {
  const scope = await resolveOrgScope(deps.db, requireActor(ctx.actor));
  const [orgs, users, auditEventsLast24h, cards] = await Promise.all([
    countOrganisationsByKind(deps.db, scope),
    countUsers(deps.db, scope, now),
    countAuditEventsSince(deps.db, scope, new Date(now.getTime() - DAY_MS)),
    Promise.all(moduleCards.map((cardsOf) => cardsOf(deps, ctx))),
  ]);
  return {
    organisations: { division: orgs.division ?? 0, unit: orgs.unit ?? 0, vendor: orgs.vendor ?? 0 },
    users,
    auditEventsLast24h,
    cards: cards.flat(),
  };
}
