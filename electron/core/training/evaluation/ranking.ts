import { precisionRecallCurve, rocCurve } from './binaryCurves.js';
import { numpyMean, numpySum } from './numpySum.js';
import { assertClassIndices, assertNonEmpty, columnCount } from './validate.js';

/**
 * sklearn's `auc(x, y)`: trapezoidal area (numpy's `trapz`) under y(x), x monotonic;
 * negated when x decreases.
 */
export function auc(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new RangeError('auc: x and y lengths differ');
  if (x.length < 2) throw new RangeError('auc: at least 2 points are needed');
  const dx = new Float64Array(x.length - 1);
  for (let i = 0; i < dx.length; i++) dx[i] = x[i + 1]! - x[i]!;
  let direction = 1;
  if (dx.some((d) => d < 0)) {
    if (!dx.every((d) => d <= 0))
      throw new RangeError('auc: x is neither increasing nor decreasing');
    direction = -1;
  }
  const areas = dx.map((d, i) => (d * (y[i + 1]! + y[i]!)) / 2);
  return direction * numpySum(areas);
}

function hasBothClasses(yTrue: Int32Array, posLabel: number): boolean {
  return yTrue.some((c) => c === posLabel) && yTrue.some((c) => c !== posLabel);
}

/**
 * Binary `roc_auc_score`: area under the (drop_intermediate) ROC curve of the class
 * `posLabel`. NaN when y_true lacks positives or negatives (sklearn raises there).
 */
export function rocAucBinary(yTrue: Int32Array, scores: ArrayLike<number>, posLabel = 1): number {
  assertNonEmpty(yTrue, 'rocAucBinary');
  if (!hasBothClasses(yTrue, posLabel)) return NaN;
  const { fpr, tpr } = rocCurve(yTrue, scores, { posLabel });
  return auc(fpr, tpr);
}

/** Column `c` of a row-major matrix with `k` columns. */
export function column(matrix: Float64Array, k: number, c: number): Float64Array {
  const out = new Float64Array(matrix.length / k);
  for (let i = 0; i < out.length; i++) out[i] = matrix[i * k + c]!;
  return out;
}

/**
 * `roc_auc_score(y_true, proba, multi_class='ovr', average='macro', labels=range(k))`: the
 * unweighted mean of each class's one-vs-rest AUC. NaN when a class has no sample in y_true
 * (sklearn raises). sklearn also insists rows sum to 1; that is not checked here.
 */
export function rocAucOvr(yTrue: Int32Array, proba: Float64Array): number {
  assertNonEmpty(yTrue, 'rocAucOvr');
  const k = columnCount(proba, yTrue.length, 'rocAucOvr');
  assertClassIndices(yTrue, k, 'rocAucOvr');
  const aucs = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    aucs[c] = rocAucBinary(yTrue, column(proba, k, c), c);
    if (Number.isNaN(aucs[c])) return NaN;
  }
  return numpyMean(aucs);
}

/**
 * Binary `average_precision_score`: Σ (R_n − R_{n−1}) P_n over the precision-recall curve,
 * without interpolation.
 */
export function averagePrecision(
  yTrue: Int32Array,
  scores: ArrayLike<number>,
  posLabel = 1,
): number {
  const { precision, recall } = precisionRecallCurve(yTrue, scores, posLabel);
  const terms = new Float64Array(recall.length - 1);
  for (let i = 0; i < terms.length; i++) terms[i] = (recall[i + 1]! - recall[i]!) * precision[i]!;
  return -numpySum(terms);
}
