import { z } from 'zod';
import { ModelKind, ParamValue, Run, Task, TrainParams } from './domain.js';

/** Training's part of the contract: the job queue, run details, predict/evaluate with a saved model, sweeps. */

export const QueuedJob = z.object({
  runId: z.number().int(),
  state: z.enum(['queued', 'running']),
  position: z.number().int().positive().nullable(),
  cpuPercent: z.number().nullable(),
  rssBytes: z.number().nullable(),
});
export type QueuedJob = z.infer<typeof QueuedJob>;

export const RunArtifactInfo = z.object({
  name: z.string(),
  path: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
});

export const RunDetails = z.object({
  environment: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).nullable(),
  /** Test-split metrics; null until the run has finished. */
  evaluation: z.record(z.string(), z.number()).nullable(),
  /** evaluation.json: confusion matrix, ROC and PR points (classification) or residuals (regression). */
  evaluation_details: z.record(z.string(), z.unknown()).nullable(),
  artifacts: z.array(RunArtifactInfo),
  logs: z.array(z.object({ level: z.enum(['info', 'warn', 'error']), message: z.string() })),
  sweep_id: z.number().int().nullable(),
  /** One line per problem with the run (a diverged loss, no better than a trivial answer), each with what to try. */
  advice: z.array(z.string()),
});
export type RunDetails = z.infer<typeof RunDetails>;

/** The hyperparameters a sweep may vary. */
export const SweepKey = z.enum([
  'lr',
  'epochs',
  'batch_size',
  'hidden',
  'activation',
  'dropout',
  'l1',
  'l2',
  'optimizer',
]);
export type SweepKey = z.infer<typeof SweepKey>;

export const SweepRange = z
  .object({ low: z.number(), high: z.number(), log: z.boolean().default(false) })
  .refine((r) => r.low < r.high, 'a range needs LOW below HIGH')
  .refine((r) => !r.log || r.low > 0, 'a log range needs LOW above 0');
export type SweepRange = z.infer<typeof SweepRange>;

export const SweepInput = z
  .object({
    datasetId: z.number().int(),
    target: z.string().min(1, 'pick a target column'),
    model: ModelKind.default('mlp'),
    task: Task.optional(),
    experiment: z.string().min(1).default('Default'),
    /** Fixed params for every trial; the varied ones override them. */
    params: TrainParams.partial().default({}),
    grid: z.partialRecord(SweepKey, z.array(ParamValue).min(1)).optional(),
    random: z
      .object({
        trials: z.number().int().min(1, 'random needs at least 1 trial').max(1000),
        ranges: z.partialRecord(SweepKey, SweepRange),
      })
      .optional(),
    metric: z.string().min(1).optional(),
    /** Successive halving: train every trial briefly, keep the best third at three times the epochs, and so on. */
    halving: z.boolean().default(false),
    seed: z.number().int().min(0).default(0),
  })
  .refine(
    (s) => (s.grid ? 1 : 0) + (s.random ? 1 : 0) === 1,
    'a sweep needs either a grid or a random search',
  );
export type SweepInput = z.input<typeof SweepInput>;

export const Sweep = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.enum(['running', 'finished', 'failed', 'cancelled', 'interrupted']),
  model: ModelKind,
  target: z.string(),
  dataset_id: z.number().int(),
  metric: z.string(),
  goal: z.enum(['max', 'min']),
  best_run_id: z.number().int().nullable(),
  created_at: z.string(),
  ended_at: z.string().nullable(),
  runs: z.array(Run),
});
export type Sweep = z.infer<typeof Sweep>;

export const trainingApi = {
  'jobs.list': {
    input: z.object({}).default({}),
    output: z.object({ limit: z.number().int(), jobs: z.array(QueuedJob) }),
  },
  'runs.details': { input: z.object({ id: z.number().int() }), output: RunDetails },
  'runs.predict': {
    input: z.object({ id: z.number().int(), path: z.string().min(1), out: z.string().min(1) }),
    output: z.object({ rows: z.number().int(), out: z.string() }),
  },
  'runs.evaluate': {
    input: z.object({ id: z.number().int(), path: z.string().min(1), target: z.string().min(1) }),
    output: z.object({ metrics: z.record(z.string(), z.number()) }),
  },
  'sweeps.create': {
    input: SweepInput,
    output: z.object({ id: z.number().int(), runIds: z.array(z.number().int()) }),
  },
  'sweeps.list': { input: z.object({}).default({}), output: z.array(Sweep.omit({ runs: true })) },
  'sweeps.get': { input: z.object({ id: z.number().int() }), output: Sweep },
  'sweeps.cancel': {
    input: z.object({ id: z.number().int() }),
    output: z.object({ cancelled: z.number().int() }),
  },
} as const;
