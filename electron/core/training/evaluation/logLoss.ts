import { numpyMean, numpySum } from './numpySum.js';
import { assertClassIndices, assertFinite, assertNonEmpty, columnCount } from './validate.js';

/** `np.finfo(np.float64).eps`, the clipping bound of sklearn's log_loss (eps='auto'). */
export const FLOAT64_EPS = 2 ** -52;

/**
 * sklearn's `log_loss(y_true, proba, labels=range(k))` as of scikit-learn 1.2: every
 * probability is clipped to [eps, 1 - eps] with eps = float64 machine epsilon, each row is
 * then divided by its sum (so rows need not sum to 1), and the result is the mean over
 * samples of -ln(p[true class]).
 *
 * Column j of the row-major n×k `proba` is class j; passing all k classes as labels means a
 * class absent from y_true is fine (sklearn would need `labels` for that). k must be ≥ 2.
 */
export function logLoss(yTrue: Int32Array, proba: Float64Array): number {
  assertNonEmpty(yTrue, 'logLoss');
  const k = columnCount(proba, yTrue.length, 'logLoss');
  if (k < 2) throw new RangeError('logLoss: needs at least two classes');
  assertClassIndices(yTrue, k, 'logLoss');
  assertFinite(proba, 'logLoss');
  const row = new Float64Array(k);
  const losses = new Float64Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) {
    for (let j = 0; j < k; j++) {
      row[j] = Math.min(Math.max(proba[i * k + j]!, FLOAT64_EPS), 1 - FLOAT64_EPS);
    }
    losses[i] = -Math.log(row[yTrue[i]!]! / numpySum(row));
  }
  return numpyMean(losses);
}
