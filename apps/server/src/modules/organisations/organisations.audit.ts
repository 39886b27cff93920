import { namesByIds } from '../../db/names.js';
import { organisations } from '../../db/schema/index.js';
import { defineAudit } from '../audit/audit.labels.js';

/** Audit labels of the organisations module (ADR 0018). */
export const organisationsAudit = defineAudit({
  actions: {
    'organisation.create': { 'zh-TW': '新增機構', en: 'Organisation created' },
    'organisation.update': { 'zh-TW': '更新機構', en: 'Organisation updated' },
  },
  targets: {
    organisation: {
      label: { 'zh-TW': '機構', en: 'Organisation' },
      names: (db, ids) =>
        namesByIds(
          db,
          { table: organisations, id: organisations.id, name: organisations.name, nameEn: organisations.nameEn },
          ids,
        ),
      link: '/organisations',
    },
  },
});
