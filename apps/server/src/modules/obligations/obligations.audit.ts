import { namesByIds } from '../../db/names.js';
import { obligationInstances } from '../../db/schema/index.js';
import { defineAudit } from '../audit/audit.labels.js';

/** Audit labels of the compliance calendar, its feeds and the working-day calendar (ADR 0018). */
export const obligationsAudit = defineAudit({
  actions: {
    'obligation.done': { 'zh-TW': '義務標示為已完成', en: 'Obligation marked done' },
    'obligation.waive': { 'zh-TW': '義務免辦理', en: 'Obligation waived' },
    'calendar_feed.create': { 'zh-TW': '建立行事曆訂閱連結', en: 'Calendar feed link created' },
    'calendar_feed.revoke': { 'zh-TW': '撤銷行事曆訂閱連結', en: 'Calendar feed link revoked' },
    'working_days.import': { 'zh-TW': '匯入辦公日曆', en: 'Working-day calendar imported' },
  },
  targets: {
    obligation: {
      label: { 'zh-TW': '義務', en: 'Obligation' },
      names: (db, ids) =>
        namesByIds(
          db,
          { table: obligationInstances, id: obligationInstances.id, name: obligationInstances.subjectName },
          ids,
        ),
    },
    working_days: { label: { 'zh-TW': '辦公日曆', en: 'Working-day calendar' } },
  },
});
