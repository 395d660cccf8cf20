/**
 * The exact parse of a decimal with 16 to 19 significant digits (what `repr(float)` and
 * `String(x)` write for most doubles), where Clinger's fast path (fastNumber.ts) stops: the digits
 * no longer fit a double's 53 bits. The CSV byte scan (readers/byteRows.ts) keeps two things per number, both cheap: the digits'
 * value as a double (a few roundings off) and the same integer modulo 2^32 (int32 arithmetic);
 * together they give the integer exactly, as the sum of two doubles. A candidate comes from one
 * multiply, its residual is computed exactly (error-free products and sums), and one addition of
 * the residual rounds the candidate to the answer; only within a rounding error of a midpoint
 * between two doubles does a slower walk compare against the neighbours. Ties go to even, as
 * Number() does.
 */

const SPLITTER = 134217729; // 2^27 + 1, Veltkamp's split
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const POW10_HI = POW10.map((t) => splitHi(t));
const POW10_LO = POW10.map((t, i) => t - POW10_HI[i]!);
const INV10 = POW10.map((t) => 1 / t);
/** Below this every integer is a double: digits accumulated in one are exact. */
export const TWO_53 = 9007199254740992;

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

const TWO_32 = 4294967296;
/**
 * Below this the digits' double is close enough (a few units in its last place) to the integer to
 * recover it from its low 32 bits, and that integer is below 2^64 (a high word below 2^32).
 */
export const EXACT_DIGITS_BELOW = 1.8e19;

/**
 * The double nearest to `N / 10^fraction`, exactly, for the integer N that `approx` (N's digits
 * accumulated as a double, `approx` < EXACT_DIGITS_BELOW) stands for and `low32` (N modulo 2^32,
 * as int32 arithmetic leaves it) pins down; `fraction` from 0 to 22, positive values only.
 */
export function exactDecimal(approx: number, low32: number, fraction: number): number {
  const low = low32 >>> 0;
  // approx is within ~10^4 of N, far less than 2^31: the high word rounds to exactly N's.
  const high = Math.round((approx - low) / TWO_32) * TWO_32;
  // N = w1 + w2 exactly (Knuth's two-sum); w1 is N correctly rounded.
  const w1 = high + low;
  const bv = w1 - high;
  const w2 = high - (w1 - bv) + (low - bv);
  return fraction === 0 ? w1 : exactQuotient(w1, w2, fraction);
}

/**
 * The double nearest to `(w1 + w2) / 10^fraction` (w1 + w2 an integer below 2^64, w1 = fl(w1 + w2)).
 * A candidate c and the exact residual r = w − c·t; the addition c + r/t rounds to the answer
 * itself, so when both ends of r's error interval round to the same double, that is it (no
 * division, no bit twiddling). Only within a rounding error of a midpoint does the slow walk run.
 */
function exactQuotient(w1: number, w2: number, fraction: number): number {
  const t = POW10[fraction]!;
  const inv = INV10[fraction]!;
  const c = w1 * inv; // within an ulp or two of the answer
  const a1 = c * t;
  const ch = splitHi(c);
  const cl = c - ch;
  const a2 =
    ch * POW10_HI[fraction]! -
    a1 +
    ch * POW10_LO[fraction]! +
    cl * POW10_HI[fraction]! +
    cl * POW10_LO[fraction]!;
  const d1 = w1 - a1;
  const r = d1 + (w2 - a2);
  const bound = (Math.abs(d1) + Math.abs(w2) + Math.abs(a2)) * 4.5e-16;
  // Room for r's own error and for r·inv's (a relative 2^-52 or so).
  const margin = bound + (bound + Math.abs(r)) * 1e-15;
  const lo = c + (r - margin) * inv;
  if (lo === c + (r + margin) * inv) return lo;
  return walkToNearest(w1, w2, fraction, w1 / t);
}

/** The slow, sure way: from the candidate c, step to a neighbour while it is nearer (ties to even). */
function walkToNearest(w1: number, w2: number, fraction: number, start: number): number {
  const t = POW10[fraction]!;
  const th = POW10_HI[fraction]!;
  const tl = POW10_LO[fraction]!;
  let c = start;
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
