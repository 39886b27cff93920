import { namesByIds } from '../../db/names.js';
import { attachments } from '../../db/schema/index.js';
import { defineAudit } from '../audit/audit.labels.js';

/** Audit labels of attached files (ADR 0018). */
export const attachmentsAudit = defineAudit({
  actions: {
    'attachment.upload': { 'zh-TW': '上傳附件', en: 'File attached' },
    'attachment.delete': { 'zh-TW': '刪除附件', en: 'Attachment deleted' },
  },
  targets: {
    attachment: {
      label: { 'zh-TW': '附件', en: 'Attachment' },
      names: (db, ids) => namesByIds(db, { table: attachments, id: attachments.id, name: attachments.fileName }, ids),
    },
  },
});
