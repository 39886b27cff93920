import { SystemListQuerySchema, listAddress } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { systems } from '../../db/schema/index.js';
import type { Actor } from '../../lib/context.js';
import { assertCanManageReadable, defineTenancy, resolveRegistryScope } from '../../lib/tenancy.js';
import { TOTAL_ONLY, type AppModule } from '../registry.js';
import { systemsAudit } from './systems.audit.js';
import { systemsPolicyUsage } from './systems.policy.js';
import { findSystemOrg, isSystemVisible } from './systems.repository.js';
import { systemRoutes } from './systems.routes.js';
import { countSystemLists } from './systems.service.js';
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
});

const ONLINE = { status: 'online' } as const;
const CONTACTS_OVERDUE = { contactsOverdue: 'true' } as const;

/** Application systems and websites, and their contacts (item 十). */
export const systemsModule: AppModule = {
  name: 'systems',
  audit: systemsAudit,
  obligationSources: [contactsObligationSource],
  routes: [systemRoutes],
  policyUsage: systemsPolicyUsage,
  tenancy: [systemTenancy],
  attachmentOwners: ['system'],
  // All three counts in one scan of the systems in scope.
  dashboardCards: async (deps, ctx) => {
    const [total = 0, online = 0, contactsOverdue = 0] = await countSystemLists(
      deps,
      ctx,
      [{}, ONLINE, CONTACTS_OVERDUE].map((f) => SystemListQuerySchema.parse({ ...TOTAL_ONLY, ...f })),
    );
    const group = 'dashboard.registry.contractsAndSystems';
    return [
      {
        id: 'systems.total',
        group,
        label: 'dashboard.registry.systems',
        value: total,
        to: listAddress('/systems'),
        icon: 'cloud-server',
      },
      {
        id: 'systems.online',
        group,
        label: 'dashboard.registry.systemsOnline',
        value: online,
        to: listAddress('/systems', ONLINE),
        icon: 'global',
      },
      {
        id: 'systems.contactsOverdue',
        group,
        label: 'dashboard.registry.contactsOverdue',
        value: contactsOverdue,
        to: listAddress('/systems', CONTACTS_OVERDUE),
        icon: 'contacts',
        tone: 'danger',
      },
    ];
  },
};
