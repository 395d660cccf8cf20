import { histogramCounts, sharedHistogramEdges } from './binning.js';
import { alignCounts, type CategoryCounts } from './categories.js';
import { DriftInputError } from './errors.js';
import { sortedSample } from './sortedSample.js';

/**
 * Jensen–Shannon distance in base 2, as `scipy.spatial.distance.jensenshannon(p, q, base=2)`: both
 * vectors are normalised to sum 1, m = (p + q)/2, JS = sqrt((KL(p‖m) + KL(q‖m)) / 2) with KL in bits
 * (0·log 0 = 0). Lies in [0, 1]. A divergence that rounds to a tiny negative number is clamped to 0
 * (SciPy would return NaN there).
 *  - categorical: proportions over the union of categories;
 *  - numeric: counts in shared equal-width bins over the pooled range (binning.ts, rule 2; default 30 bins).
 */

export const JS_DEFAULT_BINS = 30;

/** JS distance (base 2) between two non-negative weight vectors of the same length. */
export function jensenShannon(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length)
    throw new DriftInputError('Jensen–Shannon needs two vectors of the same length.');
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i] as number;
    const b = q[i] as number;
    if (!(a >= 0 && b >= 0 && Number.isFinite(a) && Number.isFinite(b))) {
      throw new DriftInputError('Jensen–Shannon needs finite, non-negative weights.');
    }
    sp += a;
    sq += b;
  }
  if (sp === 0 || sq === 0)
    throw new DriftInputError('Jensen–Shannon needs weights that do not sum to 0.');
  let left = 0;
  let right = 0;
  for (let i = 0; i < p.length; i++) {
    const a = (p[i] as number) / sp;
    const b = (q[i] as number) / sq;
    const m = (a + b) / 2;
    if (a > 0) left += a * Math.log(a / m);
    if (b > 0) right += b * Math.log(b / m);
  }
  const js = (left + right) / Math.LN2;
  return Math.sqrt(Math.max(js / 2, 0));
}

/** JS distance between the category proportions of two count tables (union of categories). */
export function jensenShannonCategorical(
  refCounts: CategoryCounts,
  curCounts: CategoryCounts,
): number {
  const a = alignCounts(refCounts, curCounts);
  return jensenShannon(a.ref, a.cur);
}

/** JS distance between two ascending numeric samples, binned on shared equal-width edges. */
export function jensenShannonNumericSorted(
  refSorted: Float64Array,
  curSorted: Float64Array,
  bins = JS_DEFAULT_BINS,
): number {
  if (!Number.isInteger(bins) || bins < 1)
    throw new DriftInputError(`Jensen–Shannon needs an integer number of bins ≥ 1, got ${bins}.`);
  const edges = sharedHistogramEdges(refSorted, curSorted, bins);
  return jensenShannon(histogramCounts(refSorted, edges), histogramCounts(curSorted, edges));
}

/** JS distance between two numeric samples (shared equal-width bins, default 30). Inputs not modified. */
export function jensenShannonNumeric(
  ref: ArrayLike<number>,
  cur: ArrayLike<number>,
  bins = JS_DEFAULT_BINS,
): number {
  return jensenShannonNumericSorted(sortedSample(ref), sortedSample(cur), bins);
}
