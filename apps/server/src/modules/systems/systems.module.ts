import type { Executor } from '../../db/client.js';
import { systems } from '../../db/schema/index.js';
import type { Actor } from '../../lib/context.js';
import { assertCanManageReadable, defineTenancy, resolveRegistryScope } from '../../lib/tenancy.js';
import type { AppModule } from '../registry.js';
import { systemsAudit } from './systems.audit.js';
import { systemsPolicyUsage } from './systems.policy.js';
import { findSystemOrg, isSystemVisible } from './systems.repository.js';
import { systemRoutes } from './systems.routes.js';
import { systemsDashboard } from './systems.dashboard.js';
import { systemsVisibleSql } from './systems.tenancy.js';
import { contactsObligationSource } from './systems.obligations.js';

/** Whether an actor may read one system (its unit, or a supervised contract's system). */
async function canReadSystem(db: Executor, actor: Actor, id: string): Promise<boolean> {
  const scope = await resolveRegistryScope(db, actor);
  if (scope.kind === 'all') {
    return true;
  }
  return isSystemVisible(db, id, systemsVisibleSql(scope, { orgId: systems.orgId, systemId: systems.id }));
}

/** A system belongs to its unit; the unit's managers change it (and its files). */
const systemTenancy = defineTenancy({
  record: 'system',
  table: 'systems',
  find: async (db, id) => {
    const orgId = await findSystemOrg(db, id);
    return orgId ? { orgId } : undefined;
  },
  canRead: (db, actor, _row, id) => canReadSystem(db, actor, id),
  assertCanManage: async (db, actor, row, id) =>
    assertCanManageReadable(db, actor, { orgId: row.orgId, canRead: await canReadSystem(db, actor, id) }),
  accessTies: async (_db, _row, id) => ({ systemIds: [id] }),
});

/** Application systems and websites, and their contacts (item 十). */
export const systemsModule: AppModule = {
  name: 'systems',
  audit: systemsAudit,
  obligationSources: [contactsObligationSource],
  routes: [systemRoutes],
  policyUsage: systemsPolicyUsage,
  tenancy: [systemTenancy],
  attachmentOwners: ['system'],
  dashboard: systemsDashboard,
};
