import { defineAudit } from '../audit/audit.labels.js';

/** Audit labels of the demo data loader (ADR 0018); its organisations and users use their modules' labels. */
export const seedAudit = defineAudit({
  actions: {
    'system.seed_demo': { 'zh-TW': '載入示範資料', en: 'Demo data loaded' },
  },
});
