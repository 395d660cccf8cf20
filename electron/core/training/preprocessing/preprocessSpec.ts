import { z } from 'zod';
import { Task } from '../../../../shared/domain.js';

/** The fitted preprocessing (imputation, scaling, one-hot encoding), saved beside the model as preprocessing.json. */

/** Numbers and datetimes (as days since 1970): impute the median, then standardise. */
const Scaled = z.object({
  name: z.string(),
  kind: z.enum(['numeric', 'datetime']),
  fill: z.number(),
  mean: z.number(),
  std: z.number().positive(),
});
/** Categories and booleans: impute the most frequent value, one-hot with a final "other" column. */
const OneHot = z.object({
  name: z.string(),
  kind: z.literal('categorical'),
  fill: z.string(),
  categories: z.array(z.string()),
});
export const FeatureStep = z.discriminatedUnion('kind', [Scaled, OneHot]);
export type FeatureStep = z.infer<typeof FeatureStep>;

export const DroppedColumn = z.object({ name: z.string(), reason: z.string() });
export type DroppedColumn = z.infer<typeof DroppedColumn>;

export const PreprocessSpec = z.object({
  format: z.literal('benchtop-preprocessing/1'),
  target: z.string(),
  task: Task,
  /** Classification: the class labels in index order (sklearn's sorted order). */
  classes: z.array(z.string()),
  /** Regression: the model learns (y − mean) / std; predictions are scaled back. */
  targetMean: z.number(),
  targetStd: z.number().positive(),
  steps: z.array(FeatureStep),
  dropped: z.array(DroppedColumn),
});
export type PreprocessSpec = z.infer<typeof PreprocessSpec>;

/** How many model inputs a step produces. */
export const widthOf = (step: FeatureStep): number =>
  step.kind === 'categorical' ? step.categories.length + 1 : 1;

/** The model's input names, in order (one-hot columns as name=value, the bucket as name=<other>). */
export function inputNames(spec: PreprocessSpec): string[] {
  return spec.steps.flatMap((s) =>
    s.kind === 'categorical'
      ? [...s.categories.map((c) => `${s.name}=${c}`), `${s.name}=<other>`]
      : [s.name],
  );
}
