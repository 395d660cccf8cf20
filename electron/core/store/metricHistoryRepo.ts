import type { Db } from './db.js';
import type { MetricColumns, MetricsRepo } from './metricsRepo.js';

export interface LoggedPoint {
  key: string;
  step: number;
  time: number;
  value: number;
}

const LATER = 2 ** 62; // sorts a step's charted point after the extra points logged before it

/**
 * Every point a tracker logged, not only one per step: repeated steps and NaN go to
 * `metric_extra_points` (see migration 0009), the rest to `metrics` as Benchtop's own runs do.
 */
export function createMetricHistoryRepo(db: Db, metrics: MetricsRepo) {
  const latestStep = db
    .prepare<[number, number], number>(
      'SELECT step FROM latest_metrics WHERE run_id = ? AND key_id = ?',
    )
    .pluck();
  const moveToExtras = db.prepare<[number, number, number]>(
    `INSERT INTO metric_extra_points (run_id, key_id, step, time, value)
     SELECT run_id, key_id, step, time, value FROM metrics WHERE run_id = ? AND key_id = ? AND step = ?`,
  );
  const insertExtra = db.prepare<[number, number, number, number, number | null]>(
    'INSERT INTO metric_extra_points (run_id, key_id, step, time, value) VALUES (?, ?, ?, ?, ?)',
  );
  const historyOf = db.prepare<
    [{ run: number; key: string }],
    { step: number; time: number; value: number | null }
  >(
    `SELECT step, time, value FROM (
       SELECT m.step, m.time, m.value, ${LATER} AS seq FROM metrics m JOIN metric_keys k ON k.id = m.key_id
       WHERE m.run_id = @run AND k.name = @key
       UNION ALL
       SELECT x.step, x.time, x.value, x.id FROM metric_extra_points x JOIN metric_keys k ON k.id = x.key_id
       WHERE x.run_id = @run AND k.name = @key
     ) ORDER BY step, time, seq`,
  );

  const countOf = db
    .prepare<[{ run: number; key: string }], number>(
      `SELECT (SELECT COUNT(*) FROM metrics m JOIN metric_keys k ON k.id = m.key_id WHERE m.run_id = @run AND k.name = @key)
          + (SELECT COUNT(*) FROM metric_extra_points x JOIN metric_keys k ON k.id = x.key_id WHERE x.run_id = @run AND k.name = @key)`,
    )
    .pluck();

  return {
    /** How many points of a metric the run has, repeated steps and NaN included. */
    count: (runId: number, key: string): number => countOf.get({ run: runId, key }) ?? 0,
    /** Writes a batch keeping every point; call inside a transaction. Returns the points charted. */
    append(runId: number, points: readonly LoggedPoint[]): LoggedPoint[] {
      const last = new Map<string, number>(); // `${key} ${step}` → index of its last finite point in the batch
      points.forEach((p, i) => {
        if (!Number.isNaN(p.value)) last.set(`${p.key} ${p.step}`, i);
      });
      const known = new Map<string, number>();
      const charted: LoggedPoint[] = [];
      points.forEach((p, i) => {
        const keyId = metrics.keyId(p.key);
        // Charts start at step 0: a negative step (MLflow allows them) is kept, but only in the history.
        if (Number.isNaN(p.value) || p.step < 0 || last.get(`${p.key} ${p.step}`) !== i) {
          insertExtra.run(runId, keyId, p.step, p.time, Number.isNaN(p.value) ? null : p.value);
          return;
        }
        let before = known.get(p.key);
        if (before === undefined) known.set(p.key, (before = latestStep.get(runId, keyId) ?? -1));
        // Steps only grow while a script trains, so this lookup is the rare case, not the rule.
        if (p.step <= before) moveToExtras.run(runId, keyId, p.step);
        charted.push(p);
      });
      if (charted.length) metrics.append(runId, toColumns(charted));
      return charted;
    },
    /** Every point of one metric by step, then time, then logging order; NaN points as NaN. */
    history(runId: number, key: string): LoggedPoint[] {
      return historyOf
        .all({ run: runId, key })
        .map((p) => ({ key, step: p.step, time: p.time, value: p.value ?? NaN }));
    },
  };
}
export type MetricHistoryRepo = ReturnType<typeof createMetricHistoryRepo>;

function toColumns(points: readonly LoggedPoint[]): MetricColumns {
  const keys: string[] = [];
  const index = new Map<string, number>();
  const keyIndex = new Uint16Array(points.length);
  points.forEach((p, i) => {
    let k = index.get(p.key);
    if (k === undefined) index.set(p.key, (k = keys.push(p.key) - 1));
    keyIndex[i] = k;
  });
  return {
    keys,
    keyIndex,
    step: Float64Array.from(points, (p) => p.step),
    value: Float64Array.from(points, (p) => p.value),
    time: Float64Array.from(points, (p) => p.time),
  };
}
