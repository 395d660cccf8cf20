import { requireNonEmpty, sortedSample } from './sortedSample.js';

/**
 * First Wasserstein (earth mover's) distance between two samples, as
 * `scipy.stats.wasserstein_distance(ref, cur)`: ∫ |F_ref(x) − F_cur(x)| dx, evaluated exactly as the sum
 * over consecutive pooled values of |F_ref − F_cur| × gap. Normalised by the reference's population
 * standard deviation (ddof = 0) it becomes Evidently's drift score.
 */

/** Neumaier-compensated accumulator (the sums here have up to 2·10⁶ terms). */
class Sum {
  private s = 0;
  private c = 0;
  add(x: number): void {
    const t = this.s + x;
    this.c += Math.abs(this.s) >= Math.abs(x) ? this.s - t + x : x - t + this.s;
    this.s = t;
  }
  get value(): number {
    return this.s + this.c;
  }
}

/** W1 distance from two ascending samples. */
export function wassersteinSorted(ref: Float64Array, cur: Float64Array): number {
  const n1 = ref.length;
  const n2 = cur.length;
  requireNonEmpty(n1, 'reference');
  requireNonEmpty(n2, 'current');
  const total = new Sum();
  let i = 0;
  let j = 0;
  let prev = Math.min(ref[0] as number, cur[0] as number);
  while (i < n1 || j < n2) {
    const a = i < n1 ? (ref[i] as number) : Infinity;
    const b = j < n2 ? (cur[j] as number) : Infinity;
    const v = a <= b ? a : b;
    // CDFs are flat on [prev, v): they count the values ≤ prev, i.e. the i, j consumed so far.
    if (v > prev) total.add(Math.abs(i / n1 - j / n2) * (v - prev));
    while (i < n1 && (ref[i] as number) <= v) i++;
    while (j < n2 && (cur[j] as number) <= v) j++;
    prev = v;
  }
  return total.value;
}

/** Population standard deviation (ddof = 0), two-pass and compensated; exactly 0 for a constant sample. */
export function populationStd(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  if (sorted[0] === sorted[n - 1]) return 0;
  const s = new Sum();
  for (let k = 0; k < n; k++) s.add(sorted[k] as number);
  const mean = s.value / n;
  const ss = new Sum();
  for (let k = 0; k < n; k++) {
    const d = (sorted[k] as number) - mean;
    ss.add(d * d);
  }
  return Math.sqrt(ss.value / n);
}

/**
 * W1(ref, cur) / std(ref) from ascending samples. A constant reference (std exactly 0 — detected as
 * min = max, so rounding in the mean cannot make it a tiny positive number) gives 0 when the distance is
 * 0 and +Infinity otherwise: any movement away from a constant is infinitely many reference standard
 * deviations. (Evidently instead divides by max(std, 0.001), which depends on the column's units.)
 */
export function wassersteinNormalizedSorted(ref: Float64Array, cur: Float64Array): number {
  const distance = wassersteinSorted(ref, cur);
  const std = populationStd(ref);
  if (std === 0) return distance === 0 ? 0 : Number.POSITIVE_INFINITY;
  return distance / std;
}

/** scipy.stats.wasserstein_distance(ref, cur) — inputs not modified, NaN rejected. */
export function wassersteinDistance(ref: ArrayLike<number>, cur: ArrayLike<number>): number {
  return wassersteinSorted(sortedSample(ref), sortedSample(cur));
}

/** wasserstein_distance(ref, cur) / std(ref, ddof=0); see wassersteinNormalizedSorted for std = 0. */
export function wassersteinNormalized(ref: ArrayLike<number>, cur: ArrayLike<number>): number {
  return wassersteinNormalizedSorted(sortedSample(ref), sortedSample(cur));
}
