import { IMPORT_SHEETS, IMPORT_SHEET_LABELS } from '@custodian/shared';
import { namesByIds } from '../../db/names.js';
import { importJobs } from '../../db/schema/index.js';
import { defineAudit, type AuditTargetRegistration } from '../audit/audit.labels.js';

/** Audit labels of imports and list exports (ADR 0018); an export's target is the list it wrote. */
export const importsAudit = defineAudit({
  actions: {
    'import.preview': { 'zh-TW': '上傳匯入檔並預覽', en: 'Import uploaded for preview' },
    'import.commit': { 'zh-TW': '確認匯入', en: 'Import committed' },
    'import.discard': { 'zh-TW': '放棄匯入', en: 'Import discarded' },
    'registry.export': { 'zh-TW': '匯出清單', en: 'List exported' },
  },
  targets: {
    import_job: {
      label: { 'zh-TW': '匯入作業', en: 'Import' },
      names: (db, ids) => namesByIds(db, { table: importJobs, id: importJobs.id, name: importJobs.fileName }, ids),
      link: '/imports/:id',
    },
    ...Object.fromEntries(
      IMPORT_SHEETS.map((sheet): [string, AuditTargetRegistration] => [sheet, { label: IMPORT_SHEET_LABELS[sheet] }]),
    ),
  },
});
