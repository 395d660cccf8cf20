import type { MetricSeries } from '../../../shared/domain.js';
import type { Db } from './db.js';

/** A batch of metric points in columns: point i is (keys[keyIndex[i]], step[i], value[i], time[i]). */
export interface MetricColumns {
  keys: string[];
  keyIndex: Uint16Array;
  step: Float64Array;
  value: Float64Array;
  time: Float64Array;
}

/** A run's latest point of one metric (the largest step charted). */
export interface LatestPoint {
  key_id: number;
  name: string;
  step: number;
  value: number;
}

const INSERT_POINTS = 'INSERT OR REPLACE INTO metrics (run_id, key_id, step, time, value) VALUES ';
const ROW = '(?, ?, ?, ?, ?)';

export function createMetricsRepo(db: Db) {
  const findKey = db.prepare<[string], { id: number }>('SELECT id FROM metric_keys WHERE name = ?');
  const insertKey = db.prepare<[string]>('INSERT INTO metric_keys (name) VALUES (?)');
  const insertPoint = db.prepare<[number, number, number, number, number]>(INSERT_POINTS + ROW);
  const upsertLatest = db.prepare<[number, number, number, number]>(
    `INSERT INTO latest_metrics (run_id, key_id, step, value) VALUES (?, ?, ?, ?)
     ON CONFLICT (run_id, key_id) DO UPDATE SET step = excluded.step, value = excluded.value
     WHERE excluded.step >= latest_metrics.step`,
  );
  const seriesOf = db.prepare<
    [number],
    { name: string; step: number; value: number; time: number }
  >(
    `SELECT k.name, m.step, m.value, m.time FROM metrics m JOIN metric_keys k ON k.id = m.key_id
     WHERE m.run_id = ? ORDER BY k.name, m.step`,
  );
  const latestOf = db.prepare<[number], { name: string; value: number }>(
    'SELECT k.name, l.value FROM latest_metrics l JOIN metric_keys k ON k.id = l.key_id WHERE l.run_id = ?',
  );
  const latestAll = db.prepare<[], { run_id: number; name: string; value: number }>(
    'SELECT l.run_id, k.name, l.value FROM latest_metrics l JOIN metric_keys k ON k.id = l.key_id',
  );
  const latestPointsOf = db.prepare<[number], LatestPoint>(
    'SELECT l.key_id, k.name, l.step, l.value FROM latest_metrics l JOIN metric_keys k ON k.id = l.key_id WHERE l.run_id = ?',
  );
  const countOf = db
    .prepare<[number, number], number>(
      'SELECT count(*) FROM metrics WHERE run_id = ? AND step <= ?',
    )
    .pluck();
  const countAll = db.prepare<[], number>('SELECT count(*) FROM metrics').pluck();
  const keyIds = new Map<string, number>();

  function keyId(name: string): number {
    let id = keyIds.get(name);
    if (id === undefined) {
      id = findKey.get(name)?.id ?? Number(insertKey.run(name).lastInsertRowid);
      keyIds.set(name, id);
    }
    return id;
  }

  return {
    keyId,
    /** After a rolled-back transaction: ids it inserted are gone, so none may stay cached. */
    forgetKeyIds: (): void => keyIds.clear(),
    /** Writes a batch; call inside a transaction (the metric writer's group commit). */
    append(runId: number, batch: MetricColumns): void {
      const ids = batch.keys.map(keyId);
      const lastStep = new Float64Array(ids.length).fill(-1);
      const lastValue = new Float64Array(ids.length);
      const { keyIndex, step, value, time } = batch;
      const n = step.length;
      // One prepared single-row statement per point, inside the caller's transaction: measured
      // faster than a 64-row multi-insert (binding 320 parameters costs more than the crossings).
      for (let i = 0; i < n; i++) {
        const k = keyIndex[i]!;
        insertPoint.run(runId, ids[k]!, step[i]!, time[i]!, value[i]!);
        if (step[i]! >= lastStep[k]!) {
          lastStep[k] = step[i]!;
          lastValue[k] = value[i]!;
        }
      }
      ids.forEach((id, k) => {
        if (lastStep[k]! >= 0) upsertLatest.run(runId, id, lastStep[k]!, lastValue[k]!);
      });
    },
    series(runId: number, keys?: string[]): MetricSeries[] {
      const out = new Map<string, MetricSeries>();
      for (const r of seriesOf.iterate(runId)) {
        if (keys && !keys.includes(r.name)) continue;
        let s = out.get(r.name);
        if (!s) out.set(r.name, (s = { key: r.name, steps: [], values: [], times: [] }));
        s.steps.push(r.step);
        s.values.push(r.value);
        s.times.push(r.time);
      }
      return [...out.values()];
    },
    latest(runId: number): Record<string, number> {
      return Object.fromEntries(latestOf.all(runId).map((r) => [r.name, r.value]));
    },
    /** The latest point of each of the run's metrics, with its key id and step. */
    latestPoints: (runId: number): LatestPoint[] => latestPointsOf.all(runId),
    /** Rows in the metrics table: all of them, or one run's up to and including `throughStep`. */
    countPoints: (run?: { runId: number; throughStep: number }): number =>
      (run ? countOf.get(run.runId, run.throughStep) : countAll.get()) ?? 0,
    latestByRun(): Map<number, Record<string, number>> {
      const out = new Map<number, Record<string, number>>();
      for (const r of latestAll.iterate()) {
        let m = out.get(r.run_id);
        if (!m) out.set(r.run_id, (m = {}));
        m[r.name] = r.value;
      }
      return out;
    },
  };
}
export type MetricsRepo = ReturnType<typeof createMetricsRepo>;
