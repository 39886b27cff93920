import { describe, expect, it } from 'vitest';
import { DATE_INPUT_MESSAGES, parseDateInput } from './date-input.js';
import { issueMessage, validationMessage } from './validation-messages.js';

describe('parseDateInput', () => {
  it.each([
    ['115/03/01', '2026-03-01'],
    ['115-03-01', '2026-03-01'],
    ['115.3.1', '2026-03-01'],
    ['115/3/1', '2026-03-01'],
    ['  115 / 03 / 01 ', '2026-03-01'],
    ['民國115年3月1日', '2026-03-01'],
    ['民國 115 年 3 月 1 日', '2026-03-01'],
    ['中華民國115年03月01日', '2026-03-01'],
    ['115年3月1日', '2026-03-01'],
    ['民國115/03/01', '2026-03-01'],
    ['ROC 115/03/01', '2026-03-01'],
    ['roc115-3-1', '2026-03-01'],
    ['１１５／０３／０１', '2026-03-01'],
    ['2026-03-01', '2026-03-01'],
    ['2026/3/1', '2026-03-01'],
    ['2026.03.01', '2026-03-01'],
    ['20260301', '2026-03-01'],
    ['2026年3月1日', '2026-03-01'],
    ['1/1/1', '1912-01-01'],
    ['民國1年1月1日', '1912-01-01'],
    ['88/12/31', '1999-12-31'],
    ['113/02/29', '2024-02-29'],
    ['288/12/31', '2199-12-31'],
    ['民國1000年1月1日', '2911-01-01'],
  ])('reads %s as %s', (text, value) => {
    const parsed = parseDateInput(text);
    if (value > '2199-12-31') {
      expect(parsed).toEqual({ ok: false, reason: 'out_of_range' });
    } else {
      expect(parsed).toEqual({ ok: true, value });
    }
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['tomorrow', 'format'],
    ['115', 'format'],
    ['115/03', 'format'],
    ['115/03/01/02', 'format'],
    ['2026-03-01T10:00', 'format'],
    ['03/01/2026', 'format'],
    ['115年3月', 'format'],
    ['-115/03/01', 'format'],
    ['115/13/01', 'no_such_day'],
    ['115/00/10', 'no_such_day'],
    ['115/02/29', 'no_such_day'],
    ['115/04/31', 'no_such_day'],
    ['2026-02-30', 'no_such_day'],
    ['2026-01-32', 'no_such_day'],
    ['0/01/01', 'out_of_range'],
    ['1911-12-31', 'out_of_range'],
    ['1900-01-01', 'out_of_range'],
    ['2200-01-01', 'out_of_range'],
    ['289/01/01', 'out_of_range'],
  ])('refuses %j (%s) with a message in both languages', (text, reason) => {
    const parsed = parseDateInput(text);
    expect(parsed).toEqual({ ok: false, reason });
    if (!parsed.ok) {
      expect(DATE_INPUT_MESSAGES[parsed.reason]['zh-TW']).toMatch(/。$/);
      expect(DATE_INPUT_MESSAGES[parsed.reason].en).toMatch(/\.$/);
    }
  });
});

describe('validation messages', () => {
  it('fills in the limits', () => {
    expect(validationMessage('maxLength', 'zh-TW', { max: 200 })).toBe('最多 200 個字。');
    expect(validationMessage('range', 'en', { min: 0, max: 100 })).toBe('Must be between 0 and 100.');
  });

  it.each([
    [{ code: 'too_big', origin: 'string', maximum: 200, inclusive: true }, '最多 200 個字。'],
    [{ code: 'too_big', origin: 'array', maximum: 16, inclusive: true }, '最多 16 項。'],
    [{ code: 'too_big', origin: 'number', maximum: 100, inclusive: true }, '不可大於 100。'],
    [{ code: 'too_small', origin: 'number', minimum: 0, inclusive: true }, '不可小於 0。'],
    [{ code: 'too_small', origin: 'number', minimum: 0, inclusive: false }, '須大於 0。'],
    [{ code: 'too_small', origin: 'string', minimum: 1, inclusive: true }, '此欄位為必填。'],
    [{ code: 'too_small', origin: 'string', minimum: 8, inclusive: true }, '至少 8 個字。'],
    [{ code: 'invalid_type', expected: 'int' }, '須為整數。'],
    [
      { code: 'invalid_type', expected: 'string', message: 'Invalid input: expected string, received undefined' },
      '此欄位為必填。',
    ],
    [
      { code: 'invalid_type', expected: 'number', message: 'Invalid input: expected number, received string' },
      '須為數字。',
    ],
    [{ code: 'invalid_format', format: 'uuid' }, '不是有效的識別碼。'],
    [{ code: 'invalid_format', format: 'email' }, '請輸入有效的電子郵件地址。'],
    [{ code: 'invalid_value' }, '不是可選的值。'],
    [{ code: 'something_new' }, '內容不正確。'],
  ])('words the issue %j in zh-TW', (issue, text) => {
    expect(issueMessage(issue, 'zh-TW')).toBe(text);
  });
});
