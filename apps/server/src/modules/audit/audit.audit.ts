import { defineAudit } from './audit.labels.js';
import { PRUNE_ACTION } from './audit.walk.js';

/** Audit labels of the audit log itself (ADR 0018). */
export const auditAudit = defineAudit({
  actions: {
    'audit.export': { 'zh-TW': '匯出稽核紀錄', en: 'Audit log exported' },
    [PRUNE_ACTION]: { 'zh-TW': '刪除逾保存期限之稽核紀錄', en: 'Audit events past retention deleted' },
  },
  targets: {
    audit_log: { label: { 'zh-TW': '稽核紀錄', en: 'Audit log' } },
  },
});
