/**
 * Items of the regulation are numbered in Chinese numerals as printed (十二(一), 四十三 (一) 3).
 * English readers get the same number in Arabic numerals: 12(1), 43(1)3.
 */
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** The value of a Chinese numeral below 1,000 (一, 十, 十二, 四十三, 一百零五). */
export function chineseNumeralValue(numeral: string): number {
  let total = 0;
  let digit = 0;
  for (const char of numeral) {
    if (char === '百' || char === '十') {
      // 十 alone (or leading, as in 十二) means one ten.
      total += (digit || 1) * (char === '百' ? 100 : 10);
      digit = 0;
    } else if (char in DIGITS) {
      digit = DIGITS[char] ?? 0;
    } else {
      throw new RangeError(`not a Chinese numeral: ${numeral}`);
    }
  }
  return total + digit;
}

/** 十二(一) → 12(1); 四十三 (一) 3 → 43(1)3; anything not starting with a numeral is kept as written. */
export function regulationItemInArabic(item: string): string {
  if (!/^\s*[零〇一二三四五六七八九十百]/.test(item)) {
    return item;
  }
  return item
    .replaceAll('（', '(')
    .replaceAll('）', ')')
    .replace(/[零〇一二三四五六七八九十百]+/g, (numeral) => String(chineseNumeralValue(numeral)))
    .replace(/\s*([()])\s*/g, '$1')
    .trim();
}

/** The item as a reader of `language` writes it. */
export function regulationItemLabel(item: string, language: string): string {
  return language.startsWith('en') ? regulationItemInArabic(item) : item;
}
