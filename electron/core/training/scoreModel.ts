import type * as Tf from '@tensorflow/tfjs';
import { evaluateClassification, evaluateRegression } from './evaluation/index.js';
import type { PreprocessSpec } from './preprocessing/preprocessSpec.js';
import type { TfModule } from './tfBackend.js';

/** Row-major class probabilities (classification) or predictions in the target's units (regression). */
export function predictRows(
  tf: TfModule,
  model: Tf.LayersModel,
  spec: PreprocessSpec,
  x: Float32Array,
  n: number,
): Float64Array {
  const width = x.length / Math.max(n, 1);
  const out = tf.tidy(() =>
    (model.predict(tf.tensor2d(x, [n, width]), { batchSize: 4096 }) as Tf.Tensor).dataSync(),
  );
  if (spec.task === 'regression')
    return Float64Array.from(out, (v) => v * spec.targetStd + spec.targetMean);
  return Float64Array.from(out);
}

export interface Scored {
  /** The metric names; NaN where a metric is undefined (roc_auc with one class present). */
  metrics: Record<string, number>;
  /** confusion + roc + pr (classification) or residuals (regression), as stored in evaluation.json. */
  details: Record<string, unknown>;
}

/** Scores predictions against true values with the sklearn-equal evaluation module. */
export function scorePredictions(
  spec: PreprocessSpec,
  yTrue: Float64Array,
  predicted: Float64Array,
): Scored {
  if (spec.task === 'regression') {
    const { metrics, residuals } = evaluateRegression(yTrue, predicted);
    return { metrics, details: { task: spec.task, residuals, predictions: Array.from(predicted) } };
  }
  const { metrics, confusion, roc, pr } = evaluateClassification(
    Int32Array.from(yTrue),
    predicted,
    spec.classes,
  );
  return { metrics, details: { task: spec.task, classes: spec.classes, confusion, roc, pr } };
}

/** Only finite numbers cross the job protocol and go to SQLite; metrics.json keeps the rest as null. */
export const finiteOnly = (metrics: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number.isFinite(v)));
