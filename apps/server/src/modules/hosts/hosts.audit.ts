import { namesByIds } from '../../db/names.js';
import { hosts } from '../../db/schema/index.js';
import { defineAudit } from '../audit/audit.labels.js';

/** Audit labels of hosts (ADR 0018). */
export const hostsAudit = defineAudit({
  actions: {
    'host.create': { 'zh-TW': '新增主機', en: 'Host created' },
    'host.update': { 'zh-TW': '更新主機', en: 'Host updated' },
  },
  targets: {
    host: {
      label: { 'zh-TW': '主機', en: 'Host' },
      names: (db, ids) => namesByIds(db, { table: hosts, id: hosts.id, name: hosts.hostname }, ids),
      link: '/hosts/:id',
    },
  },
});
