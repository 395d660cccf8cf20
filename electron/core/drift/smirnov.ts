import { stirlingError } from './logGamma.js';

/**
 * One-sided Smirnov survival function Pr(D⁺_n ≥ x) for a sample of size n (SciPy's `special.smirnov`),
 * from the Birnbaum–Tingey / Smirnov sum
 *
 *   Pr(D⁺_n ≥ x) = x Σ_{v=0}^{⌊n(1−x)⌋} C(n, v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v)
 *
 * (the v with 1 − x − v/n = 0 contributes nothing). Terms are positive, so the sum is evaluated in
 * log space term by term (no cancellation); n·x is split exactly (Dekker) so that the factors near the
 * end of the sum keep their relative accuracy. Special cases and the early-termination rule follow
 * SciPy's cephes `_smirnov`: x ≤ 1/n and x ≥ 1 − 1/n in closed form, an underflow cut-off at
 * −2nx² < log(DBL_MIN), and for n > 1,000,000 the approximation e^(−(6nx+1)²/(18n)).
 */

const MIN_LOG = -708.3964185322641; // log(DBL_MIN)
const MAX_COMPUTE_N = 1_000_000;
const EPS = 2.220446049250313e-16;

const SPLITTER = 134217729; // 2^27 + 1

/** Exact product a·b = hi + lo (Dekker's two-product). */
function twoProduct(a: number, b: number): [number, number] {
  const hi = a * b;
  const ca = SPLITTER * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLITTER * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  const lo = ah * bh - hi + ah * bl + al * bh + al * bl;
  return [hi, lo];
}

/** Survival function of the one-sided Kolmogorov–Smirnov statistic D⁺_n at x. */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1) || !Number.isInteger(n)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;

  // n·x = nxHi + nxLo exactly; floor and fractional part from that.
  const [nxHi, nxLo] = twoProduct(n, x);
  let nxFloor = Math.floor(nxHi);
  let alpha = nxHi - nxFloor + nxLo; // exact-enough fractional part, may leave [0, 1) by an ulp
  if (alpha < 0) {
    nxFloor -= 1;
    alpha += 1;
  }
  if (alpha >= 1) {
    nxFloor += 1;
    alpha -= 1;
  }

  if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) {
    const cdf = x * Math.pow(1 + x, n - 1);
    return clip01(1 - cdf);
  }
  if (-2 * n * x * x < MIN_LOG) return 0;
  if (nxFloor >= n - 1) return clip01(Math.pow(1 - x, n));
  if (n > MAX_COMPUTE_N) {
    const logp = -Math.pow(6 * n * x + 1, 2) / 18 / n;
    return clip01(logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp));
  }

  // v runs over 0 … n − ⌊nx⌋ − 1 (the next v would make 1 − x − v/n ≤ 0). With a = x + v/n and
  // b = 1 − x − v/n (a + b = 1) the v-th term is C(n,v) a^(v−1) b^(n−v) = binomialPmf(v; n, a) / a.
  const nTerms = n - nxFloor;
  const vMid = Math.floor(n / 2);
  let sum = Math.exp(n * Math.log1p(-x) - Math.log(x)); // v = 0: (1 − x)^n / x
  for (let v = 1; v < nTerms; v++) {
    const na = v + nxHi + nxLo; // n·a
    const nb = n - v - nxHi - nxLo; // n·b
    if (!(nb > 0)) break;
    const term = binomialPmf(n, v, na, nb, nxHi + nxLo) / (na / n);
    sum += term;
    if (term !== 0) {
      if (4 * (nTerms - v) * term < EPS * sum && v !== nTerms - 1) break;
    } else if (v > vMid) {
      break;
    }
  }
  return clip01(x * sum);
}

/**
 * Binomial probability C(n,k) p^k q^(n−k) with p = np/n = (k + nx)/n, q = nq/n = (n − k − nx)/n, 0 < k < n, in Loader's
 * saddle-point form: exp(−stirlingError terms − bd0(k, np) − bd0(n−k, nq)) · sqrt(n / (2π k (n−k))).
 * Relative accuracy ~1e-14 even for n ~ 10⁶, where summing log-binomials would lose ~1e-8.
 */
function binomialPmf(n: number, k: number, np: number, nq: number, nx: number): number {
  // k − np = −nx and (n − k) − nq = nx exactly, with nx = n·x: pass the differences, not their rounding.
  const lc =
    stirlingError(n) -
    stirlingError(k) -
    stirlingError(n - k) -
    bd0(k, np, -nx) -
    bd0(n - k, nq, nx);
  return Math.exp(lc) * Math.sqrt(n / (2 * Math.PI * k * (n - k)));
}

/** Loader's bd0(x, m) = x log(x/m) + m − x ≥ 0, given diff = x − m accurately; series when x ≈ m. */
function bd0(x: number, m: number, diff: number): number {
  if (Math.abs(diff) < 0.1 * (x + m)) {
    const w = diff / (x + m);
    let s = diff * w;
    let ej = 2 * x * w;
    const w2 = w * w;
    for (let j = 1; j < 1000; j++) {
      ej *= w2;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / m) - diff;
}

function clip01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
