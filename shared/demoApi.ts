import { z } from 'zod';

const count = (min: number, max: number) => z.number().int().min(min).max(max);

export const demoApi = {
  /** Synthetic finished runs written through the real store, for demos and benchmarks (`benchtop demo`). */
  'runs.demo': {
    input: z.object({
      runs: count(1, 1_000_000).default(100),
      /** Points per curve (loss, accuracy, …), one per step. */
      points: count(1, 10_000_000).default(1000),
      params: count(0, 1000).optional(),
      /** Metrics per run: the first `curves` have `points` steps, the rest one final value. */
      metrics: count(0, 1000).optional(),
      curves: count(0, 4).optional(),
      seed: z.number().int().optional(),
    }),
    output: z.object({ runs: z.number().int(), first_id: z.number().int().nullable(), last_id: z.number().int().nullable() }),
  },
} as const;
