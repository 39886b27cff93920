import type { Dashboard } from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { requireActor, resolveRegistryScope, type OrgScope } from '../../lib/tenancy.js';
import { foundationColumns, toFoundationCounts } from './dashboard.repository.js';
import { readDashboardCards } from './dashboard.snapshot.js';

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
  // One query: the snapshot's cards and numbers, and the foundation's live counts beside them.
  const { cards, alongside } = await readDashboardCards(deps, {
    scope,
    now,
    alongside: foundationColumns({ scope: orgScope, now, since: new Date(now.getTime() - DAY_MS) }),
  });
  return { ...toFoundationCounts(alongside), cards };
}
