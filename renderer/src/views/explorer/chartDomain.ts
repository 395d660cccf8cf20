/**
 * An axis's domain from the values it shows: their finite extent, and for a single value (one
 * point, or every point equal) a span centred on it, so the point sits inside the plot, level
 * with a tick, rather than on its edge. ±Infinity and NaN have no place on an axis and are left
 * out. On a log axis only positive values count, and a single one gets a decade around it.
 */
export function valueDomain(values: Iterable<number>, log = false): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (log && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return log ? [1, 10] : [0, 1];
  if (lo < hi) return [lo, hi];
  if (log) return [lo / Math.sqrt(10), lo * Math.sqrt(10)];
  const pad = Math.abs(lo) * 0.1 || 1;
  return [lo - pad, lo + pad];
}
