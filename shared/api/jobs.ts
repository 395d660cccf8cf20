import { z } from 'zod';
import { ModelKind, Task, TrainParams } from '../domain.js';

/** Training jobs: starting one (a run), the queue, cancelling. */

export const QueuedJob = z.object({
  runId: z.number().int(),
  state: z.enum(['queued', 'running']),
  position: z.number().int().positive().nullable(),
  cpuPercent: z.number().nullable(),
  rssBytes: z.number().nullable(),
});
export type QueuedJob = z.infer<typeof QueuedJob>;

/** A training job's progress, sent as its epochs pass. */
export const JobProgressEvent = z.object({
  type: z.literal('job.progress'),
  jobId: z.string(),
  runId: z.number().int(),
  fraction: z.number().min(0).max(1),
  message: z.string(),
});

export const jobsApi = {
  'jobs.train': {
    input: z.object({
      datasetId: z.number().int(),
      target: z.string().min(1, 'pick a target column'),
      model: ModelKind.default('logistic'),
      /** Overrides the task inferred from the target column. */
      task: Task.optional(),
      experiment: z.string().min(1).default('Default'),
      params: TrainParams.partial().default({}),
    }),
    output: z.object({ jobId: z.string(), runId: z.number().int() }),
  },
  'jobs.list': {
    input: z.object({}).default({}),
    output: z.object({ limit: z.number().int(), jobs: z.array(QueuedJob) }),
  },
  'jobs.cancel': {
    input: z.object({ runId: z.number().int() }),
    output: z.object({ cancelled: z.boolean() }),
  },
} as const;
