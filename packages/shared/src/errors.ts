/**
 * Stable error codes with their localised messages. The server returns
 * `{ error: { code, message } }`; the web app may re-localise by code.
 */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: {
    'zh-TW': '輸入資料有誤，請檢查標示的欄位。',
    en: 'The input is invalid; check the marked fields.',
  },
  MALFORMED_JSON: { 'zh-TW': '無法解析送出的 JSON 資料。', en: 'The request body is not valid JSON.' },
  BODY_TOO_LARGE: { 'zh-TW': '送出的資料超過大小上限。', en: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { 'zh-TW': '不支援此資料格式。', en: 'This content type is not supported.' },
  UNAUTHENTICATED: { 'zh-TW': '請先登入。', en: 'Please sign in.' },
  SESSION_EXPIRED: { 'zh-TW': '登入已逾時，請重新登入。', en: 'Your session has expired; please sign in again.' },
  FORBIDDEN: { 'zh-TW': '您沒有執行此操作的權限。', en: 'You do not have permission to do this.' },
  NOT_FOUND: { 'zh-TW': '找不到指定的資料。', en: 'The requested record was not found.' },
  CONFLICT: { 'zh-TW': '資料與現有紀錄衝突。', en: 'The data conflicts with an existing record.' },
  CSRF_INVALID: {
    'zh-TW': '安全驗證失敗，請重新整理頁面後再試。',
    en: 'Security check failed; reload the page and try again.',
  },
  RATE_LIMITED: { 'zh-TW': '嘗試次數過多，請稍後再試。', en: 'Too many attempts; please try again later.' },
  INVALID_CREDENTIALS: { 'zh-TW': '電子郵件或密碼不正確。', en: 'The e-mail address or password is incorrect.' },
  ACCOUNT_LOCKED: {
    'zh-TW': '登入失敗次數過多，帳號已暫時鎖定 15 分鐘。',
    en: 'Too many failed sign-ins; the account is locked for 15 minutes.',
  },
  ACCOUNT_DISABLED: { 'zh-TW': '此帳號已停用。', en: 'This account is disabled.' },
  MFA_REQUIRED: { 'zh-TW': '請輸入多因素驗證碼。', en: 'Enter your multi-factor authentication code.' },
  MFA_ENROLMENT_REQUIRED: {
    'zh-TW': '您的角色必須先設定多因素驗證。',
    en: 'Your role requires multi-factor authentication to be set up first.',
  },
  MFA_INVALID_CODE: { 'zh-TW': '驗證碼不正確或已過期。', en: 'The code is incorrect or has expired.' },
  MFA_ALREADY_ENABLED: { 'zh-TW': '多因素驗證已啟用。', en: 'Multi-factor authentication is already enabled.' },
  RECOVERY_CODE_INVALID: {
    'zh-TW': '復原碼不正確或已使用過。',
    en: 'The recovery code is incorrect or has already been used.',
  },
  PASSWORD_TOO_SHORT: {
    'zh-TW': '密碼長度至少需 12 個字元。',
    en: 'The password must be at least 12 characters long.',
  },
  PASSWORD_REUSED: {
    'zh-TW': '不得重複使用最近 3 次用過的密碼。',
    en: 'You cannot reuse any of your last 3 passwords.',
  },
  PASSWORD_INCORRECT: { 'zh-TW': '目前密碼不正確。', en: 'The current password is incorrect.' },
  INVITE_NOT_NEEDED: {
    'zh-TW': '此使用者已設定密碼，不能再發送邀請連結。',
    en: 'This user has already set a password; no invitation link can be issued.',
  },
  INVITE_INVALID: { 'zh-TW': '邀請連結無效或已過期。', en: 'The invitation link is invalid or has expired.' },
  SETUP_ALREADY_DONE: { 'zh-TW': '系統已完成初始設定。', en: 'The platform has already been set up.' },
  EMAIL_TAKEN: { 'zh-TW': '此電子郵件已被使用。', en: 'This e-mail address is already in use.' },
  ORG_CODE_TAKEN: { 'zh-TW': '此機構代碼已被使用。', en: 'This organisation code is already in use.' },
  ROLE_ORG_MISMATCH: {
    'zh-TW': '此角色不能隸屬於該類型的機構。',
    en: 'This role cannot belong to that kind of organisation.',
  },
  ORG_PARENT_INVALID: { 'zh-TW': '上層機構不符合規定。', en: 'The parent organisation is not allowed here.' },
  ORG_HAS_CHILDREN: {
    'zh-TW': '此機構下仍有其他機構或使用者。',
    en: 'This organisation still has organisations or users under it.',
  },
  TOKEN_SCOPE: { 'zh-TW': '此存取權杖的範圍不允許此操作。', en: 'This access token is not scoped for this operation.' },
  OIDC_NOT_CONFIGURED: { 'zh-TW': '尚未設定單一登入。', en: 'Single sign-on is not configured.' },
  OIDC_FAILED: { 'zh-TW': '單一登入失敗，請再試一次。', en: 'Single sign-on failed; please try again.' },
  OIDC_NO_ACCOUNT: {
    'zh-TW': '找不到與此單一登入身分對應的帳號。',
    en: 'No account matches this single sign-on identity.',
  },
  INVALID_NATIONAL_ID: { 'zh-TW': '身分證字號格式或檢查碼不正確。', en: 'The national ID number is invalid.' },
  BACKUP_INVALID: { 'zh-TW': '備份檔損毀或不相符。', en: 'The backup file is damaged or does not match.' },
  BACKUP_KEY_MISMATCH: {
    'zh-TW': '備份檔的加密金鑰與目前金鑰不同，加密欄位將無法讀取。',
    en: 'The backup was made with a different encryption key; encrypted fields would be unreadable.',
  },
  DATABASE_NOT_EMPTY: { 'zh-TW': '資料庫已有資料。', en: 'The database already contains data.' },
  INTERNAL: { 'zh-TW': '系統發生錯誤，請稍後再試。', en: 'An internal error occurred; please try again later.' },
} as const satisfies Record<string, { 'zh-TW': string; en: string }>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
export const LOCALES = ['zh-TW', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Localised message for an error code. */
export function errorMessage(code: ErrorCode, locale: Locale): string {
  return ERROR_MESSAGES[code][locale];
}
