import { requireNonEmpty } from './sortedSample.js';

/**
 * Binning of numeric columns for the histogram-based scores (PSI, Jensen–Shannon). All functions take
 * ascending samples (see sortedSample) and count with binary searches, O(bins · log n).
 *
 * 1. Reference-quantile bins (PSI): interior edges are the distinct values of
 *    numpy.quantile(ref, [1/b, 2/b, …, (b−1)/b]) (default 'linear' interpolation, Hyndman–Fan type 7).
 *    With edges e_1 < … < e_k the bins are (−∞, e_1), [e_1, e_2), …, [e_k, +∞) — i.e. a value's bin is
 *    numpy.digitize(x, edges): left-closed, the outer bins open-ended so current values outside the
 *    reference range are still counted. Ties in the reference can merge quantiles, giving fewer than b
 *    bins (a constant reference gives one edge, so two bins).
 * 2. Shared equal-width bins (Jensen–Shannon on numbers): edges = numpy.histogram_bin_edges(ref ∪ cur, b),
 *    i.e. b equal-width bins from min to max of the pooled data (min = max widens to ±0.5), bins
 *    [e_i, e_{i+1}) with the last one closed — numpy.histogram's convention.
 */

/** Index of the first element ≥ x (numpy searchsorted side='left'). */
export function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** numpy.quantile(sorted, q) with method='linear' (same interpolation arithmetic as numpy's _lerp). */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const virtualIndex = (n - 1) * q;
  if (virtualIndex >= n - 1) return sorted[n - 1] as number;
  if (virtualIndex <= 0) return sorted[0] as number;
  const prev = Math.floor(virtualIndex);
  const gamma = virtualIndex - prev;
  const a = sorted[prev] as number;
  const b = sorted[prev + 1] as number;
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/** Interior PSI edges: distinct reference quantiles at i/bins, i = 1 … bins−1, ascending. */
export function referenceQuantileEdges(refSorted: Float64Array, bins: number): Float64Array {
  requireNonEmpty(refSorted.length, 'reference');
  const edges: number[] = [];
  for (let i = 1; i < bins; i++) edges.push(quantileSorted(refSorted, i / bins));
  edges.sort((x, y) => x - y);
  return Float64Array.from(edges.filter((e, i) => i === 0 || e !== edges[i - 1]));
}

/** Counts in the bins (−∞, e_1), [e_1, e_2), …, [e_k, +∞) — numpy.digitize(x, edges) — length k + 1. */
export function countOpenBins(sorted: Float64Array, edges: Float64Array): Float64Array {
  const counts = new Float64Array(edges.length + 1);
  let below = 0;
  for (let i = 0; i < edges.length; i++) {
    const atOrAbove = lowerBound(sorted, edges[i] as number);
    counts[i] = atOrAbove - below;
    below = atOrAbove;
  }
  counts[edges.length] = sorted.length - below;
  return counts;
}

/** numpy.histogram_bin_edges(concat(a, b), bins): bins + 1 equal-width edges from the pooled min to max. */
export function sharedHistogramEdges(
  aSorted: Float64Array,
  bSorted: Float64Array,
  bins: number,
): Float64Array {
  requireNonEmpty(aSorted.length, 'reference');
  requireNonEmpty(bSorted.length, 'current');
  let first = Math.min(aSorted[0] as number, bSorted[0] as number);
  let last = Math.max(aSorted[aSorted.length - 1] as number, bSorted[bSorted.length - 1] as number);
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  // numpy.linspace: i·step + start, with the last edge set to stop exactly.
  const step = (last - first) / bins;
  const edges = new Float64Array(bins + 1);
  for (let i = 0; i <= bins; i++) edges[i] = i * step + first;
  edges[bins] = last;
  return edges;
}

/** numpy.histogram counts for given edges: [e_i, e_{i+1}), last bin closed; values outside are dropped. */
export function histogramCounts(sorted: Float64Array, edges: Float64Array): Float64Array {
  const bins = edges.length - 1;
  const counts = new Float64Array(bins);
  let start = lowerBound(sorted, edges[0] as number);
  for (let i = 0; i < bins; i++) {
    const end =
      i === bins - 1
        ? upperBound(sorted, edges[bins] as number)
        : lowerBound(sorted, edges[i + 1] as number);
    counts[i] = end - start;
    start = end;
  }
  return counts;
}

/** Index of the first element > x (numpy searchsorted side='right'). */
export function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
