import { defineAudit } from '../audit/audit.labels.js';

/** Audit labels of the first-run setup (ADR 0018). */
export const setupAudit = defineAudit({
  actions: {
    'setup.complete': { 'zh-TW': '完成系統初始設定', en: 'Initial setup completed' },
  },
});
