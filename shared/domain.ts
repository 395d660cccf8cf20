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
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  rows: z.number().int().nonnegative(),
  columns: z.array(Column),
  file_name: z.string(),
  bytes: z.number().int().nonnegative(),
  created_at: z.string(),
});
export type Dataset = z.infer<typeof Dataset>;

export const RunStatus = z.enum(['queued', 'running', 'finished', 'failed', 'cancelled', 'interrupted']);
export type RunStatus = z.infer<typeof RunStatus>;
export const TERMINAL_STATUSES: readonly RunStatus[] = ['finished', 'failed', 'cancelled', 'interrupted'];

export const Task = z.enum(['binary', 'multiclass', 'regression']);
export type Task = z.infer<typeof Task>;

export const ModelKind = z.enum(['logistic']);
export type ModelKind = z.infer<typeof ModelKind>;

export const ParamValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export type ParamValue = z.infer<typeof ParamValue>;

export const Run = z.object({
  id: z.number().int(),
  name: z.string(),
  status: RunStatus,
  model: ModelKind,
  task: Task.nullable(),
  experiment: z.string(),
  dataset_id: z.number().int(),
  target: z.string(),
  backend: z.string().nullable(),
  error: z.string().nullable(),
  params: z.record(z.string(), ParamValue),
  metrics: z.record(z.string(), z.number()),
  created_at: z.string(),
  started_at: z.string().nullable(),
  ended_at: z.string().nullable(),
});
export type Run = z.infer<typeof Run>;

export const MetricPoint = z.object({
  key: z.string(),
  step: z.number().int().nonnegative(),
  value: z.number(),
  time: z.number(),
});
export type MetricPoint = z.infer<typeof MetricPoint>;

export const MetricSeries = z.object({
  key: z.string(),
  steps: z.array(z.number()),
  values: z.array(z.number()),
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

/** Hyperparameters a user may set for a training run; defaults live here so every side agrees. */
export const TrainParams = z.object({
  epochs: z.number().int().min(1, 'epochs must be at least 1').max(10_000, 'epochs must be at most 10000').default(50),
  lr: z
    .number()
    .gt(0, 'learning rate must be greater than 0')
    .max(10, 'learning rate must be at most 10')
    .default(0.1),
  batch_size: z.number().int().min(1).max(1_000_000).default(32),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(42),
  val_fraction: z.number().gt(0).lt(1).default(0.2),
});
export type TrainParams = z.infer<typeof TrainParams>;
