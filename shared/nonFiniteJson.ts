/**
 * JSON that keeps NaN and ±Infinity (a diverged loss is data too): plain JSON writes them as
 * `null`. Such a number travels as a string marked by a leading NUL character ("\u0000Infinity");
 * a string that itself starts with NUL gets one more, so every value comes back as it was.
 * Answers without either (nearly all) are written and read by plain JSON: one walk to check when
 * writing, one scan of the text when reading.
 */
const MARK = '\u0000';

/** Whether a value holds a non-finite number or a string starting with MARK. */
function needsMarks(value: unknown): boolean {
  const stack: object[] = [];
  // Primitives are checked where they are met; only objects and arrays wait on the stack.
  const check = (v: unknown): boolean => {
    if (typeof v === 'number') return !Number.isFinite(v);
    if (typeof v === 'string') return v.charCodeAt(0) === 0;
    if (v !== null && typeof v === 'object') stack.push(v);
    return false;
  };
  if (check(value)) return true;
  for (let o = stack.pop(); o !== undefined; o = stack.pop()) {
    if (Array.isArray(o)) {
      for (let i = 0; i < o.length; i++) if (check(o[i])) return true;
    } else {
      const record = o as Record<string, unknown>;
      for (const key in record) if (check(record[key])) return true;
    }
  }
  return false;
}

const mark = (_key: string, v: unknown): unknown =>
  typeof v === 'number'
    ? Number.isFinite(v)
      ? v
      : MARK + String(v)
    : typeof v === 'string' && v.charCodeAt(0) === 0
      ? MARK + v
      : v;

const unmark = (_key: string, v: unknown): unknown =>
  typeof v === 'string' && v.charCodeAt(0) === 0
    ? v.charCodeAt(1) === 0
      ? v.slice(1)
      : Number(v.slice(1))
    : v;

/** JSON.stringify, keeping NaN and ±Infinity. */
export function stringifyKeepingNonFinite(value: unknown): string {
  return (needsMarks(value) ? JSON.stringify(value, mark) : JSON.stringify(value)) ?? 'null';
}

/** JSON.parse of stringifyKeepingNonFinite's text (plain JSON reads the same as JSON.parse). */
export function parseKeepingNonFinite(text: string): unknown {
  // JSON writes NUL only as the escape \u0000: without one, nothing was marked.
  return text.includes('\\u0000') ? JSON.parse(text, unmark) : JSON.parse(text);
}
