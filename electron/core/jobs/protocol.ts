import { z } from 'zod';
import { ColumnType, ModelKind, ResolvedTrainParams, Task } from '../../../shared/domain.js';
import { ImportJob } from '../datasets/versionOptions.js';
import { AssembleJob } from '../automation/assembleJobSpec.js';
import type { JobContext } from './jobContext.js';

/**
 * The typed messages between main and a job process. Both sides parse what they receive. What a
 * job sends back (FromJob) lives in jobContext.ts, which job kinds import; it is re-exported here.
 */
export { FromJob, FromJobWire, type MetricMessage } from './jobContext.js';

export const TrainJob = z.object({
  kind: z.literal('train'),
  runId: z.number().int(),
  datasetPath: z.string(),
  fileName: z.string(),
  datasetHash: z.string(),
  target: z.string(),
  /** The feature columns (everything but the target) with their profiled types. */
  columns: z.array(z.object({ name: z.string(), type: ColumnType })).min(1),
  task: Task,
  model: ModelKind,
  params: ResolvedTrainParams,
  /** Where the model, the preprocessing spec and the metrics are written. */
  artifactsDir: z.string(),
  /** Per-epoch metric messages; off only to measure what streaming costs. */
  stream: z.boolean().default(true),
});
export type TrainJob = z.infer<typeof TrainJob>;

/** Applies a finished run's saved model to a file: `predict` writes a CSV, `evaluate` scores it. */
export const PredictJob = z.object({
  kind: z.literal('predict'),
  runId: z.number().int(),
  artifactsDir: z.string(),
  dataPath: z.string(),
  fileName: z.string(),
  outPath: z.string(),
});
export type PredictJob = z.infer<typeof PredictJob>;
export const EvaluateJob = z.object({
  kind: z.literal('evaluate'),
  runId: z.number().int(),
  artifactsDir: z.string(),
  dataPath: z.string(),
  fileName: z.string(),
  target: z.string(),
});
export type EvaluateJob = z.infer<typeof EvaluateJob>;

/** Compares two stored dataset files column by column (see drift/runDrift.ts). */
export const DriftJob = z.object({
  kind: z.literal('drift'),
  reference: z.object({
    path: z.string(),
    fileName: z.string(),
    columns: z.array(z.object({ name: z.string(), type: ColumnType })),
  }),
  current: z.object({
    path: z.string(),
    fileName: z.string(),
    columns: z.array(z.object({ name: z.string(), type: ColumnType })),
  }),
  columns: z.array(z.string()).optional(),
  numericTest: z.enum(['auto', 'ks', 'wasserstein', 'psi', 'jensenshannon']),
  categoricalTest: z.enum(['auto', 'chi2', 'jensenshannon', 'psi', 'ztest']),
  threshold: z.number().optional(),
  driftShare: z.number(),
  overrides: z
    .record(
      z.string(),
      z.object({
        test: z.enum(['ks', 'wasserstein', 'psi', 'jensenshannon', 'chi2', 'ztest']).optional(),
        threshold: z.number().optional(),
      }),
    )
    .optional(),
});
export type DriftJob = z.infer<typeof DriftJob>;

/**
 * Test-only kinds (synthetic metrics, crash): a job process runs them only when its environment
 * has BENCHTOP_TEST_JOBS=1, which tests and benches set (electron/testing/syntheticJobs.ts).
 */
export const TEST_JOBS_ENV = 'BENCHTOP_TEST_JOBS';

/** Emits `points` synthetic metric points in batches of `batch`: the ingest benchmark's job. */
export const SyntheticMetricsJob = z.object({
  kind: z.literal('synthetic-metrics'),
  runId: z.number().int(),
  points: z.number().int().positive(),
  batch: z.number().int().positive(),
  keys: z.number().int().min(1).max(1000),
});
export type SyntheticMetricsJob = z.infer<typeof SyntheticMetricsJob>;

/** A job that crashes its process on purpose: proves a crash fails the run, never the app. */
export const CrashJob = z.object({ kind: z.literal('crash'), runId: z.number().int() });

export const Job = z.discriminatedUnion('kind', [
  TrainJob,
  PredictJob,
  EvaluateJob,
  SyntheticMetricsJob,
  CrashJob,
]);
export type Job = z.infer<typeof Job>;
/** Every job a process can run: the run-bound ones above, and jobs that answer with a report. */
export const AnyJob = z.discriminatedUnion('kind', [
  ...Job.options,
  DriftJob,
  ImportJob,
  AssembleJob,
]);
export type AnyJob = z.infer<typeof AnyJob>;

const jobId = z.string();

export const ToJob = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run'), jobId, job: AnyJob }),
  z.object({ type: z.literal('cancel'), jobId }),
]);
export type ToJob = z.infer<typeof ToJob>;

/** Runs one kind of job inside a job process; the worker entry maps kinds to runners (jobKinds.ts). */
export type JobRunner<K extends AnyJob['kind']> = (
  job: Extract<AnyJob, { kind: K }>,
  ctx: JobContext,
) => Promise<void>;
export type JobRunners = { [K in AnyJob['kind']]?: JobRunner<K> };
/** Each kind's runner, loaded on demand (a job process loads only its own kind's code). */
export type JobLoaders = { [K in AnyJob['kind']]?: () => Promise<JobRunner<K>> };
