/**
 * The exact parse of a decimal with 16 to 19 significant digits (what `repr(float)` and
 * `String(x)` write for most doubles), where Clinger's fast path (fastNumber.ts) stops: the digits
 * no longer fit a double's 53 bits. The digits are held exactly as two doubles, a candidate is
 * divided out, and the residual against the midpoints of its neighbours (computed exactly with
 * error-free products and sums) says whether the candidate is the correctly rounded double; ties
 * go to even, as Number() does.
 */

const SPLITTER = 134217729; // 2^27 + 1, Veltkamp's split
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const POW10_HI = POW10.map((t) => splitHi(t));
const POW10_LO = POW10.map((t, i) => t - POW10_HI[i]!);
const TWO_53 = 9007199254740992;

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HIGH = 1 - LOW;

function splitHi(a: number): number {
  const t = SPLITTER * a;
  return t - (t - a);
}

/** The next double away from zero (c > 0, finite). */
function nextUp(c: number): number {
  bits[0] = c;
  if (words[LOW] === 0xffffffff) {
    words[LOW] = 0;
    words[HIGH]!++;
  } else words[LOW]!++;
  return bits[0]!;
}

/** The next double towards zero (c > 0). */
function nextDown(c: number): number {
  bits[0] = c;
  if (words[LOW] === 0) {
    words[LOW] = 0xffffffff;
    words[HIGH]!--;
  } else words[LOW]!--;
  return bits[0]!;
}

function isEven(c: number): boolean {
  bits[0] = c;
  return (words[LOW]! & 1) === 0;
}

/** The sign of an exact sum of doubles (Shewchuk's grow-expansion; only near a tie). */
const expansion = new Float64Array(8);
function signOfSum(terms: readonly number[]): number {
  let n = 0;
  for (const t of terms) {
    let q = t;
    let k = 0;
    for (let i = 0; i < n; i++) {
      const e = expansion[i]!;
      const s = q + e;
      const bv = s - q;
      const err = q - (s - bv) + (e - bv);
      q = s;
      if (err !== 0) expansion[k++] = err;
    }
    if (q !== 0) expansion[k++] = q;
    n = k;
  }
  return n === 0 ? 0 : Math.sign(expansion[n - 1]!);
}

/**
 * The double nearest to `(hi · 10^lowDigits + low) / 10^fraction`, exactly, for `hi` below 10^15,
 * `low` below 10^lowDigits (lowDigits ≤ 4) and `fraction` ≤ 22; positive values only.
 */
export function exactQuotient(
  hi: number,
  low: number,
  lowDigits: number,
  fraction: number,
): number {
  // w = W1 + W2 exactly: hi · 10^L by Dekker's product (10^L ≤ 10^4 has no low half), plus low.
  const p = hi * POW10[lowDigits]!;
  const hh = splitHi(hi);
  const ph = POW10_HI[lowDigits]!;
  const pErr = hh * ph - p + (hi - hh) * ph; // 10^L splits exactly: its low half is 0
  const w1 = p + low;
  const bv = w1 - p;
  const sErr = p - (w1 - bv) + (low - bv);
  const w2 = pErr + sErr; // both integers well below 2^53: exact
  const t = POW10[fraction]!;
  const th = POW10_HI[fraction]!;
  const tl = POW10_LO[fraction]!;
  let c = w1 / t;
  for (let round = 0; round < 4; round++) {
    // c · t = a1 + a2 exactly (Dekker), and the residual r = w − c·t.
    const a1 = c * t;
    const ch = splitHi(c);
    const cl = c - ch;
    const a2 = ch * th - a1 + ch * tl + cl * th + cl * tl;
    const d1 = w1 - a1; // exact (Sterbenz: c·t is within a few ulps of w)
    const r = d1 + (w2 - a2);
    const bound = (Math.abs(d1) + Math.abs(w2) + Math.abs(a2)) * 4.5e-16;
    // Half a gap around c is at least c·2^-54 (the gap below a power of two is half the one above):
    // a residual clearly inside that needs no neighbours.
    if (Math.abs(r) + bound < a1 * 5.55e-17) return c;
    const up = nextUp(c);
    const qUp = ((up - c) / 2) * t; // half the gap above, times t: exact
    let toUp = r - qUp;
    if (Math.abs(toUp) <= bound) toUp = signOfSum([w1, w2, -a1, -a2, -qUp]);
    if (toUp > 0) {
      c = up;
      continue;
    }
    if (toUp === 0) return isEven(c) ? c : up;
    const down = nextDown(c);
    const qDown = ((c - down) / 2) * t;
    let toDown = r + qDown;
    if (Math.abs(toDown) <= bound) toDown = signOfSum([w1, w2, -a1, -a2, qDown]);
    if (toDown < 0) {
      c = down;
      continue;
    }
    if (toDown === 0) return isEven(c) ? c : down;
    return c;
  }
  return c;
}

/**
 * Parses `b[start, end)` as a plain decimal (`-12345.678901234567`, `1.2345678901234567e-5`) with
 * up to 19 significant digits and a decimal exponent from −22 to 0 once the digits are integral;
 * returns undefined for anything else (the caller then takes the slow path).
 */
export function longDecimal(b: Uint8Array, start: number, end: number): number | undefined {
  let i = start;
  let ch = b[i]!;
  const negative = ch === 45;
  if (negative || ch === 43) ch = b[++i]!;
  // The first 15 significant digits go to `hi` (leading zeros leave it 0), the rest to `low`.
  let hi = 0;
  let low = 0;
  let lowDigits = 0;
  const digitsStart = i;
  while (i < end && (ch - 48) >>> 0 < 10) {
    if (hi < 1e14) hi = hi * 10 + (ch - 48);
    else {
      low = low * 10 + (ch - 48);
      lowDigits++;
    }
    ch = b[++i]!;
  }
  let digits = i - digitsStart;
  let scale = 0;
  if (i < end && ch === 46) {
    const fractionStart = ++i;
    ch = b[i]!;
    while (i < end && (ch - 48) >>> 0 < 10) {
      if (hi < 1e14) hi = hi * 10 + (ch - 48);
      else {
        low = low * 10 + (ch - 48);
        lowDigits++;
      }
      ch = b[++i]!;
    }
    scale = fractionStart - i;
    digits -= scale;
  }
  if (digits === 0 || lowDigits > 4) return undefined;
  if (i < end && (ch === 101 || ch === 69)) {
    ch = b[++i]!;
    let sign = 1;
    if (ch === 45 || ch === 43) {
      if (ch === 45) sign = -1;
      ch = b[++i]!;
    }
    let exponent = 0;
    const expStart = i;
    for (; i < end; ch = b[++i]!) {
      const d = ch - 48;
      if (d < 0 || d > 9 || i - expStart >= 3) return undefined;
      exponent = exponent * 10 + d;
    }
    if (i === expStart) return undefined;
    scale += sign * exponent;
  }
  if (i !== end) return undefined;
  let value: number;
  if (lowDigits === 0) {
    // At most 15 significant digits: Clinger's fast path.
    if (scale >= 0 && scale <= 22) value = hi * POW10[scale]!;
    else if (scale < 0 && scale >= -22) value = hi / POW10[-scale]!;
    else return undefined;
  } else {
    if (scale > 0 || scale < -22) return undefined;
    // Below 2^53 the digits are one exact double: Clinger again.
    const w = hi * POW10[lowDigits]! + low;
    if (w < TWO_53) value = scale === 0 ? w : w / POW10[-scale]!;
    else value = exactQuotient(hi, low, lowDigits, -scale);
  }
  return negative ? -value : value;
}
