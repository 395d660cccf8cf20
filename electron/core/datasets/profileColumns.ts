import type { ColumnProfile } from '../../../shared/api/datasets.js';
import type { FinishedColumn } from './finishColumns.js';
import { mostFrequent } from './mostFrequent.js';
import {
  countInto,
  distinctCount,
  histogramBins,
  numericStats,
  sumMinMax,
} from './numericSummary.js';

const HISTOGRAM_BINS = 20;
export const TOP_VALUES = 20;
export function histogram(
  values: Float64Array,
  min: number,
  max: number,
  bins = HISTOGRAM_BINS,
): { edges: number[]; counts: number[] } {
  const h = histogramBins(min, max, bins);
  for (let i = 0; i < values.length; i++) countInto(h, values[i]!);
  return { edges: h.edges, counts: Array.from(h.counts) };
}

/**
 * A column's profile. Infinite values (a number too large for a double, such as `1e999`) stay in
 * the data but are left out of the statistics and histogram, with a warning.
 */
export function profileColumn(col: FinishedColumn, warnings: string[] = []): ColumnProfile {
  const base = { name: col.name, type: col.type, missing: col.missing };
  if (col.type === 'numeric') {
    let present = col.nums;
    if (col.missing > 0) {
      present = new Float64Array(col.nums.length - col.missing);
      let k = 0;
      for (let i = 0; i < col.nums.length; i++) {
        const x = col.nums[i]!;
        if (x === x) present[k++] = x;
      }
    }
    const { distinct, exact } = distinctCount(present);
    let first = sumMinMax(present);
    if (first.min === -Infinity || first.max === Infinity) {
      let infinite = 0;
      for (let i = 0; i < present.length; i++) if (Math.abs(present[i]!) === Infinity) infinite++;
      present = present.filter(Number.isFinite);
      first = sumMinMax(present);
      warnings.push(
        `${col.name}: ${infinite} infinite value${infinite === 1 ? '' : 's'} (a number too large for a double, such as 1e999) left out of its statistics`,
      );
    }
    if (present.length === 0)
      return {
        ...base,
        distinct,
        distinct_exact: exact,
        stats: null,
        histogram: null,
        top: null,
      };
    // The histogram is counted in the percentiles' pass over the values.
    const bins = histogramBins(first.min, first.max, HISTOGRAM_BINS);
    const stats = numericStats(present, first, bins);
    return {
      ...base,
      distinct,
      distinct_exact: exact,
      stats,
      histogram: { edges: bins.edges, counts: Array.from(bins.counts) },
      top: null,
    };
  }
  const counts = new Float64Array(col.values.length);
  for (let i = 0; i < col.codes.length; i++) {
    const c = col.codes[i]!;
    if (c >= 0) counts[c]!++;
  }
  const { top, distinct } = mostFrequent(counts, col.values, TOP_VALUES);
  return {
    ...base,
    distinct,
    distinct_exact: true,
    stats: null,
    histogram: null,
    top,
  };
}
