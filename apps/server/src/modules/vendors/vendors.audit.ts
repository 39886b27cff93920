import { namesByIds } from '../../db/names.js';
import { vendorQualifications } from '../../db/schema/index.js';
import { defineAudit } from '../audit/audit.labels.js';

/** Audit labels of vendors' security qualifications (ADR 0018). */
export const vendorsAudit = defineAudit({
  actions: {
    'vendor_qualification.create': { 'zh-TW': '新增廠商資安資格', en: 'Vendor qualification added' },
    'vendor_qualification.update': { 'zh-TW': '更新廠商資安資格', en: 'Vendor qualification updated' },
    'vendor_qualification.delete': { 'zh-TW': '刪除廠商資安資格', en: 'Vendor qualification deleted' },
  },
  targets: {
    vendor_qualification: {
      label: { 'zh-TW': '廠商資安資格', en: 'Vendor qualification' },
      names: (db, ids) =>
        namesByIds(
          db,
          { table: vendorQualifications, id: vendorQualifications.id, name: vendorQualifications.name },
          ids,
        ),
      link: '/vendors/:id',
    },
  },
});
