import { z } from 'zod';
import { RunStatus } from './domain.js';
import { Sweep } from './trainingApi.js';

/** Waiting for work to end, for callers that have nothing to show meanwhile (`benchtop train`, `sweep`). */

export const RunsWaited = z.object({
  /** True when every run has a terminal status; false when `timeoutMs` passed first or the core closed. */
  ended: z.boolean(),
  runs: z.array(z.object({ id: z.number().int(), status: RunStatus })),
});
export type RunsWaited = z.infer<typeof RunsWaited>;

export const waitApi = {
  /** Resolves once every run has ended (finished, failed, cancelled or interrupted), or after `timeoutMs`. */
  'runs.wait': {
    input: z.object({
      ids: z.array(z.number().int()).min(1, 'name at least one run'),
      timeoutMs: z.number().int().min(0).optional(),
    }),
    output: RunsWaited,
  },
  /** Resolves with the sweep once it has ended: every trial (every rung with halving) over, the best run chosen. */
  'sweeps.wait': { input: z.object({ id: z.number().int() }), output: Sweep },
} as const;
