import { readFloat64Column } from '../datasets/columnarCache.js';
import { sortFloat64, sortPresentFloat64 } from '../datasets/sortFloat64.js';

/**
 * Where a numeric drift sample comes from: a Float64 column of a columnar cache, read by whoever
 * tests it (a worker reads its own columns, so nothing is copied between threads), or values
 * already in memory (dates as time stamps, numbers from a file that is not a cache).
 */
export type NumberSource =
  | { kind: 'cache'; path: string; dataStart: number; offset: number; rows: number }
  | { kind: 'values'; values: Float64Array; missing: number };

/** A sample ascending and how many cells it lost as missing. */
export interface SortedSample {
  sorted: Float64Array;
  missing: number;
}

/**
 * Drops missing cells (NaN) in place, keeping the order, and writes -0 as 0 (its text form "0"
 * was what the tests read before); returns the present values as a view of the same buffer.
 */
export function presentInPlace(nums: Float64Array): Float64Array {
  const n = nums.length;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const x = nums[i]!;
    if (x === x) nums[k++] = x === 0 ? 0 : x;
  }
  return nums.subarray(0, k);
}

let scratch = new Float64Array(0);

/** Reads (a cache column) and sorts a sample once: the one sort its tests and histogram share. */
export function sortedSampleOf(source: NumberSource): SortedSample {
  if (source.kind === 'values') {
    const values = sortFloat64(source.values, scratchOf(source.values.length));
    return { sorted: values, missing: source.missing };
  }
  const sorted = sortPresentFloat64(readFloat64Column(source.path, source), scratchOf(source.rows));
  return { sorted, missing: source.rows - sorted.length };
}

/** The sort's second buffer, kept between columns of a thread. */
function scratchOf(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(n);
  return scratch;
}
