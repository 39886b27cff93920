/**
 * Why a scan file was refused (`SCAN_FILE_INVALID`, details `{ format?, reason, detail? }`):
 * stable keys the scan parsers throw, with a sentence for each in both languages, for the
 * import's status and the command line. The error's own message is the same for every reason.
 */
export const SCAN_FILE_REASONS = {
  empty: { 'zh-TW': '檔案是空的。', en: 'The file is empty.' },
  too_large: { 'zh-TW': '檔案超過設定的大小上限。', en: 'The file is larger than the configured limit.' },
  not_utf8: { 'zh-TW': '檔案不是有效的 UTF-8 編碼。', en: 'The file is not valid UTF-8.' },
  unknown_format: {
    'zh-TW':
      '無法從內容辨識掃描檔格式（支援 Nessus、Tenable CSV、OpenVAS、ZAP、Burp、Nmap、Trivy、SARIF 與通用格式）。',
    en: 'The scan format cannot be recognised from the content (Nessus, Tenable CSV, OpenVAS, ZAP, Burp, Nmap, Trivy, SARIF and the generic layout are supported).',
  },
  format_mismatch: {
    'zh-TW': '檔案內容的格式與指定的格式不同。',
    en: 'The file is of another format than the one chosen.',
  },
  doctype: {
    'zh-TW': 'XML 檔含有 DOCTYPE 實體宣告或外部參照，為安全起見拒絕匯入。',
    en: 'The XML declares entities or refers to an external DTD in its DOCTYPE, which is refused for safety.',
  },
  truncated: { 'zh-TW': '檔案不完整（在結尾前中斷）。', en: 'The file is cut short before its end.' },
  malformed: {
    'zh-TW': '檔案的 XML、JSON 或 CSV 語法有誤。',
    en: 'The file is not well-formed XML, JSON or CSV.',
  },
  too_deep: { 'zh-TW': '檔案的巢狀層數過深。', en: 'The file nests too deep.' },
  token_too_long: {
    'zh-TW': '檔案中有單一文字或欄位過長。',
    en: 'A single text or field in the file is too long.',
  },
  invalid_structure: {
    'zh-TW': '檔案結構不符合此格式（缺少必要欄位或型別錯誤）。',
    en: 'The file does not have the structure of its format (a required field is missing or of the wrong type).',
  },
  unknown_field: {
    'zh-TW': '通用格式檔案含有未定義的欄位。',
    en: 'The generic-layout file has a field the layout does not define.',
  },
} as const satisfies Record<string, { 'zh-TW': string; en: string }>;

export type ScanFileReason = keyof typeof SCAN_FILE_REASONS;

/** The sentence for a refusal reason; an unknown key (from a newer server) reads as malformed. */
export function scanFileReasonMessage(reason: string, locale: 'zh-TW' | 'en'): string {
  const entry = Object.hasOwn(SCAN_FILE_REASONS, reason)
    ? SCAN_FILE_REASONS[reason as ScanFileReason]
    : SCAN_FILE_REASONS.malformed;
  return entry[locale];
}
