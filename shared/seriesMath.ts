/** Pure curve math for the compare view's charts. */

/**
 * TensorBoard's smoothing: an exponential moving average with debiasing, so the first points
 * are not pulled towards zero. `weight` 0 returns the values; non-finite values pass through.
 * x must be sorted; like TensorBoard, the weight applies per point (not per unit of x).
 */
export function emaDebiased(values: readonly number[], weight: number): number[] {
  if (!(weight > 0)) return values.slice();
  const w = Math.min(weight, 0.999);
  let last = 0;
  let debias = 0;
  return values.map((v) => {
    if (!Number.isFinite(v)) return v;
    last = last * w + (1 - w) * v;
    debias = debias * w + (1 - w);
    return last / debias;
  });
}

/** The value at quantile q (0–1) of sorted numbers, interpolated. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * Math.min(Math.max(q, 0), 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * A y-range that ignores outliers: the 0.5%–99.5% quantiles widened by 5% (where TensorBoard's
 * "ignore outliers" also cuts). Points outside stay in the data; the chart clips them.
 */
export function robustRange(values: readonly number[]): [number, number] | null {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return null;
  const lo = quantile(finite, 0.005);
  const hi = quantile(finite, 0.995);
  const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 1;
  return [lo - pad, hi + pad];
}

/** Nice round tick values covering [lo, hi], about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo === hi) return [lo];
  const raw = (hi - lo) / Math.max(count, 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const error = raw / mag;
  // d3's rule: round the raw step to 1, 2, 5 or 10 times a power of ten, whichever is nearest.
  const step =
    mag * (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.SQRT2 ? 2 : 1);
  const out: number[] = [];
  // Each tick from its index, not by adding steps: a sum drifts (0.2 + … + 0.2 → −5.6e-17 for 0).
  for (let i = Math.ceil(lo / step); i * step <= hi + step * 1e-9; i++)
    out.push(Number((i * step).toPrecision(12)));
  return out;
}
