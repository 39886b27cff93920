import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, errorMessage } from './errors.js';

describe('error messages', () => {
  it('has a zh-TW and an English message for every code', () => {
    for (const [code, messages] of Object.entries(ERROR_MESSAGES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(messages['zh-TW'].length, code).toBeGreaterThan(0);
      expect(messages.en.length, code).toBeGreaterThan(0);
      expect(messages['zh-TW'], code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('localises by code', () => {
    expect(errorMessage('NOT_FOUND', 'zh-TW')).toBe('找不到指定的資料。');
    expect(errorMessage('NOT_FOUND', 'en')).toBe('The requested record was not found.');
  });
});
