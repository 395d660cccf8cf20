/**
 * Row-wise `np.argmax` of a row-major matrix with `k` columns: the first maximum wins a tie,
 * and a NaN (numpy's maximum) wins at its first occurrence.
 */
export function argmaxRows(matrix: Float64Array, k: number): Int32Array {
  if (!Number.isInteger(k) || k < 1 || matrix.length % k !== 0) {
    throw new RangeError(`argmaxRows: ${matrix.length} values are not rows of ${k}`);
  }
  const n = matrix.length / k;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 0; j < k; j++) {
      const v = matrix[i * k + j]!;
      if (Number.isNaN(v)) {
        best = j;
        break;
      }
      if (v > matrix[i * k + best]!) best = j;
    }
    out[i] = best;
  }
  return out;
}
