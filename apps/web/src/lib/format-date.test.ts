import { describe, expect, it } from 'vitest';
import { formatDate } from './format-date.js';

describe('formatDate', () => {
  // 2026-11-24 01:30 UTC is 09:30 in Taipei.
  const instant = '2026-11-24T01:30:00.000Z';

  it('shows ROC dates with time in Taipei', () => {
    expect(formatDate(instant, { style: 'roc' })).toBe('民國115年11月24日 09:30');
    expect(formatDate(instant, { style: 'roc', withTime: false })).toBe('民國115年11月24日');
    expect(formatDate(instant, { style: 'roc', language: 'en' })).toBe('ROC 115/11/24 09:30');
    expect(formatDate(instant, { style: 'roc', withTime: false, language: 'en' })).toBe('ROC 115/11/24');
  });

  it('shows ISO dates in Taipei, crossing midnight from UTC', () => {
    expect(formatDate('2026-11-23T16:30:00.000Z', { style: 'iso', withTime: false })).toBe('2026-11-24');
    expect(formatDate(instant, { style: 'iso' })).toBe('2026-11-24 09:30');
  });

  it('shows a dash for missing or invalid values', () => {
    expect(formatDate(null, { style: 'roc' })).toBe('—');
    expect(formatDate('', { style: 'iso' })).toBe('—');
    expect(formatDate('not a date', { style: 'iso' })).toBe('—');
  });
});
