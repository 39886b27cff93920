import { MAX_DATE, MIN_DATE } from './dates.js';

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
  BODY_NOT_UTF8: {
    'zh-TW': '送出的資料不是有效的 UTF-8 編碼。',
    en: 'The request body is not valid UTF-8.',
  },
  INPUT_CONTROL_CHARACTER: {
    'zh-TW': '輸入內容含有不允許的控制字元或無效字元。',
    en: 'The input contains control characters or invalid characters.',
  },
  SEARCH_TOO_LONG: {
    'zh-TW': '搜尋文字最多 100 個字，請縮短後再試。',
    en: 'A search can be at most 100 characters long; shorten it and try again.',
  },
  DATE_OUT_OF_RANGE: {
    'zh-TW': `日期須介於 ${MIN_DATE} 與 ${MAX_DATE} 之間。`,
    en: `Dates must be between ${MIN_DATE} and ${MAX_DATE}.`,
  },
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
  INVALID_CREDENTIALS: {
    // Also the answer to every attempt on a locked account (issue 8 §3), so it mentions the lock.
    'zh-TW': '電子郵件或密碼不正確。連續 5 次失敗後帳號會鎖定 15 分鐘，鎖定期間即使密碼正確也無法登入。',
    en: 'The e-mail address or password is incorrect. After 5 failed attempts the account is locked for 15 minutes, and sign-in is refused during the lock even with the right password.',
  },
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
  PASSWORD_TOO_WEAK: {
    'zh-TW':
      '密碼太容易被猜到：請避免重複或連續的字元（如 aaaa、1234、qwerty）、常見的密碼與字詞，以及您的姓名或電子郵件。建議使用由幾個不相關的字詞組成的長密碼片語。',
    en: 'This password is too easy to guess: avoid repeated or sequential characters (aaaa, 1234, qwerty), common passwords and words, and your name or e-mail address. A passphrase of several unrelated words works well.',
  },
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
  BACKUP_SIGNATURE_INVALID: {
    'zh-TW': '備份檔沒有簽章或簽章不符，內容可能遭竄改，不予還原。',
    en: 'The backup is unsigned or its signature does not match; it may have been altered and is not restored.',
  },
  POLICY_EFFECTIVE_DATE_INVALID: {
    'zh-TW': '新版本的生效日期不得早於最新版本的生效日期。',
    en: 'The new version cannot take effect before the latest published version.',
  },
  POLICY_RULES_INVALID: { 'zh-TW': '規則內容不符合格式。', en: 'The rule set is not valid.' },
  CONTRACT_NUMBER_TAKEN: { 'zh-TW': '此案號已被使用。', en: 'This contract number is already in use.' },
  CONTRACT_PERIOD_INVALID: {
    'zh-TW': '契約期間的結束日期不得早於開始日期。',
    en: 'The contract period ends before it starts.',
  },
  CONTRACT_PARTY_INVALID: {
    'zh-TW': '督導司處、業務承辦人、受委辦單位或分包廠商不符合規定。',
    en: 'The division, business owner, unit or subcontractor is not valid for this contract.',
  },
  CLAUSE_UNKNOWN: {
    'zh-TW': '此條款不在契約適用的規則版本中。',
    en: "This clause is not part of the contract's rule version.",
  },
  CLAUSE_NOT_APPLICABLE_REFUSED: {
    'zh-TW': '此條款不得標示為不適用。',
    en: 'This clause cannot be marked not applicable.',
  },
  DUTY_NOTICE_MISSING: {
    'zh-TW': '尚未發出義務告知，無法確認收悉。',
    en: 'The notice of duties has not been sent yet.',
  },
  RISK_ASSESSMENT_DATE_INVALID: {
    'zh-TW': '風險評估日期不得晚於今天。',
    en: 'The risk assessment date cannot be in the future.',
  },
  SYSTEM_STATUS_INVALID: { 'zh-TW': '系統狀態無法如此變更。', en: 'The system status cannot change this way.' },
  SYSTEM_DECOMMISSIONED: {
    'zh-TW': '此系統已下線，不能再變更。',
    en: 'This system is decommissioned and can no longer be changed.',
  },
  CONTACTS_INCOMPLETE: {
    'zh-TW': '業務負責人、應用系統負責人及維護單位三類聯絡人須填寫完整才能確認。',
    en: 'All three contacts (business owner, system owner, maintenance unit) must be filled in before confirming.',
  },
  SYSTEM_DATES_INVALID: {
    'zh-TW': '下線日期不得早於上線日期，也不得晚於今天。',
    en: 'The decommission date cannot be before the launch date or after today.',
  },
  SYSTEM_UNIT_INVALID: {
    'zh-TW': '系統與主機只能登錄於受補助或委辦單位。',
    en: 'Systems and hosts can only be recorded for a commissioned unit.',
  },
  PERSONAL_DATA_DETAILS_REQUIRED: {
    'zh-TW': '處理個人資料的系統須填寫個資類別、蒐集目的及法律依據。',
    en: 'A system that handles personal data needs its data categories, purpose and legal basis.',
  },
  INVALID_HOSTNAME: {
    'zh-TW': '主機名稱格式不正確（英數字與連字號，以點分段，每段最多 63 字元）。',
    en: 'The host name is invalid (letters, digits and hyphens in dot-separated labels of up to 63 characters).',
  },
  LINK_ORG_MISMATCH: { 'zh-TW': '只能連結同一單位的紀錄。', en: 'Only records of the same unit can be linked.' },
  HOSTNAME_TAKEN: { 'zh-TW': '此單位已有相同主機名稱。', en: 'This unit already has a host with this name.' },
  INVALID_IP: { 'zh-TW': 'IP 位址格式不正確。', en: 'The IP address is invalid.' },
  INVALID_FQDN: { 'zh-TW': '網域名稱格式不正確。', en: 'The domain name is invalid.' },
  INVALID_CIDR: { 'zh-TW': '網段格式不正確。', en: 'The network range is invalid.' },
  ALLOCATION_OVERLAP: {
    'zh-TW': '此網域或網段與現有的有效配置重疊，可能已配置給其他系統或本系統。',
    en: 'This domain or address range overlaps an active allocation, of another system or of this one.',
  },
  ALLOCATION_PERIOD_TOO_LONG: {
    'zh-TW': '配置期間超過規定上限。',
    en: 'The allocation period exceeds the maximum allowed.',
  },
  ALLOCATION_PERIOD_INVALID: {
    'zh-TW': '配置的到期日不得早於起始日。',
    en: 'The allocation cannot expire before it starts.',
  },
  ALLOCATION_NOT_ACTIVE: { 'zh-TW': '此配置已釋出。', en: 'This allocation has been released.' },
  RENEWAL_PENDING: {
    'zh-TW': '此配置已有待審核的展延申請。',
    en: 'A renewal request for this allocation is already pending.',
  },
  RENEWAL_DECIDED: { 'zh-TW': '此展延申請已審核完畢。', en: 'This renewal request has already been decided.' },
  FILE_TOO_LARGE: { 'zh-TW': '檔案超過大小上限。', en: 'The file is too large.' },
  FILE_EMPTY: { 'zh-TW': '檔案是空的。', en: 'The file is empty.' },
  FILE_TYPE_REFUSED: {
    'zh-TW': '不接受此檔案類型（可能為執行檔或無法辨識）。',
    en: 'This file type is not accepted (it may be executable or unrecognised).',
  },
  IMPORT_FILE_INVALID: {
    'zh-TW': '無法讀取匯入檔案，請使用下載的範本。',
    en: 'The import file cannot be read; use the downloadable template.',
  },
  SCAN_FILE_INVALID: {
    // The refusal's reason (a stable key, see SCAN_FILE_REASONS in ./scan-file-reasons.ts) travels in
    // the error's details; this message is the same for every reason.
    'zh-TW':
      '無法匯入此弱點掃描檔：檔案格式不符、內容不完整或含有不允許的內容（例如 DOCTYPE 實體宣告），未匯入任何資料。',
    en: 'This scan file cannot be imported: its format is not recognised or not the one expected, it is incomplete, or it holds content that is not allowed (such as DOCTYPE entity declarations). Nothing was imported.',
  },
  IMPORT_TOO_MANY_ROWS: { 'zh-TW': '匯入檔案的資料列數超過上限。', en: 'The import file has too many rows.' },
  IMPORT_HAS_ERRORS: {
    'zh-TW': '匯入資料仍有錯誤，請修正後重新上傳。',
    en: 'The import still has errors; fix them and upload again.',
  },
  IMPORT_NOT_PENDING: {
    'zh-TW': '此匯入已提交、捨棄或過期。',
    en: 'This import has already been committed, discarded or has expired.',
  },
  IMPORT_CONFLICT: {
    'zh-TW': '匯入期間資料已變更，請重新上傳預覽。',
    en: 'The data changed since the preview; upload the file again.',
  },
  IMPORT_MISSING_COLUMN: { 'zh-TW': '工作表缺少此必要欄位。', en: 'The sheet lacks this required column.' },
  IMPORT_ROW_REQUIRED: { 'zh-TW': '此欄位必填。', en: 'This field is required.' },
  IMPORT_ROW_INVALID_OPTION: {
    'zh-TW': '不是可選的值，請使用下拉選單中的選項。',
    en: 'Not one of the allowed values; pick one from the drop-down list.',
  },
  IMPORT_ROW_INVALID_DATE: {
    'zh-TW': '日期格式不正確，請填 2026-03-01 或民國 115/03/01。',
    en: 'Invalid date; use 2026-03-01 or the ROC form 115/03/01.',
  },
  IMPORT_ROW_INVALID_NUMBER: { 'zh-TW': '須為不小於 0 的整數。', en: 'Must be a whole number not below 0.' },
  IMPORT_ROW_INVALID_TEXT: {
    'zh-TW': '文字過長或含有不允許的控制字元。',
    en: 'The text is too long or contains control characters.',
  },
  IMPORT_ROW_INVALID_CODE: {
    'zh-TW': '代碼只能使用英數字、點、連字號及底線（2 至 32 字元）。',
    en: 'Codes use letters, digits, dots, hyphens and underscores (2 to 32 characters).',
  },
  IMPORT_ROW_INVALID_EMAIL: { 'zh-TW': '電子郵件格式不正確。', en: 'The e-mail address is invalid.' },
  IMPORT_ROW_INVALID_PHONE: {
    'zh-TW': '電話號碼格式不正確（例：02-2345-6789、0912-345-678）。',
    en: 'The phone number is invalid (e.g. 02-2345-6789, 0912-345-678).',
  },
  IMPORT_ROW_INVALID_URL: {
    'zh-TW': '網址須以 http:// 或 https:// 開頭。',
    en: 'Addresses must start with http:// or https://.',
  },
  IMPORT_ROW_TOO_MANY_VALUES: {
    'zh-TW': '此欄位的值過多或有重複。',
    en: 'This field has too many or repeated values.',
  },
  IMPORT_ROW_DUPLICATE: { 'zh-TW': '與檔案中另一列重複。', en: 'Duplicates another row of the file.' },
  IMPORT_ROW_FORBIDDEN: { 'zh-TW': '您沒有權限匯入此列。', en: 'You may not import this row.' },
  IMPORT_ROW_UNKNOWN_UNIT: {
    'zh-TW': '找不到此單位代碼，或不在您可管理的範圍內。',
    en: 'Unknown unit code, or a unit you do not manage.',
  },
  IMPORT_ROW_UNKNOWN_DIVISION: {
    'zh-TW': '找不到此督導司處代碼（須為啟用中的司處）。',
    en: 'Unknown supervising division code (it must be an active division).',
  },
  IMPORT_ROW_UNKNOWN_OWNER: {
    'zh-TW': '找不到使用此 e-mail 的啟用中業務承辦人帳號。',
    en: 'No active Ministry business owner account has this e-mail address.',
  },
  IMPORT_ROW_UNKNOWN_VENDOR: {
    'zh-TW': '找不到此廠商代碼，或不在您的範圍內。',
    en: 'Unknown vendor code, or a vendor outside your scope.',
  },
  IMPORT_ROW_UNKNOWN_CONTRACT: {
    'zh-TW': '找不到此案號（檔案或系統中皆無）。',
    en: 'Unknown contract number (neither in the file nor recorded).',
  },
  IMPORT_ROW_UNKNOWN_SYSTEM: {
    'zh-TW': '此單位找不到此系統名稱（檔案或系統中皆無）。',
    en: 'The unit has no system of this name (neither in the file nor recorded).',
  },
  IMPORT_ROW_AMBIGUOUS_SYSTEM: {
    'zh-TW': '此單位有多個同名系統，無法判斷是哪一個。',
    en: 'The unit has several systems of this name; it is ambiguous.',
  },
  IMPORT_ROW_NOT_DECOMMISSIONED: {
    'zh-TW': '只有狀態為「已下線」的系統可填寫下線日。',
    en: 'Only a decommissioned system can have a decommission date.',
  },
  IMPORT_ROW_SYSTEM_EXISTS: { 'zh-TW': '此單位已有同名系統。', en: 'This unit already has a system of this name.' },
  IMPORT_ROW_SYSTEM_ONLINE: {
    'zh-TW':
      '新系統上線前須通過上線前檢查（第四十二點、第四十三點）：請以「規劃中」或「上線前」匯入，完成弱點掃描後再申請上線；既有上線系統由教育部資安窗口匯入。',
    en: 'A new system passes the pre-launch check before it goes online (items 42, 43): import it as planned or pre-launch and move it online after its scan; systems already online are imported by the Ministry.',
  },
  IMPORT_ROW_CONTACT_EXISTS: {
    'zh-TW': '此系統已登錄此角色的聯絡人。',
    en: 'This system already has a contact in this role.',
  },
  IMPORT_ARCHIVE_TOO_LARGE: {
    'zh-TW': '活頁簿解壓縮後超過大小上限（單一部分 32 MiB、合計 64 MiB）。',
    en: 'The workbook unpacks to more than the limit (32 MiB for one part, 64 MiB in all).',
  },
  IMPORT_TEXT_TOO_LONG: {
    'zh-TW': '檔案中有儲存格或文字超過 32,767 個字元（Excel 單一儲存格的上限）。',
    en: 'A cell or text in the file is longer than 32,767 characters (the most an Excel cell holds).',
  },
  IMPORT_TOO_MANY_CELLS: {
    'zh-TW': '匯入檔案超過 400,000 個儲存格（有格式的空白儲存格也計入）。',
    en: 'The import file has more than 400,000 cells (formatted empty cells count too).',
  },
  IMPORT_BUSY: {
    'zh-TW': '您或其他使用者的匯入正在進行，請稍候幾秒再試。',
    en: 'Another import is in progress; try again in a few seconds.',
  },
  QUALIFICATION_ORG_INVALID: {
    'zh-TW': '資安資格只能登錄於廠商或受補助或委辦單位。',
    en: 'Qualifications can only be recorded for a vendor or a commissioned unit.',
  },
  QUALIFICATION_DATES_INVALID: {
    'zh-TW': '有效期限不得早於發證日期。',
    en: 'The expiry date cannot be before the date of issue.',
  },
  QUALIFICATION_EXPIRY_REQUIRED: {
    'zh-TW': '證書類資格必須填寫有效期限。',
    en: 'A certificate needs an expiry date.',
  },
  OBLIGATION_CLOSED: {
    'zh-TW': '此義務已完成或已豁免，無法再變更。',
    en: 'This obligation is already done or waived.',
  },
  OBLIGATION_WAIVER_EXPIRY_INVALID: {
    'zh-TW': '豁免期限不得早於今天。',
    en: 'The waiver cannot expire before today.',
  },
  OBLIGATION_RULES_INVALID: {
    'zh-TW': '義務規則有誤：含有未知欄位、負的期間或無效的週期。',
    en: 'The obligation rules are invalid: an unknown field, a negative period or an invalid recurrence.',
  },
  WORKING_DAYS_CSV_INVALID: {
    'zh-TW':
      '辦公日曆表格式有誤，未匯入任何資料。請使用政府行政機關辦公日曆表的 CSV（西元日期、星期、是否放假、備註）。',
    en: 'The office calendar file is malformed; nothing was imported. Use the government office calendar CSV (date, weekday, holiday flag, note).',
  },
  WORKING_DAYS_FILE_TOO_LARGE: {
    'zh-TW': '辦公日曆表檔案過大（上限 256 KiB）。',
    en: 'The office calendar file is too large (at most 256 KiB).',
  },
  CALENDAR_FEED_TOKEN_INVALID: {
    'zh-TW': '行事曆訂閱連結無效或已撤銷。',
    en: 'The calendar feed link is invalid or has been revoked.',
  },
  OUTBOX_NOT_FAILED: {
    'zh-TW': '只有寄送失敗的信件可以重新寄送。',
    en: 'Only messages that failed can be resent.',
  },
  AGREEMENT_PARTY_REQUIRED: {
    'zh-TW': '保密合約書須填寫甲方與乙方名稱。',
    en: 'A confidentiality agreement needs the names of both parties (甲方 and 乙方).',
  },
  AGREEMENT_DATES_INVALID: {
    'zh-TW': '終止通知日或確認日期不得早於簽約日。',
    en: 'A termination notice or confirmation date cannot be before the signing date.',
  },
  AGREEMENT_CONTRACT_INVALID: {
    'zh-TW': '所選契約沒有受委辦單位，或您無權為其建立保密合約書。',
    en: 'The chosen contract cannot hold a confidentiality agreement.',
  },
  AGREEMENT_STATE_INVALID: {
    'zh-TW': '保密合約書目前的狀態不允許此操作。',
    en: 'The confidentiality agreement is not in a state that allows this.',
  },
  AGREEMENT_COPY_INVALID: {
    'zh-TW': '簽署掃描檔須為本合約書或承諾書已上傳的 PDF 或圖片附件。',
    en: 'A signed copy must be a PDF or image already attached to this agreement or commitment.',
  },
  COMMITMENT_EXISTS: {
    'zh-TW': '此人員已有保密承諾書（同一合約不得重複）。',
    en: 'This person already has a confidentiality commitment on this agreement.',
  },
  COMMITMENT_INCOMPLETE: {
    'zh-TW': '保密承諾書的六項承諾須全部勾選。',
    en: 'All six commitments must be accepted.',
  },
  COMMITMENT_NOT_YOURS: {
    'zh-TW': '只有承諾書本人可以線上確認。',
    en: 'Only the person named on the commitment can confirm it.',
  },
  COMMITMENT_TEXT_OUTDATED: {
    'zh-TW': '承諾事項內容已更新，請重新閱讀後再確認。',
    en: 'The text of the commitments has changed; read it again and confirm.',
  },
  COMMITMENT_REQUIRED: {
    'zh-TW':
      '您在此契約尚無有效的保密承諾書（缺少、未簽署或已過期），依要點第六點不得存取其系統與紀錄。請聯絡單位管理者。',
    en: 'You have no valid confidentiality commitment on this contract (missing, unsigned or expired); under item 六 you cannot open its systems and records. Contact your unit administrator.',
  },
  SCAN_FILE_TOO_LARGE: {
    'zh-TW': '掃描報告檔案超過大小上限，未匯入任何資料。',
    en: 'The scan report is over the size limit; nothing was imported.',
  },
  SCAN_FILE_EMPTY: { 'zh-TW': '掃描報告檔案是空的。', en: 'The scan report file is empty.' },
  SCAN_IMPORT_INTERRUPTED: {
    'zh-TW': '匯入因伺服器中斷而未完成，未保存任何資料，請重新匯入。',
    en: 'The import was interrupted when the server stopped; nothing was stored. Import the file again.',
  },
  FINDING_STATE_INVALID: {
    'zh-TW': '弱點目前的狀態無法如此變更。',
    en: "The finding's current state does not allow this change.",
  },
  FINDING_EXPIRY_INVALID: {
    'zh-TW': '風險接受的到期日須晚於今天。',
    en: 'A risk acceptance must expire after today.',
  },
  SYSTEM_LAUNCH_BLOCKED: {
    'zh-TW': '系統尚不可上線：須有最近一次變更後的弱點掃描，且無未處理的嚴重或高風險弱點（第四十二點、第四十三點）。',
    en: 'The system may not go online yet: it needs a scan taken after its last change with no open Critical or High findings (items 42, 43).',
  },
  LAUNCH_OVERRIDE_REASON_REQUIRED: {
    'zh-TW': '略過上線前檢查須填寫理由。',
    en: 'Overriding the pre-launch check needs a reason.',
  },
  PENTEST_STATE_INVALID: {
    'zh-TW': '滲透測試目前的狀態不允許此操作。',
    en: 'The penetration test is not in a state that allows this.',
  },
  PENTEST_DATES_INVALID: {
    'zh-TW': '滲透測試日期不正確：結束日不得早於開始日，報告日與複測日不得晚於今天，也不得早於開始日或報告日。',
    en: 'The penetration test dates are inconsistent: the end cannot be before the start, and report or retest days cannot be in the future or before the start or report.',
  },
  PENTEST_REPORT_INVALID: {
    'zh-TW': '報告須為本滲透測試已上傳的附件。',
    en: 'The report must be a file already attached to this penetration test.',
  },
  PENTEST_IMPORT_INVALID: {
    'zh-TW': '只能連結同一系統且已完成的掃描匯入。',
    en: 'Only a completed scan import of the same system can be linked.',
  },
  PENTEST_FINDING_INVALID: {
    'zh-TW': '複測結果只能針對本滲透測試的弱點。',
    en: 'A retest can only cover findings of this penetration test.',
  },
  INTERNAL: { 'zh-TW': '系統發生錯誤，請稍後再試。', en: 'An internal error occurred; please try again later.' },
} as const satisfies Record<string, { 'zh-TW': string; en: string }>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
export const LOCALES = ['zh-TW', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Localised message for an error code. */
export function errorMessage(code: ErrorCode, locale: Locale): string {
  return ERROR_MESSAGES[code][locale];
}
