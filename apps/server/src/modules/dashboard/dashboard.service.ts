import type { Dashboard } from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { taipeiToday } from '../../lib/policy.js';
import { requireActor, resolveRegistryScope, type OrgScope } from '../../lib/tenancy.js';
import { moduleDashboards } from '../registry.js';
import { countAuditEventsSince, countOrganisationsByKind, countUsers } from './dashboard.repository.js';
import { dashboardCardSpecs, readCardCounts } from './dashboard.snapshot.js';

const DAY_MS = 24 * 3_600_000;

/**
 * Real counts for the dashboard, limited to what the caller may see: the foundation's own
 * (organisations, accounts, audit events of the last 24 hours), counted live because their
 * rows are no more than the scope's own organisations and accounts, or a window of time;
 * and the cards the modules registered (ADR 0018), each the total of the module's own list
 * under the filter its card links to, read from the snapshot (ADR 0025), which counts them
 * per organisation with the lists' own definitions and sums them over the same scope as the
 * lists, so a number agrees with the list it opens. At the request's instant (`ctx.now`).
 */
export async function getDashboard(deps: AppDeps, ctx: RequestContext): Promise<Dashboard> {
  const { now } = ctx;
  const scope = await resolveRegistryScope(deps.db, requireActor(ctx.actor));
  const orgScope: OrgScope = scope.kind === 'all' ? scope : { kind: 'orgs', orgIds: scope.orgIds };
  const readCards = async () => {
    const specs = await dashboardCardSpecs(deps.db, moduleDashboards(deps.modules), taipeiToday(now));
    const counts = await readCardCounts(deps, { scope, now, cards: specs.map((c) => c.id) });
    return specs.map((spec) => ({ ...spec, value: counts.get(spec.id) ?? 0 }));
  };
  const [orgs, users, auditEventsLast24h, cards] = await Promise.all([
    countOrganisationsByKind(deps.db, orgScope),
    countUsers(deps.db, orgScope, now),
    countAuditEventsSince(deps.db, orgScope, new Date(now.getTime() - DAY_MS)),
    readCards(),
  ]);
  return {
    organisations: { division: orgs.division ?? 0, unit: orgs.unit ?? 0, vendor: orgs.vendor ?? 0 },
    users,
    auditEventsLast24h,
    cards,
  };
}
