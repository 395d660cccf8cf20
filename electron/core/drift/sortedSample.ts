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
  if (copy.length > 0 && Number.isNaN(copy[copy.length - 1])) {
    throw new DriftInputError('Numeric drift tests need missing values (NaN) removed first.');
  }
  return copy;
}

/** Throws unless the sample has at least one value. */
export function requireNonEmpty(n: number, what: string): void {
  if (n === 0) throw new DriftInputError(`The ${what} sample is empty: nothing to compare.`);
}
