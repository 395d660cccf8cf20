/**
 * The y range of a metric across versions: it always includes 0, so 0.80 against 0.83 looks like
 * the 4% it is rather than a cliff; a score that lives in [0, 1] (accuracy, F1, AUC…) is drawn on
 * [0, 1] whole. Values beyond 0 on either side widen it.
 */
export function versionAxisDomain(values: readonly (number | null)[]): [number, number] {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length === 0) return [0, 1];
  const lo = Math.min(0, ...finite);
  const hi = Math.max(0, ...finite);
  if (lo === 0 && hi <= 1) return [0, 1];
  return [lo, hi];
}
