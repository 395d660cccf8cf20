const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * Parses a decimal number straight from `text[start, end)` without making a string, when that is
 * exact: at most 15 significant digits and a power of ten up to 22 (Clinger's fast path: one
 * correctly rounded multiply or divide of two exact doubles). Anything else — more digits, spaces,
 * missing tokens, words — returns undefined and the caller parses the slice the slow way.
 */
export function fastNumber(text: string, start: number, end: number): number | undefined {
  let i = start;
  let c = text.charCodeAt(i);
  const negative = c === 45;
  if (negative || c === 43) i++;
  let mantissa = 0;
  let significant = 0;
  let scale = 0;
  let digits = 0;
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    mantissa = mantissa * 10 + (c - 48);
    digits++;
    if (mantissa > 0) significant++;
  }
  if (i < end && c === 46) {
    for (i++; i < end; i++) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      scale--;
      if (mantissa > 0) significant++;
    }
  }
  if (digits === 0 || significant > 15) return undefined;
  if (i < end && (c === 101 || c === 69)) {
    i++;
    let sign = 1;
    c = text.charCodeAt(i);
    if (c === 45 || c === 43) {
      sign = c === 45 ? -1 : 1;
      i++;
    }
    let exponent = 0;
    let expDigits = 0;
    for (; i < end; i++) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57) return undefined;
      exponent = exponent * 10 + (c - 48);
      if (++expDigits > 3) return undefined;
    }
    if (expDigits === 0) return undefined;
    scale += sign * exponent;
  }
  if (i !== end) return undefined;
  let value: number;
  if (scale === 0) value = mantissa;
  else if (scale > 0 && scale <= 22) value = mantissa * POW10[scale]!;
  else if (scale < 0 && scale >= -22) value = mantissa / POW10[-scale]!;
  else return undefined;
  return negative ? -value : value;
}
