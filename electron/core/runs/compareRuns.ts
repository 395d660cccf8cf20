import type { Comparison } from '../../../shared/api/runRecords.js';
import type { Store } from '../store/store.js';

/** Metrics where lower is better; every other metric is best at its maximum. */
const LOWER_IS_BETTER = /loss|error|rmse|mse|mae|perplexity/i;

/** Params side by side, metric summaries (last, min, max, best step) and which params differ. */
export function createRunComparer(store: Pick<Store, 'params' | 'metrics' | 'metricTiles'>) {
  const tiles = store.metricTiles;
  return (ids: readonly number[]): Comparison => {
    const params: Comparison['params'] = {};
    const metrics: Comparison['metrics'] = {};
    for (const id of ids) {
      for (const [key, value] of Object.entries(store.params.forRun(id)))
        (params[key] ??= {})[id] = value;
      for (const m of store.metrics.latestPoints(id)) {
        const lo = tiles.extreme(id, m.key_id, m.step, 'min') ?? { value: m.value, step: m.step };
        const hi = tiles.extreme(id, m.key_id, m.step, 'max') ?? { value: m.value, step: m.step };
        const best = LOWER_IS_BETTER.test(m.name) ? lo : hi;
        (metrics[m.name] ??= {})[id] = {
          last: m.value,
          min: lo.value,
          max: hi.value,
          best_step: best.step,
        };
      }
    }
    // A param differs when two runs disagree, or when some runs lack it.
    const differing_params = Object.keys(params)
      .filter((key) => {
        const values = ids.map((id) => JSON.stringify(params[key]![id] ?? null));
        return new Set(values).size > 1;
      })
      .sort();
    return { params, metrics, differing_params };
  };
}
