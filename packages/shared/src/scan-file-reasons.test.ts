import { describe, expect, it } from 'vitest';
import { SCAN_FILE_REASONS, scanFileReasonMessage } from './scan-file-reasons.js';

describe('scan file refusal reasons', () => {
  it('has a sentence in both languages for every reason', () => {
    for (const [reason, texts] of Object.entries(SCAN_FILE_REASONS)) {
      expect(texts['zh-TW'], reason).toMatch(/。$/);
      expect(texts.en, reason).toMatch(/\.$/);
    }
  });

  it('reads a reason, and an unknown one as malformed', () => {
    expect(scanFileReasonMessage('doctype', 'en')).toContain('DOCTYPE');
    expect(scanFileReasonMessage('too_deep', 'zh-TW')).toBe('檔案的巢狀層數過深。');
    expect(scanFileReasonMessage('no_such_reason', 'en')).toBe(SCAN_FILE_REASONS.malformed.en);
  });
});
