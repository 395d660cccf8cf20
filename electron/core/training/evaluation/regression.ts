import { numpyMean, numpySum } from './numpySum.js';
import { assertFinite, assertNonEmpty, assertSameLength } from './validate.js';

function check(yTrue: Float64Array, yPred: Float64Array, what: string): void {
  assertSameLength(yTrue, yPred, what);
  assertNonEmpty(yTrue, what);
  assertFinite(yTrue, what);
  assertFinite(yPred, what);
}

/** y_true − y_pred, per sample. */
export function residuals(yTrue: Float64Array, yPred: Float64Array): Float64Array {
  check(yTrue, yPred, 'residuals');
  return yTrue.map((t, i) => t - yPred[i]!);
}

function squaredErrors(yTrue: Float64Array, yPred: Float64Array): Float64Array {
  return yTrue.map((t, i) => {
    const d = t - yPred[i]!;
    return d * d;
  });
}

/** sklearn's `mean_squared_error`. */
export function meanSquaredError(yTrue: Float64Array, yPred: Float64Array): number {
  check(yTrue, yPred, 'meanSquaredError');
  return numpyMean(squaredErrors(yTrue, yPred));
}

/** sqrt of sklearn's `mean_squared_error` (its `squared=False`). */
export function rmse(yTrue: Float64Array, yPred: Float64Array): number {
  return Math.sqrt(meanSquaredError(yTrue, yPred));
}

/** sklearn's `mean_absolute_error`. */
export function mae(yTrue: Float64Array, yPred: Float64Array): number {
  check(yTrue, yPred, 'mae');
  return numpyMean(yPred.map((p, i) => Math.abs(p - yTrue[i]!)));
}

/**
 * sklearn's `r2_score` (force_finite=True): 1 − SS_res / SS_tot. When SS_tot is exactly 0
 * (constant y_true) it is 1.0 for perfect predictions and 0.0 otherwise; a perfect
 * prediction (SS_res = 0) is always 1.0. NaN with fewer than two samples.
 *
 * Like sklearn, "constant" means SS_tot is exactly 0: a constant whose mean does not round
 * back to itself (three times 0.1, say) leaves a tiny SS_tot and a hugely negative score.
 */
export function r2(yTrue: Float64Array, yPred: Float64Array): number {
  check(yTrue, yPred, 'r2');
  if (yTrue.length < 2) return NaN;
  const numerator = numpySum(squaredErrors(yTrue, yPred));
  const mean = numpyMean(yTrue);
  const denominator = numpySum(
    yTrue.map((t) => {
      const d = t - mean;
      return d * d;
    }),
  );
  if (numerator === 0) return 1;
  if (denominator === 0) return 0;
  return 1 - numerator / denominator;
}
