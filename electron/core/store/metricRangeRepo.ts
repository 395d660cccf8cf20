import type { Db } from './db.js';

export type StepTime = { step: number; time: number };

/** Range reads over one series (run × key) of the metrics table: what charts ask for. */
export function createMetricRangeRepo(db: Db) {
  const keyId = db.prepare<[string], number>('SELECT id FROM metric_keys WHERE name = ?').pluck();
  const where = 'run_id = ? AND key_id = ?';
  const first = db.prepare<[number, number], StepTime>(
    `SELECT step, time FROM metrics WHERE ${where} ORDER BY step LIMIT 1`,
  );
  const last = db.prepare<[number, number], StepTime>(
    `SELECT step, time FROM metrics WHERE ${where} ORDER BY step DESC LIMIT 1`,
  );
  const atOrAfter = db.prepare<[number, number, number], StepTime>(
    `SELECT step, time FROM metrics WHERE ${where} AND step >= ? ORDER BY step LIMIT 1`,
  );
  const atOrBefore = db.prepare<[number, number, number], StepTime>(
    `SELECT step, time FROM metrics WHERE ${where} AND step <= ? ORDER BY step DESC LIMIT 1`,
  );
  const count = db
    .prepare<[number, number, number, number], number>(
      `SELECT COUNT(*) FROM metrics WHERE ${where} AND step BETWEEN ? AND ?`,
    )
    .pluck();
  const points = db
    .prepare<[number, number, number, number], [number, number, number]>(
      `SELECT step, time, value FROM metrics WHERE ${where} AND step BETWEEN ? AND ? ORDER BY step`,
    )
    .raw();

  return {
    /** The key's id, if any run ever logged it (a read: unknown keys are not created). */
    keyId: (name: string): number | undefined => keyId.get(name),
    first: (run: number, key: number): StepTime | undefined => first.get(run, key),
    last: (run: number, key: number): StepTime | undefined => last.get(run, key),
    /** The first point at or after `step`, and the last at or before it. */
    atOrAfter: (run: number, key: number, step: number): StepTime | undefined =>
      atOrAfter.get(run, key, step),
    atOrBefore: (run: number, key: number, step: number): StepTime | undefined =>
      atOrBefore.get(run, key, step),
    count: (run: number, key: number, from: number, to: number): number =>
      count.get(run, key, from, to)!,
    /** Points with steps in [from, to] as [step, time, value], by step. */
    points: (run: number, key: number, from: number, to: number): [number, number, number][] =>
      points.all(run, key, from, to),
  };
}
export type MetricRangeRepo = ReturnType<typeof createMetricRangeRepo>;
