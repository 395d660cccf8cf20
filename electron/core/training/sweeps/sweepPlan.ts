import { mulberry32 } from '../../../../shared/random.js';
import type { ParamValue, Task } from '../../../../shared/domain.js';
import type { SweepKey, SweepRange } from '../../../../shared/api/sweeps.js';
import { evaluationName, testName } from '../../../../shared/metricNames.js';
import { testMetricsFor } from '../../../../shared/trainingRules.js';
import { UserError } from '../../userError.js';

export type Trial = Partial<Record<SweepKey, ParamValue>>;

const INTEGER_KEYS: readonly SweepKey[] = ['epochs', 'batch_size'];
const MAX_TRIALS = 1000;

/** Every combination of the grid's values, the first key varying slowest. */
export function gridTrials(grid: Partial<Record<SweepKey, ParamValue[]>>): Trial[] {
  let trials: Trial[] = [{}];
  for (const [key, values] of Object.entries(grid) as [SweepKey, ParamValue[]][]) {
    trials = trials.flatMap((t) => values.map((v) => ({ ...t, [key]: v })));
    if (trials.length > MAX_TRIALS)
      throw new UserError(`the grid has more than ${MAX_TRIALS} combinations`);
  }
  return trials;
}

/** `trials` draws, each key uniform in [low, high) — or log-uniform with `log` — from a seeded generator. */
export function randomTrials(
  trials: number,
  ranges: Partial<Record<SweepKey, SweepRange>>,
  seed: number,
): Trial[] {
  const random = mulberry32(seed);
  const entries = Object.entries(ranges) as [SweepKey, SweepRange][];
  if (entries.length === 0)
    throw new UserError('random search needs at least one --range KEY=LOW:HIGH');
  return Array.from({ length: trials }, () =>
    Object.fromEntries(
      entries.map(([key, { low, high, log }]) => {
        const u = random();
        const value = log
          ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)))
          : low + u * (high - low);
        return [key, INTEGER_KEYS.includes(key) ? Math.round(value) : Number(value.toPrecision(6))];
      }),
    ),
  );
}

const LOWER_IS_BETTER = new Set(['log_loss', 'rmse', 'mae']);

/** Which way a test metric points; `f1_macro` and `test_f1_macro` name the same test metric. */
export function metricGoal(metric: string, task: Task): 'max' | 'min' {
  const names = testMetricsFor(task);
  const scorer = evaluationName(metric);
  if (!names.includes(scorer))
    throw new UserError(
      `metric "${metric}" is not reported for ${task}; use one of ${names.map(testName).join(', ')}`,
    );
  return LOWER_IS_BETTER.has(scorer) ? 'min' : 'max';
}

/** A task's default test metric, in the scorer's name (`f1_macro`, `rmse`). */
export const defaultMetric = (task: Task): string => testMetricsFor(task)[0]!;

/** The run whose metric is best; runs without the metric never win. */
export function bestOf(
  scores: readonly { runId: number; value: number | undefined }[],
  goal: 'max' | 'min',
): number | null {
  let best: { runId: number; value: number } | null = null;
  for (const s of scores) {
    if (s.value === undefined || !Number.isFinite(s.value)) continue;
    if (!best || (goal === 'max' ? s.value > best.value : s.value < best.value))
      best = { runId: s.runId, value: s.value };
  }
  return best?.runId ?? null;
}

/** Successive halving's rungs: each keeps the best 1/eta of the trials at eta times the epochs. */
export function halvingRungs(
  trials: number,
  epochs: number,
  eta = 3,
): { keep: number; epochs: number }[] {
  const rungs: { keep: number; epochs: number }[] = [];
  for (let n = trials; ; n = Math.ceil(n / eta)) {
    rungs.push({ keep: n, epochs: 0 });
    if (n <= 1) break;
  }
  const last = rungs.length - 1;
  return rungs.map((r, i) => ({
    keep: r.keep,
    epochs: Math.max(1, Math.round(epochs / eta ** (last - i))),
  }));
}
