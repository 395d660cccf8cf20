import type { NumericStats } from '../../../shared/api/datasets.js';
import { sortFloat64 } from './sortFloat64.js';

const BUCKETS = 65_536;
export const EXACT_DISTINCT_LIMIT = 100_000;
const HLL_BITS = 14;
const PERCENTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;

/** Equal-width bins between min and max (one when they are equal), counted as values arrive. */
export interface HistogramBins {
  min: number;
  width: number;
  edges: number[];
  counts: Float64Array;
}

export function histogramBins(min: number, max: number, bins: number): HistogramBins {
  const k = min === max ? 1 : bins;
  const width = (max - min) / k || 1;
  const edges = Array.from({ length: k + 1 }, (_, i) => (i === k ? max : min + i * width));
  return { min, width, edges, counts: new Float64Array(k) };
}

/** Counts one value into its bin (the last bin holds max). */
export function countInto(h: HistogramBins, x: number): void {
  h.counts[Math.min(h.counts.length - 1, Math.floor((x - h.min) / h.width))]!++;
}

/** One pass: the sum, min and max (an infinite min or max says the values hold an infinity). */
export interface SumMinMax {
  sum: number;
  min: number;
  max: number;
}

export function sumMinMax(values: Float64Array): SumMinMax {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return { sum, min, max };
}

/**
 * Exact percentiles (linear interpolation, as numpy and pandas) without sorting the column: count
 * the values into fine buckets between min and max, then gather and sort only the buckets that
 * hold the wanted order statistics. Two light passes over the values; `histogram`, when given
 * (its min is `min`), is counted in the first.
 */
export function percentiles(
  values: Float64Array,
  min: number,
  max: number,
  histogram?: HistogramBins,
): number[] {
  const n = values.length;
  if (min === max) {
    if (histogram) for (let i = 0; i < n; i++) countInto(histogram, values[i]!);
    return PERCENTILES.map(() => min);
  }
  // Divide first: (BUCKETS - 1) / (max - min) overflows to Infinity for a tiny range (0 * Infinity = NaN).
  const range = max - min;
  const slots = new Uint16Array(n);
  const counts = new Uint32Array(BUCKETS);
  if (histogram) {
    const { width, counts: bins } = histogram;
    const last = bins.length - 1;
    for (let i = 0; i < n; i++) {
      const d = values[i]! - min;
      const s = Math.min(BUCKETS - 1, Math.floor((d / range) * (BUCKETS - 1)));
      slots[i] = s;
      counts[s]!++;
      bins[Math.min(last, Math.floor(d / width))]!++;
    }
  } else
    for (let i = 0; i < n; i++) {
      const s = Math.min(BUCKETS - 1, Math.floor(((values[i]! - min) / range) * (BUCKETS - 1)));
      slots[i] = s;
      counts[s]!++;
    }
  const starts = new Uint32Array(BUCKETS);
  for (let b = 1; b < BUCKETS; b++) starts[b] = starts[b - 1]! + counts[b - 1]!;
  const bucketOf = (rank: number) => {
    let lo = 0;
    let hi = BUCKETS - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= rank) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  // Where each wanted bucket's values go in one gathered array (-1: not wanted).
  const at = new Int32Array(BUCKETS).fill(-1);
  const wanted = [
    ...new Set(
      PERCENTILES.flatMap((p) => [
        bucketOf(Math.floor((n - 1) * p)),
        bucketOf(Math.ceil((n - 1) * p)),
      ]),
    ),
  ];
  let size = 0;
  for (const b of wanted) {
    at[b] = size;
    size += counts[b]!;
  }
  const gathered = new Float64Array(size);
  const fill = at.slice();
  for (let i = 0; i < n; i++) {
    const f = fill[slots[i]!]!;
    if (f >= 0) {
      gathered[f] = values[i]!;
      fill[slots[i]!] = f + 1;
    }
  }
  for (const b of wanted) sortFloat64(gathered.subarray(at[b]!, at[b]! + counts[b]!));
  const rankValue = (rank: number) => {
    const b = bucketOf(rank);
    return gathered[at[b]! + rank - starts[b]!]!;
  };
  return PERCENTILES.map((p) => {
    const pos = (n - 1) * p;
    const lo = rankValue(Math.floor(pos));
    return lo + (rankValue(Math.ceil(pos)) - lo) * (pos - Math.floor(pos));
  });
}

