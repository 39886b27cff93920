import { assertCanManageReadable, defineTenancy, resolveRegistryScope } from '../../lib/tenancy.js';
import type { AppModule } from '../registry.js';
import { vendorsAudit } from './vendors.audit.js';
import { findVendorQualificationOrg } from './vendors.repository.js';
import { vendorRoutes } from './vendors.routes.js';
import { vendorsDashboard } from './vendors.dashboard.js';
import { qualificationExpirySource } from './vendors.obligations.js';

/** A qualification belongs to its vendor or unit; that organisation's managers change it (and its files). */
const vendorQualificationTenancy = defineTenancy({
  record: 'vendor_qualification',
  table: 'vendor_qualifications',
  find: async (db, id) => {
    const orgId = await findVendorQualificationOrg(db, id);
    return orgId ? { orgId } : undefined;
  },
  canRead: async (db, actor, row) => {
    const scope = await resolveRegistryScope(db, actor);
    return scope.kind === 'all' || scope.orgIds.includes(row.orgId);
  },
  assertCanManage: async (db, actor, row) => {
    const scope = await resolveRegistryScope(db, actor);
    await assertCanManageReadable(db, actor, {
      orgId: row.orgId,
      canRead: scope.kind === 'all' || scope.orgIds.includes(row.orgId),
    });
  },
});

/** Security qualifications of vendors and units (item 三十九). */
export const vendorsModule: AppModule = {
  name: 'vendors',
  audit: vendorsAudit,
  obligationSources: [qualificationExpirySource],
  routes: [vendorRoutes],
  tenancy: [vendorQualificationTenancy],
  attachmentOwners: ['vendor_qualification'],
  dashboard: vendorsDashboard,
};
