import type { Dashboard } from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { requireActor, resolveOrgScope } from '../../lib/tenancy.js';
import { countAuditEventsSince, countOrganisationsByKind, countUsers } from './dashboard.repository.js';
import { countRegistry } from './dashboard.registry.js';

const DAY_MS = 24 * 3_600_000;

/** Real counts for the dashboard at the request's instant, limited to what the caller may see. */
export async function getDashboard(deps: AppDeps, ctx: RequestContext): Promise<Dashboard> {
  const { now } = ctx;
  const scope = await resolveOrgScope(deps.db, requireActor(ctx.actor));
  const [orgs, users, auditEventsLast24h, registry] = await Promise.all([
    countOrganisationsByKind(deps.db, scope),
    countUsers(deps.db, scope, now),
    countAuditEventsSince(deps.db, scope, new Date(now.getTime() - DAY_MS)),
    countRegistry(deps, ctx),
  ]);
  return {
    organisations: { division: orgs.division ?? 0, unit: orgs.unit ?? 0, vendor: orgs.vendor ?? 0 },
    users,
    auditEventsLast24h,
    registry,
  };
}
