/**
 * The `k` most frequent values (count descending, then value ascending) from per-code counts, in
 * one pass that keeps only the best k so far: a column of a million distinct strings is no longer
 * sorted whole to show twenty of them. Codes with a zero count are not values of the column.
 */
export function mostFrequent(
  counts: Float64Array,
  values: readonly string[],
  k: number,
): { top: { value: string; count: number }[]; distinct: number } {
  const best: number[] = []; // codes, best first
  const before = (a: number, b: number) =>
    counts[a]! > counts[b]! || (counts[a] === counts[b] && values[a]! < values[b]!);
  let distinct = 0;
  for (let code = 0; code < counts.length; code++) {
    if (counts[code] === 0) continue;
    distinct++;
    if (best.length === k && !before(code, best[k - 1]!)) continue;
    let at = best.length === k ? k - 1 : best.length;
    while (at > 0 && before(code, best[at - 1]!)) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = code;
  }
  return { top: best.map((c) => ({ value: values[c]!, count: counts[c]! })), distinct };
}
