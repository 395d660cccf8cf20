import { argmaxRows } from './argmax.js';
import { precisionRecallCurve, rocCurve } from './binaryCurves.js';
import { accuracy, macroScores } from './classificationScores.js';
import { confusionMatrix } from './confusionMatrix.js';
import { logLoss } from './logLoss.js';
import { averagePrecision, column, rocAucBinary, rocAucOvr } from './ranking.js';
import type { ClassPrCurve, ClassRocCurve, ClassificationEvaluation } from './types.js';
import { assertClassIndices, assertFinite, assertNonEmpty } from './validate.js';

export interface ClassificationOptions {
  /**
   * Labels (class indices) for precision/recall/F1 macro. Default: the classes present in
   * y_true or in the predictions, as sklearn does without `labels`.
   */
  labels?: readonly number[];
}

/**
 * Scores probabilistic predictions against true classes, as scikit-learn would.
 *
 * `yTrue` holds class indices into `classes` (which should be in sklearn's sorted label order:
 * the binary positive class is classes[1]); `proba` is row-major n×k, column j being
 * classes[j]. The prediction is the row's argmax (first maximum on ties).
 */
export function evaluateClassification(
  yTrue: Int32Array,
  proba: Float64Array,
  classes: readonly string[],
  options: ClassificationOptions = {},
): ClassificationEvaluation {
  const k = classes.length;
  const n = yTrue.length;
  assertNonEmpty(yTrue, 'evaluateClassification');
  if (k < 2) throw new RangeError('evaluateClassification: needs at least two classes');
  if (proba.length !== n * k) {
    throw new RangeError(`evaluateClassification: proba has ${proba.length} values, not ${n}×${k}`);
  }
  assertClassIndices(yTrue, k, 'evaluateClassification');
  assertFinite(proba, 'evaluateClassification');

  const yPred = argmaxRows(proba, k);
  const macro = macroScores(yTrue, yPred, options.labels);
  const metrics: Record<string, number> = {
    accuracy: accuracy(yTrue, yPred),
    precision_macro: macro.precision,
    recall_macro: macro.recall,
    f1_macro: macro.f1,
    log_loss: logLoss(yTrue, proba),
    roc_auc: k === 2 ? rocAucBinary(yTrue, column(proba, k, 1), 1) : rocAucOvr(yTrue, proba),
  };

  const curveClasses = k === 2 ? [1] : classes.map((_, c) => c);
  const roc: ClassRocCurve[] = [];
  const pr: ClassPrCurve[] = [];
  for (const c of curveClasses) {
    const scores = column(proba, k, c);
    const label = classes[c]!;
    roc.push({
      classIndex: c,
      label,
      ...rocCurve(yTrue, scores, { posLabel: c }),
      auc: rocAucBinary(yTrue, scores, c),
    });
    pr.push({
      classIndex: c,
      label,
      ...precisionRecallCurve(yTrue, scores, c),
      averagePrecision: averagePrecision(yTrue, scores, c),
    });
  }

  const allClasses = classes.map((_, c) => c);
  return { metrics, confusion: confusionMatrix(yTrue, yPred, allClasses), roc, pr };
}
