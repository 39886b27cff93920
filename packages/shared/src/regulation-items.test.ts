import { describe, expect, it } from 'vitest';
import { chineseNumeralValue, regulationItemInArabic, regulationItemLabel } from './regulation-items.js';

describe('regulation item numbers', () => {
  it('reads Chinese numerals up to the regulation’s 四十三 and beyond', () => {
    expect(chineseNumeralValue('一')).toBe(1);
    expect(chineseNumeralValue('十')).toBe(10);
    expect(chineseNumeralValue('十二')).toBe(12);
    expect(chineseNumeralValue('二十')).toBe(20);
    expect(chineseNumeralValue('三十五')).toBe(35);
    expect(chineseNumeralValue('四十三')).toBe(43);
    expect(chineseNumeralValue('一百零五')).toBe(105);
    expect(() => chineseNumeralValue('十x')).toThrow(RangeError);
  });

  it('writes items with sub-items in Arabic numerals for English', () => {
    expect(regulationItemInArabic('十二(一)')).toBe('12(1)');
    expect(regulationItemInArabic('三十五 (七)')).toBe('35(7)');
    expect(regulationItemInArabic('四十三 (一) 3')).toBe('43(1)3');
    expect(regulationItemInArabic('十七（二）')).toBe('17(2)');
    expect(regulationItemInArabic('附件一')).toBe('附件一');
  });

  it('keeps the printed item in Chinese', () => {
    expect(regulationItemLabel('十二(一)', 'zh-TW')).toBe('十二(一)');
    expect(regulationItemLabel('十二(一)', 'en')).toBe('12(1)');
  });
});
