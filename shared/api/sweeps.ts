import { z } from 'zod';
import { ModelKind, ParamValue, Run, Task, TrainParams } from '../domain.js';

/** Sweeps: many training runs over a grid or random search of hyperparameters, the best one chosen. */

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

export const sweepsApi = {
  'sweeps.create': {
    input: SweepInput,
    output: z.object({ id: z.number().int(), runIds: z.array(z.number().int()) }),
  },
  'sweeps.list': { input: z.object({}).default({}), output: z.array(Sweep.omit({ runs: true })) },
  'sweeps.get': { input: z.object({ id: z.number().int() }), output: Sweep },
  /** Resolves with the sweep once it has ended: every trial (every rung with halving) over, the best run chosen. */
  'sweeps.wait': { input: z.object({ id: z.number().int() }), output: Sweep },
  'sweeps.cancel': {
    input: z.object({ id: z.number().int() }),
    output: z.object({ cancelled: z.number().int() }),
  },
} as const;
