/**
 * Summation that reproduces numpy's `np.sum` / `np.mean` of float64 arrays bit for bit, so
 * that metrics built on sums round exactly like scikit-learn's.
 *
 * numpy's add-reduce walks the array in buffers of 8192 elements, adding each buffer's
 * pairwise sum to the running total. The pairwise sum adds fewer than 8 values in order,
 * up to 128 values with 8 interleaved accumulators, and splits larger runs in halves
 * (rounded down to a multiple of 8).
 */

const BUFFER = 8192;
const BLOCK = 128;

function pairwiseSum(a: ArrayLike<number>, lo: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[lo + i]!;
    return res;
  }
  if (n <= BLOCK) {
    let r0 = a[lo]!;
    let r1 = a[lo + 1]!;
    let r2 = a[lo + 2]!;
    let r3 = a[lo + 3]!;
    let r4 = a[lo + 4]!;
    let r5 = a[lo + 5]!;
    let r6 = a[lo + 6]!;
    let r7 = a[lo + 7]!;
    const whole = n - (n % 8);
    let i = 8;
    for (; i < whole; i += 8) {
      const p = lo + i;
      r0 += a[p]!;
      r1 += a[p + 1]!;
      r2 += a[p + 2]!;
      r3 += a[p + 3]!;
      r4 += a[p + 4]!;
      r5 += a[p + 5]!;
      r6 += a[p + 6]!;
      r7 += a[p + 7]!;
    }
    // ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)), numpy's combining order.
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[lo + i]!;
    return res;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(a, lo, half) + pairwiseSum(a, lo + half, n - half);
}

/** `np.sum(a[start:start + count])` for a float64 array, with numpy's rounding. */
export function numpySum(a: ArrayLike<number>, start = 0, count = a.length - start): number {
  let total = 0;
  for (let s = 0; s < count; s += BUFFER) {
    total += pairwiseSum(a, start + s, Math.min(BUFFER, count - s));
  }
  return total;
}

/** `np.mean(a)`: numpy's sum divided by the length (NaN when empty, as numpy). */
export function numpyMean(a: ArrayLike<number>): number {
  return numpySum(a) / a.length;
}
