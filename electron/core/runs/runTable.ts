import type { ExplorerRun } from '../../../shared/explorerApi.js';
import type { ParamValue } from '../../../shared/domain.js';
import type { Store } from '../store/store.js';

type Grouped = [number, string];

/**
 * The explorer's rows: #2's run fields plus params, final metrics, tags and notes. SQLite
 * builds each run's params, metrics and tags as one JSON object (json_group_object), which is
 * several times faster than a JS row per value at 10,000 runs × 50 columns.
 */
export function createRunTable(store: Store) {
  const db = store.db;
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

  /**
   * Every run, newest first; with `limit`, only the newest (a first screen while the rest
   * loads); with `ids`, only those (the compare view).
   */
  return ({
    limit,
    ids,
  }: {
    limit?: number | undefined;
    ids?: number[] | undefined;
  }): ExplorerRun[] => {
    const runs = store.runs.list({ limit, ids });
    const some = ids !== undefined || limit !== undefined;
    const { params, metrics, tags, extras } = some ? subset : every;
    const arg = { ids: some ? JSON.stringify(runs.map((r) => r.id)) : null };
    const p = byRun<Record<string, ParamValue>>(params.all(arg));
    const m = byRun<Record<string, number>>(metrics.all(arg));
    const t = byRun<Record<string, string>>(tags.all(arg));
    const x = new Map(extras.all(arg).map((r) => [r.id, r]));
    return runs.map((r) => ({
      ...r,
      params: p.get(r.id) ?? {},
      metrics: m.get(r.id) ?? {},
      tags: t.get(r.id) ?? {},
      note: x.get(r.id)?.note ?? '',
      archived: x.get(r.id)?.archived === 1,
    }));
  };
}
