import { DriftInputError } from './errors.js';

/**
 * A sorted copy of a numeric sample (Float64Array.prototype.sort: typed, ascending, O(n log n)); the
 * input is left untouched. Throws DriftInputError on NaN (missing values must be removed by the caller).
 * Tests that need sorted data accept the result via their `…Sorted` variants, so one sort can serve
 * several tests of the same column.
 */
export function sortedSample(values: ArrayLike<number>): Float64Array {
  const copy = values instanceof Float64Array ? values.slice() : Float64Array.from(values);
  copy.sort();
  return requireNoNaN(copy);
}

/** The samples of a numeric drift column, ascending: as they are when `sorted`, else sorted copies. */
export function sortedSamples(column: {
  reference: ArrayLike<number>;
  current: ArrayLike<number>;
  sorted?: boolean;
}): [Float64Array, Float64Array] {
  if (
    column.sorted &&
    column.reference instanceof Float64Array &&
    column.current instanceof Float64Array
  )
    return [requireNoNaN(column.reference), requireNoNaN(column.current)];
  return [sortedSample(column.reference), sortedSample(column.current)];
}

/** Throws DriftInputError when an ascending sample holds NaN (at either end, whatever its sign bit). */
function requireNoNaN(sorted: Float64Array): Float64Array {
  const n = sorted.length;
  if (n > 0 && (Number.isNaN(sorted[n - 1]) || Number.isNaN(sorted[0]))) {
    throw new DriftInputError('Numeric drift tests need missing values (NaN) removed first.');
  }
  return sorted;
}

/** Throws unless the sample has at least one value. */
export function requireNonEmpty(n: number, what: string): void {
  if (n === 0) throw new DriftInputError(`The ${what} sample is empty: nothing to compare.`);
}
