import { countOpenBins, referenceQuantileEdges } from './binning.js';
import { alignCounts, type CategoryCounts } from './categories.js';
import { DriftInputError } from './errors.js';
import { requireNonEmpty, sortedSample } from './sortedSample.js';

/**
 * Population Stability Index, PSI = Σ_i (c_i − r_i) · ln(c_i / r_i), where r_i and c_i are the reference
 * and current proportions of bin/category i, each floored at 1e-4 (max(p, 1e-4), no renormalisation) so
 * that empty bins give a large but finite contribution.
 *  - numeric: bins from reference quantiles (binning.ts, rule 1): distinct numpy.quantile(ref, i/bins),
 *    i = 1 … bins−1, as interior edges; bins (−∞, e_1), [e_1, e_2), …, [e_k, +∞);
 *  - categorical: one bin per category in the union of both sides.
 */

export const PSI_FLOOR = 1e-4;
export const PSI_DEFAULT_BINS = 10;

/** PSI of two count vectors over the same bins. */
export function psiFromCounts(refCounts: ArrayLike<number>, curCounts: ArrayLike<number>): number {
  let refTotal = 0;
  let curTotal = 0;
  for (let i = 0; i < refCounts.length; i++) refTotal += refCounts[i] as number;
  for (let i = 0; i < curCounts.length; i++) curTotal += curCounts[i] as number;
  requireNonEmpty(refTotal, 'reference');
  requireNonEmpty(curTotal, 'current');
  let psi = 0;
  for (let i = 0; i < refCounts.length; i++) {
    const r = Math.max((refCounts[i] as number) / refTotal, PSI_FLOOR);
    const c = Math.max((curCounts[i] as number) / curTotal, PSI_FLOOR);
    psi += (c - r) * Math.log(c / r);
  }
  return psi;
}

/** Numeric PSI from ascending samples. */
export function psiNumericSorted(
  refSorted: Float64Array,
  curSorted: Float64Array,
  bins = PSI_DEFAULT_BINS,
): number {
  if (!Number.isInteger(bins) || bins < 2)
    throw new DriftInputError(`PSI needs an integer number of bins ≥ 2, got ${bins}.`);
  requireNonEmpty(refSorted.length, 'reference');
  requireNonEmpty(curSorted.length, 'current');
  const edges = referenceQuantileEdges(refSorted, bins);
  return psiFromCounts(countOpenBins(refSorted, edges), countOpenBins(curSorted, edges));
}

/** Numeric PSI over reference-quantile bins (default 10). Inputs not modified; NaN rejected. */
export function psiNumeric(
  ref: ArrayLike<number>,
  cur: ArrayLike<number>,
  bins = PSI_DEFAULT_BINS,
): number {
  return psiNumericSorted(sortedSample(ref), sortedSample(cur), bins);
}

/** Categorical PSI over the union of categories. */
export function psiCategorical(refCounts: CategoryCounts, curCounts: CategoryCounts): number {
  const a = alignCounts(refCounts, curCounts);
  return psiFromCounts(a.ref, a.cur);
}
