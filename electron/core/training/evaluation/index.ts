/**
 * Evaluation metrics matching scikit-learn 1.2 (the version the fixtures come from; see
 * fixtures/generate.py). Pure functions over typed arrays: class indices as Int32Array,
 * probabilities as row-major Float64Array n×k, regression targets as Float64Array.
 */
export { evaluateClassification } from './evaluateClassification.js';
export type { ClassificationOptions } from './evaluateClassification.js';
export { evaluateRegression } from './evaluateRegression.js';
export { argmaxRows } from './argmax.js';
export {
  accuracy,
  f1Macro,
  macroScores,
  perLabelScores,
  precisionMacro,
  recallMacro,
} from './classificationScores.js';
export type { MacroScores, PerLabelScores } from './classificationScores.js';
export { confusionMatrix } from './confusionMatrix.js';
export { presentLabels } from './labels.js';
export { FLOAT64_EPS, logLoss } from './logLoss.js';
export { binaryClfCurve, precisionRecallCurve, rocCurve } from './binaryCurves.js';
export type { RocOptions, ThresholdCounts } from './binaryCurves.js';
export { auc, averagePrecision, column, rocAucBinary, rocAucOvr } from './ranking.js';
export { mae, meanSquaredError, r2, residuals, rmse } from './regression.js';
export { numpyMean, numpySum } from './numpySum.js';
export type {
  ClassPrCurve,
  ClassRocCurve,
  ClassificationEvaluation,
  PrCurve,
  RegressionEvaluation,
  RocCurve,
} from './types.js';
