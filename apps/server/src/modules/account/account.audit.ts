import { namesByIds } from '../../db/names.js';
import { apiTokens } from '../../db/schema/index.js';
import { defineAudit } from '../audit/audit.labels.js';

/** Audit labels of the account pages: profile, password, MFA, sessions and API tokens (ADR 0018). */
export const accountAudit = defineAudit({
  actions: {
    'account.update': { 'zh-TW': '更新個人資料', en: 'Profile updated' },
    'account.password_change': { 'zh-TW': '變更密碼', en: 'Password changed' },
    'account.mfa_setup': { 'zh-TW': '開始設定多因素驗證', en: 'Two-factor setup started' },
    'account.mfa_enable': { 'zh-TW': '啟用多因素驗證', en: 'Two-factor authentication enabled' },
    'account.mfa_disable': { 'zh-TW': '停用多因素驗證', en: 'Two-factor authentication disabled' },
    'account.recovery_codes_regenerate': { 'zh-TW': '重新產生復原碼', en: 'Recovery codes regenerated' },
    'account.token_create': { 'zh-TW': '建立 API 權杖', en: 'API token created' },
    'account.token_revoke': { 'zh-TW': '撤銷 API 權杖', en: 'API token revoked' },
    'auth.session_revoke': { 'zh-TW': '登出一個工作階段', en: 'Session signed out' },
    'auth.sessions_revoke_others': { 'zh-TW': '登出其他所有工作階段', en: 'Other sessions signed out' },
  },
  targets: {
    api_token: {
      label: { 'zh-TW': 'API 權杖', en: 'API token' },
      names: (db, ids) => namesByIds(db, { table: apiTokens, id: apiTokens.id, name: apiTokens.name }, ids),
    },
  },
});