/**
 * min, max, mean, std (n-1) and the percentiles of the non-missing values. `first` is their
 * sumMinMax when the caller has it; `histogram` (bins from the same min and max) is counted on the way.
 */
export function numericStats(
  values: Float64Array,
  first: SumMinMax = sumMinMax(values),
  histogram?: HistogramBins,
): NumericStats {
  const n = values.length;
  const { sum, min, max } = first;
  let mean = sum / n;
  let m2 = 0;
  if (Number.isFinite(mean)) {
    // Two passes (sum, then squared deviations): as accurate as Welford's, without a division per value.
    for (let i = 0; i < n; i++) {
      const d = values[i]! - mean;
      m2 += d * d;
    }
  } else {
    // The sum overflowed (values near ±1e308): Welford's running mean does not.
    mean = 0;
    for (let i = 0; i < n; i++) {
      const x = values[i]!;
      const d = x - mean;
      mean += d / (i + 1);
      m2 += d * (x - mean);
    }
  }
  const [p1, p5, p25, p50, p75, p95, p99] = percentiles(values, min, max, histogram) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return {
    min,
    max,
    mean,
    std: n > 1 ? Math.sqrt(m2 / (n - 1)) : 0,
    p1,
    p5,
    p25,
    p50,
    p75,
    p95,
    p99,
  };
}

/**
 * Distinct values: exact up to EXACT_DISTINCT_LIMIT, else a HyperLogLog estimate (about 1% error).
 * The estimate comes first: far above the limit (more than 20 standard errors) the exact count,
 * which would stop at the limit anyway, is not attempted.
 */
export function distinctCount(values: Float64Array): { distinct: number; exact: boolean } {
  const estimate = hyperLogLog(values);
  if (estimate > EXACT_DISTINCT_LIMIT * 1.2) return { distinct: estimate, exact: false };
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    seen.add(values[i]! === 0 ? 0 : values[i]!);
    if (seen.size > EXACT_DISTINCT_LIMIT) return { distinct: estimate, exact: false };
  }
  return { distinct: seen.size, exact: true };
}

function hyperLogLog(values: Float64Array): number {
  const m = 1 << HLL_BITS;
  const registers = new Uint8Array(m);
  // The doubles' bit patterns, read in place (values is 8-byte aligned, as every Float64Array).
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  for (let i = 0; i < values.length; i++) {
    const lo = words[2 * i]!;
    let hi = words[2 * i + 1]!;
    if (hi === 0x80000000 && lo === 0) hi = 0; // -0 is 0
    // One finaliser over both halves (the high word multiplied by an odd constant, a bijection first).
    const h = fmix32(Math.imul(hi, 0x9e3779b1) ^ lo);
    const index = h >>> (32 - HLL_BITS);
    const rank = Math.clz32((h << HLL_BITS) | (1 << (HLL_BITS - 1))) + 1;
    if (rank > registers[index]!) registers[index] = rank;
  }
  let sum = 0;
  let zeros = 0;
  for (let j = 0; j < m; j++) {
    sum += 2 ** -registers[j]!;
    if (registers[j] === 0) zeros++;
  }
  const estimate = ((0.7213 / (1 + 1.079 / m)) * m * m) / sum;
  return Math.round(estimate <= 2.5 * m && zeros > 0 ? m * Math.log(m / zeros) : estimate);
}

/** MurmurHash3's finaliser: every input bit affects every output bit. */
function fmix32(x: number): number {
  let h = x ^ (x >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
