import type { Comparison } from '../../../shared/explorerApi.js';
import type { ParamValue } from '../../../shared/domain.js';
import type { Db } from '../store/db.js';
import type { MetricTiles } from './metricTiles.js';

/** Metrics where lower is better; every other metric is best at its maximum. */
const LOWER_IS_BETTER = /loss|error|rmse|mse|mae|perplexity/i;

/** Params side by side, metric summaries (last, min, max, best step) and which params differ. */
export function createRunComparer(db: Db, tiles: MetricTiles) {
  const paramsOf = db.prepare<[number], { key: string; value: string }>(
    'SELECT key, value FROM params WHERE run_id = ?',
  );
  const latestOf = db.prepare<
    [number],
    { key_id: number; name: string; step: number; value: number }
  >(
    'SELECT l.key_id, k.name, l.step, l.value FROM latest_metrics l JOIN metric_keys k ON k.id = l.key_id WHERE l.run_id = ?',
  );

  return (ids: readonly number[]): Comparison => {
    const params: Comparison['params'] = {};
    const metrics: Comparison['metrics'] = {};
    for (const id of ids) {
      for (const p of paramsOf.iterate(id))
        (params[p.key] ??= {})[id] = JSON.parse(p.value) as ParamValue;
      for (const m of latestOf.all(id)) {
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
