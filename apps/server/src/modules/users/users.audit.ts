import { namesByIds } from '../../db/names.js';
import { users } from '../../db/schema/index.js';
import { defineAudit } from '../audit/audit.labels.js';

/** Audit labels of the users module (ADR 0018). */
export const usersAudit = defineAudit({
  actions: {
    'user.create': { 'zh-TW': '新增使用者', en: 'User created' },
    'user.update': { 'zh-TW': '更新使用者', en: 'User updated' },
    'user.unlock': { 'zh-TW': '解除帳號鎖定', en: 'Account unlocked' },
    'user.reinvite': { 'zh-TW': '重新產生邀請連結', en: 'Invitation renewed' },
  },
  targets: {
    user: {
      label: { 'zh-TW': '使用者', en: 'User' },
      names: (db, ids) => namesByIds(db, { table: users, id: users.id, name: users.name }, ids),
      link: '/users',
    },
  },
});
