import { z } from 'zod';
import { Task, TrainParams } from '../../../shared/domain.js';

/** The typed messages between main and a job process. Both sides parse what they receive. */

export const TrainJob = z.object({
  kind: z.literal('train'),
  runId: z.number().int(),
  datasetPath: z.string(),
  fileName: z.string(),
  target: z.string(),
  features: z.array(z.string()).min(1),
  task: Task,
  params: TrainParams,
});
export type TrainJob = z.infer<typeof TrainJob>;

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

export const Job = z.discriminatedUnion('kind', [TrainJob, SyntheticMetricsJob, CrashJob]);
export type Job = z.infer<typeof Job>;

const jobId = z.string();

export const ToJob = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run'), jobId, job: Job }),
  z.object({ type: z.literal('cancel'), jobId }),
]);
export type ToJob = z.infer<typeof ToJob>;

export const FromJob = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), jobId, backend: z.string() }),
  z.object({ type: z.literal('progress'), jobId, fraction: z.number().min(0).max(1), message: z.string() }),
  z.object({
    type: z.literal('metric'),
    jobId,
    keys: z.array(z.string()).min(1).max(65_535),
    keyIndex: z.instanceof(Uint16Array),
    step: z.instanceof(Float64Array),
    value: z.instanceof(Float64Array),
    time: z.instanceof(Float64Array),
  }),
  z.object({ type: z.literal('log'), jobId, level: z.enum(['info', 'warn', 'error']), message: z.string() }),
  z.object({ type: z.literal('artifact'), jobId, name: z.string(), path: z.string() }),
  z.object({ type: z.literal('result'), jobId, metrics: z.record(z.string(), z.number()) }),
  z.object({ type: z.literal('error'), jobId, message: z.string() }),
]);
export type FromJob = z.infer<typeof FromJob>;
export type MetricMessage = Extract<FromJob, { type: 'metric' }>;
