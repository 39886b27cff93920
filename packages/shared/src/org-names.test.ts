import { describe, expect, it } from 'vitest';
import { orgNameIn } from './org-names.js';

describe('orgNameIn', () => {
  it('names an organisation in English by its English name when recorded, else by its official name', () => {
    expect(orgNameIn('en', '國立臺灣師範大學', 'National Taiwan Normal University')).toBe(
      'National Taiwan Normal University',
    );
    expect(orgNameIn('en', '國立民國大學', null)).toBe('國立民國大學');
    expect(orgNameIn('en', '國立民國大學', '')).toBe('國立民國大學');
    expect(orgNameIn('zh-TW', '國立臺灣師範大學', 'National Taiwan Normal University')).toBe('國立臺灣師範大學');
  });
});
