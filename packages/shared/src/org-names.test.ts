import { describe, expect, it } from 'vitest';
import { labelParamsIn, orgNameIn } from './org-names.js';

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

describe('labelParamsIn', () => {
  const params = { name: 'ISO 27001', org: '精誠資訊股份有限公司', orgEn: 'SYSTEX Corporation', days: 3 };

  it('fills an organisation parameter with its English name in English', () => {
    expect(labelParamsIn('en', params)).toMatchObject({ name: 'ISO 27001', org: 'SYSTEX Corporation', days: 3 });
    expect(labelParamsIn('en', { unit: '國立民國大學' })).toEqual({ unit: '國立民國大學' });
  });

  it('keeps the official names in zh-TW', () => {
    expect(labelParamsIn('zh-TW', params)).toEqual(params);
  });
});
