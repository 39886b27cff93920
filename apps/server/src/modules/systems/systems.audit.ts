import { namesByIds } from '../../db/names.js';
import { systems } from '../../db/schema/index.js';
import { defineAudit } from '../audit/audit.labels.js';

/** Audit labels of systems and their contacts (ADR 0018). */
export const systemsAudit = defineAudit({
  actions: {
    'system.create': { 'zh-TW': '新增系統', en: 'System created' },
    'system.update': { 'zh-TW': '更新系統', en: 'System updated' },
    'system.contact_create': { 'zh-TW': '填寫系統聯絡人', en: 'System contact added' },
    'system.contact_update': { 'zh-TW': '更新系統聯絡人', en: 'System contact updated' },
    'system.contacts_confirm': { 'zh-TW': '確認聯絡資料無誤', en: 'System contacts confirmed' },
    'system.decommission': { 'zh-TW': '系統下線', en: 'System decommissioned' },
    'system.launch_override': { 'zh-TW': '略過上線前檢查', en: 'Pre-launch check overridden' },
  },
  targets: {
    system: {
      label: { 'zh-TW': '系統', en: 'System' },
      names: (db, ids) => namesByIds(db, { table: systems, id: systems.id, name: systems.name }, ids),
      link: '/systems/:id',
    },
  },
});
