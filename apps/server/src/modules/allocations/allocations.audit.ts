import { sql } from 'drizzle-orm';
import { namesByIds } from '../../db/names.js';
import { allocationRenewals, allocations } from '../../db/schema/index.js';
import { defineAudit } from '../audit/audit.labels.js';

/** Audit labels of domain and IP allocations and their renewals (ADR 0018). */
export const allocationsAudit = defineAudit({
  actions: {
    'allocation.create': { 'zh-TW': '新增配置', en: 'Allocation created' },
    'allocation.release': { 'zh-TW': '釋出配置', en: 'Allocation released' },
    'allocation.renewal_request': { 'zh-TW': '申請展延', en: 'Renewal requested' },
    'allocation.renewal_approve': { 'zh-TW': '核准展延', en: 'Renewal approved' },
    'allocation.renewal_reject': { 'zh-TW': '駁回展延', en: 'Renewal rejected' },
  },
  targets: {
    allocation: {
      label: { 'zh-TW': '網域與 IP 配置', en: 'Allocation' },
      names: (db, ids) => namesByIds(db, { table: allocations, id: allocations.id, name: allocations.value }, ids),
      link: '/allocations/:id',
    },
    allocation_renewal: {
      label: { 'zh-TW': '展延申請', en: 'Renewal request' },
      names: (db, ids) =>
        namesByIds(
          db,
          {
            table: allocationRenewals,
            id: allocationRenewals.id,
            name: sql<string>`(select ${allocations.value} from ${allocations} where ${allocations.id} = ${allocationRenewals.allocationId})`,
            parent: allocationRenewals.allocationId,
          },
          ids,
        ),
      link: '/allocations/:parentId',
    },
  },
});
