import type { NumericStats } from '../../../shared/datasetsApi.js';
import { sortFloat64 } from './sortFloat64.js';

const BUCKETS = 65_536;
export const EXACT_DISTINCT_LIMIT = 100_000;
const HLL_BITS = 14;
const PERCENTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;

/**
 * Exact percentiles (linear interpolation, as numpy and pandas) without sorting the column: count
 * the values into fine buckets between min and max, then sort only the buckets that hold the
 * wanted order statistics.
 */
export function percentiles(values: Float64Array, min: number, max: number): number[] {
  const n = values.length;
  const ranks = PERCENTILES.flatMap((p) => [Math.floor((n - 1) * p), Math.ceil((n - 1) * p)]);
  if (min === max) return PERCENTILES.map(() => min);
  // Divide first: (BUCKETS - 1) / (max - min) overflows to Infinity for a tiny range (0 * Infinity = NaN).
  const range = max - min;
  const slot = (x: number) => Math.min(BUCKETS - 1, Math.floor(((x - min) / range) * (BUCKETS - 1)));
  const counts = new Uint32Array(BUCKETS);
  for (let i = 0; i < n; i++) counts[slot(values[i]!)]!++;
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
  const wanted = new Map<number, number[]>();
  for (const r of ranks) wanted.set(bucketOf(r), []);
  for (let i = 0; i < n; i++) wanted.get(slot(values[i]!))?.push(values[i]!);
  const sorted = new Map([...wanted].map(([b, xs]) => [b, sortFloat64(Float64Array.from(xs))]));
  const at = (rank: number) => {
    const b = bucketOf(rank);
    return sorted.get(b)![rank - starts[b]!]!;
  };
  return PERCENTILES.map((p) => {
    const pos = (n - 1) * p;
    const lo = at(Math.floor(pos));
    return lo + (at(Math.ceil(pos)) - lo) * (pos - Math.floor(pos));
  });
}

/** min, max, mean, std (n-1) and the percentiles of the non-missing values. */
export function numericStats(values: Float64Array): NumericStats {
  const n = values.length;
  let mean = 0;
  let m2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    const d = x - mean;
    mean += d / (i + 1);
    m2 += d * (x - mean);
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const [p1, p5, p25, p50, p75, p95, p99] = percentiles(values, min, max) as [number, number, number, number, number, number, number];
  return { min, max, mean, std: n > 1 ? Math.sqrt(m2 / (n - 1)) : 0, p1, p5, p25, p50, p75, p95, p99 };
}

/** Distinct values: exact up to EXACT_DISTINCT_LIMIT, else a HyperLogLog estimate (about 1% error). */
export function distinctCount(values: Float64Array): { distinct: number; exact: boolean } {
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    seen.add(values[i]! === 0 ? 0 : values[i]!);
    if (seen.size > EXACT_DISTINCT_LIMIT) return { distinct: hyperLogLog(values), exact: false };
  }
  return { distinct: seen.size, exact: true };
}

function hyperLogLog(values: Float64Array): number {
  const m = 1 << HLL_BITS;
  const registers = new Uint8Array(m);
  const words = new Uint32Array(2);
  const bits = new Float64Array(words.buffer);
  for (let i = 0; i < values.length; i++) {
    bits[0] = values[i]! === 0 ? 0 : values[i]!;
    const h = fmix32(fmix32(words[1]!) ^ words[0]!);
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
