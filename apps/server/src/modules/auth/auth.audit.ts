import { defineAudit } from '../audit/audit.labels.js';

/** Audit labels of sign-in, invitations and passwords (ADR 0018). */
export const authAudit = defineAudit({
  actions: {
    'auth.login': { 'zh-TW': '登入', en: 'Signed in' },
    'auth.login_failed': { 'zh-TW': '登入失敗', en: 'Sign-in failed' },
    'auth.mfa_verify': { 'zh-TW': '通過多因素驗證', en: 'Two-factor check passed' },
    'auth.logout': { 'zh-TW': '登出', en: 'Signed out' },
    'auth.account_lock': { 'zh-TW': '帳號遭鎖定', en: 'Account locked' },
    'auth.invite_accept': { 'zh-TW': '接受邀請', en: 'Invitation accepted' },
    'user.password_set': { 'zh-TW': '設定密碼', en: 'Password set' },
  },
  targets: {
    session: { label: { 'zh-TW': '登入工作階段', en: 'Session' } },
  },
});
