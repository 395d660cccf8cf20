import { mae, r2, residuals, rmse } from './regression.js';
import type { RegressionEvaluation } from './types.js';

/** rmse, mae and r2 as scikit-learn computes them, plus the residuals y_true − y_pred. */
export function evaluateRegression(yTrue: Float64Array, yPred: Float64Array): RegressionEvaluation {
  return {
    metrics: { rmse: rmse(yTrue, yPred), mae: mae(yTrue, yPred), r2: r2(yTrue, yPred) },
    residuals: Array.from(residuals(yTrue, yPred)),
  };
}
