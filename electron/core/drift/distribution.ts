import type { DriftDistribution } from '../../../shared/api/drift.js';
import { histogramCounts, sharedHistogramEdges } from './binning.js';
import { countCategories } from './categories.js';
import type { DriftColumn } from './driftStatistics.js';
import { sortedSamples } from './sortedSample.js';

const BINS = 20;
const TOP_CATEGORIES = 20;

const shares = (counts: ArrayLike<number>, total: number) =>
  Array.from(counts, (c) => (total ? c / total : 0));
const formatEdge = (x: number) =>
  Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-2 && x !== 0)
    ? x.toExponential(2)
    : String(Number(x.toPrecision(3)));

/** What the overlay chart draws: shares per shared histogram bin, or per category (top 20 + other). */
export function distributionOf(column: DriftColumn): DriftDistribution {
  if (column.kind === 'numeric') {
    const [ref, cur] = sortedSamples(column);
    if (ref.length === 0 || cur.length === 0) return { labels: [], reference: [], current: [] };
    const edges = sharedHistogramEdges(ref, cur, BINS);
    return {
      labels: Array.from(
        { length: edges.length - 1 },
        (_, i) => `${formatEdge(edges[i]!)}–${formatEdge(edges[i + 1]!)}`,
      ),
      reference: shares(histogramCounts(ref, edges), ref.length),
      current: shares(histogramCounts(cur, edges), cur.length),
    };
  }
  const ref = countCategories(column.reference);
  const cur = countCategories(column.current);
  const all = [...new Set([...ref.keys(), ...cur.keys()])].sort(
    (a, b) =>
      (ref.get(b) ?? 0) + (cur.get(b) ?? 0) - ((ref.get(a) ?? 0) + (cur.get(a) ?? 0)) ||
      a.localeCompare(b),
  );
  const top = all.slice(0, TOP_CATEGORIES);
  const rest = all.slice(TOP_CATEGORIES);
  const share = (counts: Map<string, number>, n: number) => {
    const values = top.map((k) => (n ? (counts.get(k) ?? 0) / n : 0));
    if (rest.length) values.push(n ? rest.reduce((s, k) => s + (counts.get(k) ?? 0), 0) / n : 0);
    return values;
  };
  return {
    labels: rest.length ? [...top, `other (${rest.length})`] : top,
    reference: share(ref, column.reference.length),
    current: share(cur, column.current.length),
  };
}
