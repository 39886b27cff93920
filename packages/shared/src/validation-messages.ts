import type { Locale } from './errors.js';

/**
 * One message per validation rule, in both languages, for both sides: the web forms use
 * these texts for their rules (antd's validateMessages and the form helpers) and the server
 * words each field a request failed with them, so a too-long name says the same thing in
 * the browser and in an API answer. `{max}`, `{min}` are filled in.
 */
export const VALIDATION_MESSAGES = {
  required: { 'zh-TW': '此欄位為必填。', en: 'This field is required.' },
  maxLength: { 'zh-TW': '最多 {max} 個字。', en: 'At most {max} characters.' },
  minLength: { 'zh-TW': '至少 {min} 個字。', en: 'At least {min} characters.' },
  maxItems: { 'zh-TW': '最多 {max} 項。', en: 'At most {max} entries.' },
  minItems: { 'zh-TW': '至少 {min} 項。', en: 'At least {min} entries.' },
  max: { 'zh-TW': '不可大於 {max}。', en: 'Must not be greater than {max}.' },
  min: { 'zh-TW': '不可小於 {min}。', en: 'Must not be less than {min}.' },
  maxExclusive: { 'zh-TW': '須小於 {max}。', en: 'Must be less than {max}.' },
  minExclusive: { 'zh-TW': '須大於 {min}。', en: 'Must be greater than {min}.' },
  range: { 'zh-TW': '須介於 {min} 與 {max} 之間。', en: 'Must be between {min} and {max}.' },
  integer: { 'zh-TW': '須為整數。', en: 'Must be a whole number.' },
  number: { 'zh-TW': '須為數字。', en: 'Must be a number.' },
  format: { 'zh-TW': '格式不正確。', en: 'The format is not valid.' },
  email: { 'zh-TW': '請輸入有效的電子郵件地址。', en: 'Enter a valid e-mail address.' },
  url: { 'zh-TW': '請輸入有效的網址。', en: 'Enter a valid URL.' },
  uuid: { 'zh-TW': '不是有效的識別碼。', en: 'Not a valid identifier.' },
  date: { 'zh-TW': '不是有效的日期。', en: 'Not a valid date.' },
  option: { 'zh-TW': '不是可選的值。', en: 'Not one of the allowed values.' },
  unknownField: { 'zh-TW': '不接受此欄位。', en: 'This field is not accepted.' },
  invalid: { 'zh-TW': '內容不正確。', en: 'The value is not valid.' },
} as const satisfies Record<string, { 'zh-TW': string; en: string }>;

export type ValidationRule = keyof typeof VALIDATION_MESSAGES;

/** The message of a rule in a language, with its limits filled in. */
export function validationMessage(
  rule: ValidationRule,
  locale: Locale,
  params: { max?: number | bigint | string; min?: number | bigint | string } = {},
): string {
  return VALIDATION_MESSAGES[rule][locale].replace(/\{(max|min)\}/g, (_, name: 'max' | 'min') =>
    String(params[name] ?? ''),
  );
}

/**
 * The parts of a Zod (v4) issue the wording needs. Kept structural so the server can pass
 * what fastify-type-provider-zod hands it (the issue's code and its remaining properties).
 */
export type IssueLike = {
  code: string;
  input?: unknown;
  origin?: string;
  format?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  inclusive?: boolean;
  expected?: string;
  /** Zod's own (English) message: only read to tell a missing value from a wrong one. */
  message?: string;
};

const SIZED_STRING = new Set(['string']);
const SIZED_LIST = new Set(['array', 'set', 'map', 'file']);

/** Which rule an issue broke, and its limits. */
export function ruleOfIssue(issue: IssueLike): {
  rule: ValidationRule;
  params?: { max?: number | bigint; min?: number | bigint };
} {
  switch (issue.code) {
    case 'too_big': {
      const max = issue.maximum;
      if (issue.origin && SIZED_STRING.has(issue.origin)) {
        return { rule: 'maxLength', params: { max } };
      }
      if (issue.origin && SIZED_LIST.has(issue.origin)) {
        return { rule: 'maxItems', params: { max } };
      }
      return { rule: issue.inclusive === false ? 'maxExclusive' : 'max', params: { max } };
    }
    case 'too_small': {
      const min = issue.minimum;
      if (issue.origin && SIZED_STRING.has(issue.origin)) {
        // A string that must have at least one character is a required field left empty.
        return Number(min) <= 1 ? { rule: 'required' } : { rule: 'minLength', params: { min } };
      }
      if (issue.origin && SIZED_LIST.has(issue.origin)) {
        return { rule: 'minItems', params: { min } };
      }
      return { rule: issue.inclusive === false ? 'minExclusive' : 'min', params: { min } };
    }
    case 'invalid_type':
      if (
        ('input' in issue && (issue.input === undefined || issue.input === null)) ||
        /received (undefined|null)$/.test(issue.message ?? '')
      ) {
        return { rule: 'required' };
      }
      if (issue.expected === 'int') {
        return { rule: 'integer' };
      }
      return { rule: issue.expected === 'number' ? 'number' : 'invalid' };
    case 'invalid_format':
      if (issue.format === 'email') {
        return { rule: 'email' };
      }
      if (issue.format === 'url') {
        return { rule: 'url' };
      }
      if (issue.format?.startsWith('uuid') || issue.format === 'guid') {
        return { rule: 'uuid' };
      }
      if (issue.format === 'date' || issue.format === 'datetime') {
        return { rule: 'date' };
      }
      return { rule: 'format' };
    case 'invalid_value':
      return { rule: 'option' };
    case 'unrecognized_keys':
      return { rule: 'unknownField' };
    case 'not_multiple_of':
      return { rule: 'integer' };
    default:
      return { rule: 'invalid' };
  }
}

/** The localised message for a Zod issue: our wording, never Zod's English. */
export function issueMessage(issue: IssueLike, locale: Locale): string {
  const { rule, params } = ruleOfIssue(issue);
  return validationMessage(rule, locale, params);
}
