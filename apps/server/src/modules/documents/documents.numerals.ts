const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五: the numerals of clause labels (「一、」) and
 * of the term (「【三】年」), 1 to 9,999.
 */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) {
    throw new RangeError(`No Chinese numeral for ${n}`);
  }
  const units = ['千', '百', '十', ''];
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) {
      out += '零';
      zero = false;
    }
    out += `${DIGITS[d] ?? ''}${units[i] ?? ''}`;
  });
  // 一十 … 一十九 are read 十 … 十九.
  return out.startsWith('一十') ? out.slice(1) : out;
}
