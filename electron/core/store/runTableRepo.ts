import type { ParamValue } from '../../../shared/domain.js';
import type { Db } from './db.js';

type Grouped = [number, string];

/** What the explorer shows of each run beyond its runs row. */
export interface RunColumns {
  params: Map<number, Record<string, ParamValue>>;
  metrics: Map<number, Record<string, number>>;
  tags: Map<number, Record<string, string>>;
  extras: Map<number, { id: number; note: string; archived: number }>;
}

/**
 * The explorer's columns of many runs at once. SQLite builds each run's params, metrics and tags
 * as one JSON object (json_group_object), which is several times faster than a JS row per value
 * at 10,000 runs × 50 columns.
 */
export function createRunTableRepo(db: Db) {
  // Two variants: every run, or those in @ids (a JSON array); an OR of both would defeat the indexes.
  const prepare = (subset: boolean) => {
    const only = (column: string) =>
      subset ? `${column} IN (SELECT value FROM json_each(@ids))` : '1';
    const grouped = (sql: string) => db.prepare<[{ ids: string | null }], Grouped>(sql).raw();
    return {
      params: grouped(
        `SELECT run_id, json_group_object(key, json(value)) FROM params WHERE ${only('run_id')} GROUP BY run_id`,
      ),
      metrics: grouped(
        `SELECT l.run_id, json_group_object(k.name, l.value) FROM latest_metrics l JOIN metric_keys k ON k.id = l.key_id
         WHERE ${only('l.run_id')} GROUP BY l.run_id`,
      ),
      tags: grouped(
        `SELECT run_id, json_group_object(key, value) FROM tags WHERE ${only('run_id')} GROUP BY run_id`,
      ),
      extras: db.prepare<[{ ids: string | null }], { id: number; note: string; archived: number }>(
        `SELECT id, note, archived FROM runs WHERE ${only('id')} AND deleted_at IS NULL`,
      ),
    };
  };
  const every = prepare(false);
  const subset = prepare(true);
  const byRun = <T>(rows: Grouped[]) =>
    new Map(rows.map(([id, json]) => [id, JSON.parse(json) as T]));

  return {
    /** Columns of the runs in `ids`, or of every run when `ids` is null. */
    columns(ids: readonly number[] | null): RunColumns {
      const { params, metrics, tags, extras } = ids ? subset : every;
      const arg = { ids: ids ? JSON.stringify(ids) : null };
      return {
        params: byRun<Record<string, ParamValue>>(params.all(arg)),
        metrics: byRun<Record<string, number>>(metrics.all(arg)),
        tags: byRun<Record<string, string>>(tags.all(arg)),
        extras: new Map(extras.all(arg).map((r) => [r.id, r])),
      };
    },
  };
}
export type RunTableRepo = ReturnType<typeof createRunTableRepo>;
