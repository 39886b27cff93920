import { VendorQualificationListQuerySchema, listAddress } from '@custodian/shared';
import { policyInForce, taipeiToday } from '../../lib/policy.js';
import { assertCanManageReadable, defineTenancy, resolveRegistryScope } from '../../lib/tenancy.js';
import { TOTAL_ONLY, type AppModule } from '../registry.js';
import { vendorsAudit } from './vendors.audit.js';
import { findVendorQualificationOrg } from './vendors.repository.js';
import { vendorRoutes } from './vendors.routes.js';
import { listVendorQualifications } from './vendors.service.js';
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

const EXPIRING = { status: 'expiring' } as const;
const EXPIRED = { status: 'expired' } as const;

/** Security qualifications of vendors and units (item 三十九). */
export const vendorsModule: AppModule = {
  name: 'vendors',
  audit: vendorsAudit,
  obligationSources: [qualificationExpirySource],
  routes: [vendorRoutes],
  tenancy: [vendorQualificationTenancy],
  attachmentOwners: ['vendor_qualification'],
  dashboardCards: async (deps, ctx) => {
    const total = async (filter: object) =>
      (
        await listVendorQualifications(
          deps,
          ctx,
          VendorQualificationListQuerySchema.parse({ ...TOTAL_ONLY, ...filter }),
        )
      ).total;
    const [expiring, expired, policy] = await Promise.all([
      total(EXPIRING),
      total(EXPIRED),
      policyInForce(deps.db, taipeiToday(ctx.now)),
    ]);
    const group = 'dashboard.registry.expiries';
    return [
      {
        id: 'vendors.qualificationsExpiring',
        group,
        label: 'dashboard.registry.qualificationsExpiring',
        labelParams: { days: policy.rules.vendorQualifications.expiryWarningDays },
        value: expiring,
        to: listAddress('/vendors', EXPIRING),
        icon: 'safety-certificate',
        tone: 'warning',
      },
      {
        id: 'vendors.qualificationsExpired',
        group,
        label: 'dashboard.registry.qualificationsExpired',
        value: expired,
        to: listAddress('/vendors', EXPIRED),
        icon: 'file-protect',
        tone: 'danger',
      },
    ];
  },
};
