/**
 * Exact two-sided p-value of the two-sample Kolmogorov–Smirnov test, Pr(D_{m,n} ≥ h / lcm(m, n)), as
 * SciPy's `_attempt_exact_2kssamp` computes it (two-sided case):
 *  - m = n: Hodges' alternating sum 2 Σ_k (−1)^(k−1) C(2n, n−kh)/C(2n, n), evaluated Horner-style
 *    (SciPy's `_compute_prob_outside_square`);
 *  - m ≠ n: lattice paths through the band |x/m − y/n| < h/lcm counted column by column, carrying
 *    1 − p directly so nothing overflows (Viehmann 2021; SciPy's `_compute_outer_prob_inside_method`).
 * The arithmetic is done in the same order as SciPy so that rounding — and therefore SciPy's fallback
 * to the asymptotic distribution when the result leaves [0, 1] — is reproduced.
 */

/** Pr(D_{n,n} ≥ h/n), 0 < h ≤ n. */
export function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  let k = Math.floor(n / h);
  while (k >= 0) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
    k -= 1;
  }
  return 2 * P;
}

/** Proportion of lattice paths from (0,0) to (m,n) that leave the band |x/m − y/n| < h/lcm(m,n); g = gcd(m,n). */
export function probOutsideBand(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = Math.floor(m / g);
  const ng = Math.floor(n / g);
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, Math.min(maxj, lenA));
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    const shift = minj - lastminj;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = ((A[jj + shift] ?? 0) * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) {
      const from = maxj - minj;
      A.fill(1, Math.min(from, lenA), Math.min(from + (lastlen - curlen), lenA));
    }
  }
  return A[maxj - minj - 1] ?? Number.NaN;
}

/** Round half to even, as numpy's `np.round`. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export interface ExactAttempt {
  /** False when SciPy would fall back to the asymptotic distribution (result outside [0, 1]). */
  success: boolean;
  /** The statistic snapped to the lattice: h / lcm(n1, n2). */
  d: number;
  pValue: number;
}

/** SciPy's `_attempt_exact_2kssamp(n1, n2, g, d, 'two-sided')`. */
export function attemptExactKs(n1: number, n2: number, g: number, d: number): ExactAttempt {
  const lcm = Math.floor(n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const snapped = h / lcm;
  if (h === 0) return { success: true, d: snapped, pValue: 1 };
  const prob = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideBand(n1, n2, g, h);
  if (!(prob >= 0 && prob <= 1)) return { success: false, d: snapped, pValue: prob };
  return { success: true, d: snapped, pValue: prob };
}
