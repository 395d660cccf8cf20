import { z } from 'zod';

/** Domain types shared by main and renderer. Field names follow the pinned CLI JSON. */

export const ColumnType = z.enum(['numeric', 'categorical', 'boolean', 'datetime', 'text']);
export type ColumnType = z.infer<typeof ColumnType>;

export const Column = z.object({
  name: z.string(),
  type: ColumnType,
  missing: z.number().int().nonnegative(),
  distinct: z.number().int().nonnegative(),
});
export type Column = z.infer<typeof Column>;

export const Dataset = z.object({
  id: z.number().int(),
  name: z.string(),
  version: z.number().int().positive(),
  /** The previous version of the same name; null for a first version. */
  parent_id: z.number().int().nullable(),
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  rows: z.number().int().nonnegative(),
  columns: z.array(Column),
  file_name: z.string(),
  bytes: z.number().int().nonnegative(),
  created_at: z.string(),
});
export type Dataset = z.infer<typeof Dataset>;

export const RunStatus = z.enum([
  'queued',
  'running',
  'finished',
  'failed',
  'cancelled',
  'interrupted',
]);
export type RunStatus = z.infer<typeof RunStatus>;
export const TERMINAL_STATUSES: readonly RunStatus[] = [
  'finished',
  'failed',
  'cancelled',
  'interrupted',
];

export const Task = z.enum(['binary', 'multiclass', 'regression']);
export type Task = z.infer<typeof Task>;

export const ModelKind = z.enum(['logistic', 'linear', 'mlp']);
export type ModelKind = z.infer<typeof ModelKind>;

/** Any double, NaN and ±Infinity included: a diverged loss is data too (z.number() refuses ±Infinity). */
export const MetricValue = z.custom<number>((v) => typeof v === 'number', 'expected a number');
export type MetricValue = z.infer<typeof MetricValue>;

export const ParamValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export type ParamValue = z.infer<typeof ParamValue>;

/** Who made a run: Benchtop's own training, a script over the MLflow API, or an import. */
export const RunSource = z.enum(['benchtop', 'script', 'import']);
export type RunSource = z.infer<typeof RunSource>;

/** A run; `model`, `dataset_id` and `target` are null for runs Benchtop did not train. */
export const Run = z.object({
  id: z.number().int(),
  name: z.string(),
  status: RunStatus,
  source: RunSource,
  model: ModelKind.nullable(),
  task: Task.nullable(),
  experiment: z.string(),
  dataset_id: z.number().int().nullable(),
  target: z.string().nullable(),
  backend: z.string().nullable(),
  error: z.string().nullable(),
  params: z.record(z.string(), ParamValue),
  /** The latest value of each metric (±Infinity included: a diverged loss). */
  metrics: z.record(z.string(), MetricValue),
  created_at: z.string(),
  started_at: z.string().nullable(),
  ended_at: z.string().nullable(),
});
export type Run = z.infer<typeof Run>;

export const MetricPoint = z.object({
  key: z.string(),
  step: z.number().int().nonnegative(),
  value: MetricValue,
  time: z.number(),
});
export type MetricPoint = z.infer<typeof MetricPoint>;

export const MetricSeries = z.object({
  key: z.string(),
  steps: z.array(z.number()),
  values: z.array(MetricValue),
  times: z.array(z.number()),
});
export type MetricSeries = z.infer<typeof MetricSeries>;

export const Sample = z.object({
  name: z.string(),
  file_name: z.string(),
  rows: z.number().int(),
  target: z.string(),
  task: Task,
  description: z.string(),
});
export type Sample = z.infer<typeof Sample>;

const HIDDEN = /^\s*\d+(\s*,\s*\d+)*\s*$/;

/** Model and training-loop hyperparameters beyond the common ones (TrainParams); keys are the CLI's flag names in snake_case. */
const ModelParams = z.object({
  test_size: z
    .number()
    .gt(0, 'test_size must be greater than 0')
    .max(0.5, 'test_size must be at most 0.5')
    .default(0.2),
  optimizer: z
    .enum(['adam', 'sgd', 'rmsprop'], 'optimizer must be adam, sgd or rmsprop')
    .default('adam'),
  hidden: z
    .string()
    .regex(HIDDEN, 'hidden must be layer sizes separated by commas, such as 64,32')
    .refine(
      (h) => h.split(',').every((u) => Number(u) >= 1 && Number(u) <= 4096),
      'hidden layer sizes must be from 1 to 4096',
    )
    .default('64,32'),
  activation: z
    .enum(['relu', 'tanh', 'sigmoid', 'elu'], 'activation must be relu, tanh, sigmoid or elu')
    .default('relu'),
  dropout: z
    .number()
    .min(0, 'dropout must be at least 0')
    .max(0.9, 'dropout must be at most 0.9')
    .default(0),
  l1: z.number().min(0, 'l1 must be at least 0').max(10, 'l1 must be at most 10').default(0),
  l2: z.number().min(0, 'l2 must be at least 0').max(10, 'l2 must be at most 10').default(0),
  patience: z
    .number()
    .int('patience must be a whole number')
    .min(0, 'patience must be at least 0')
    .max(10_000)
    .default(0),
  monitor: z
    .enum(
      ['val_loss', 'val_accuracy', 'val_rmse', 'loss'],
      'monitor must be val_loss, val_accuracy, val_rmse or loss',
    )
    .default('val_loss'),
  class_weight: z
    .enum(['none', 'balanced'], 'class_weight must be none or balanced')
    .default('none'),
  /** k-fold cross-validation on the training and validation rows after the run; 0 is off. */
  cv_folds: z
    .number()
    .int('cv_folds must be a whole number')
    .refine((k) => k === 0 || (k >= 2 && k <= 10), 'cv_folds must be 0 (off) or from 2 to 10')
    .default(0),
});

/** Hyperparameters a user may set for a training run; defaults live here so every side agrees. */
export const TrainParams = z.object({
  epochs: z
    .number()
    .int()
    .min(1, 'epochs must be at least 1')
    .max(10_000, 'epochs must be at most 10000')
    .default(50),
  /** No fixed default: unset, it follows the model and optimizer (`defaultLr` in trainingRules.ts). */
  lr: z
    .number()
    .gt(0, 'learning rate must be greater than 0')
    .max(10, 'learning rate must be at most 10')
    .optional(),
  batch_size: z
    .number()
    .int('batch_size must be a whole number')
    .min(1, 'batch_size must be at least 1')
    .max(1_000_000, 'batch_size must be at most 1000000')
    .default(32),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(42),
  val_fraction: z
    .number()
    .gt(0, 'val_fraction must be greater than 0')
    .max(0.5, 'val_fraction must be at most 0.5')
    .default(0.2),
  ...ModelParams.shape,
});
/** A run's params once the learning rate is settled (`resolveTrainParams`): what a job trains with. */
export const ResolvedTrainParams = TrainParams.required({ lr: true });
export type TrainParams = z.infer<typeof ResolvedTrainParams>;

type Trained = { model: ModelKind; target: string; dataset_id: number; task: Task };
/** A run Benchtop trained: it has a model, a dataset, a target and a task. */
export const isTrained = <R extends { [K in keyof Trained]: Trained[K] | null }>(
  run: R,
): run is R & Trained =>
  run.model !== null && run.target !== null && run.dataset_id !== null && run.task !== null;
