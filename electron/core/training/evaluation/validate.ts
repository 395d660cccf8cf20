/** Input checks shared by the metrics; they throw RangeError on malformed inputs. */

export function assertSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>, what: string): void {
  if (a.length !== b.length) {
    throw new RangeError(`${what}: lengths differ (${a.length} vs ${b.length})`);
  }
}

export function assertNonEmpty(a: ArrayLike<unknown>, what: string): void {
  if (a.length === 0) throw new RangeError(`${what}: no samples`);
}

/** Number of columns of a row-major n×k matrix holding `n` rows. */
export function columnCount(matrix: ArrayLike<number>, n: number, what: string): number {
  if (n === 0 || matrix.length % n !== 0 || matrix.length === 0) {
    throw new RangeError(`${what}: ${matrix.length} values are not ${n} rows`);
  }
  return matrix.length / n;
}

/** Class indices must lie in 0..k-1 (the columns of the probability matrix). */
export function assertClassIndices(y: Int32Array, k: number, what: string): void {
  for (const c of y) {
    if (c < 0 || c >= k) throw new RangeError(`${what}: class index ${c} outside 0..${k - 1}`);
  }
}

export function assertFinite(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) throw new RangeError(`${what}: non-finite value at ${i}`);
  }
}
