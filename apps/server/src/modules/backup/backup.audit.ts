import { defineAudit } from '../audit/audit.labels.js';

/** Audit labels of backups (ADR 0018). Their target `system` without an id is the platform as a whole. */
export const backupAudit = defineAudit({
  actions: {
    'backup.create': { 'zh-TW': '建立備份', en: 'Backup created' },
    'backup.restore': { 'zh-TW': '自備份還原', en: 'Restored from backup' },
  },
});
