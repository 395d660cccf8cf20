import { requireNonEmpty, sortedSample } from './sortedSample.js';
import { attemptExactKs, roundHalfEven } from './ksExact.js';
import { kolmogorovSf } from './kolmogorovTwoSided.js';

/**
 * Two-sample two-sided Kolmogorov–Smirnov test, equal to SciPy 1.10's
 * `scipy.stats.ks_2samp(ref, cur, alternative='two-sided', method='auto')`:
 *  - statistic D = sup |F_ref − F_cur| over the pooled values (ECDFs right-continuous, ties handled);
 *  - max(n1, n2) ≤ 10,000: exact p-value; D is snapped to the lattice h/lcm(n1, n2) as SciPy does. If
 *    the exact computation leaves [0, 1] through rounding, SciPy falls back to the asymptotic path and so
 *    do we (method is then 'asymp');
 *  - otherwise: p = kstwo.sf(D, round(n1·n2/(n1+n2))) — SciPy's "asymptotic" path, which is in fact the
 *    one-sample two-sided Kolmogorov distribution at the effective sample size.
 * Cost: two typed sorts plus one linear merge.
 */

export const KS_MAX_EXACT_N = 10_000;

export interface KsResult {
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymp';
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** sup |F1 − F2| from two ascending samples, computed as SciPy does (c1/n1 − c2/n2 at every pooled value). */
export function ksStatisticSorted(ref: Float64Array, cur: Float64Array): number {
  const n1 = ref.length;
  const n2 = cur.length;
  let i = 0;
  let j = 0;
  let maxS = -Infinity;
  let minS = Infinity;
  while (i < n1 || j < n2) {
    const a = i < n1 ? (ref[i] as number) : Infinity;
    const b = j < n2 ? (cur[j] as number) : Infinity;
    const v = a <= b ? a : b;
    while (i < n1 && (ref[i] as number) <= v) i++;
    while (j < n2 && (cur[j] as number) <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS) maxS = diff;
    if (diff < minS) minS = diff;
  }
  const minSClipped = Math.min(Math.max(-minS, 0), 1);
  return minSClipped > maxS ? minSClipped : maxS;
}

/** ks_2samp on samples already sorted ascending (see sortedSample). */
export function ksTwoSampleSorted(ref: Float64Array, cur: Float64Array): KsResult {
  const n1 = ref.length;
  const n2 = cur.length;
  requireNonEmpty(n1, 'reference');
  requireNonEmpty(n2, 'current');
  let d = ksStatisticSorted(ref, cur);
  if (Math.max(n1, n2) <= KS_MAX_EXACT_N) {
    const exact = attemptExactKs(n1, n2, gcd(n1, n2), d);
    if (exact.success) return { statistic: exact.d, pValue: exact.pValue, method: 'exact' };
    d = exact.d;
  }
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const en = (m * n) / (m + n);
  const pValue = kolmogorovSf(roundHalfEven(en), d);
  return { statistic: d, pValue: Math.min(Math.max(pValue, 0), 1), method: 'asymp' };
}

/** ks_2samp(ref, cur) two-sided, method='auto'. Inputs are not modified; NaN is rejected. */
export function ksTwoSample(ref: ArrayLike<number>, cur: ArrayLike<number>): KsResult {
  return ksTwoSampleSorted(sortedSample(ref), sortedSample(cur));
}
