import type { Db } from './db.js';

/** A piece of compiled SQL and the values it binds, in order (runs/compileQuery.ts builds them). */
export interface CompiledSql {
  sql: string;
  params: readonly (number | string)[];
}
/** Whether deleted (or archived) runs are left out, let in, or the only ones. */
export type Visibility = 'exclude' | 'include' | 'only';

/** What a compiled run query names: runs r, their experiment e and their dataset d. */
export const RUN_FROM = `runs r JOIN experiments e ON e.id = r.experiment_id LEFT JOIN datasets d ON d.id = r.dataset_id`;

/** Deleted runs are runs deleted themselves or with their experiment. */
const DELETED_SQL: Record<Visibility, string> = {
  exclude: 'r.deleted_at IS NULL AND e.deleted_at IS NULL',
  include: '1',
  only: '(r.deleted_at IS NOT NULL OR e.deleted_at IS NOT NULL)',
};
const ARCHIVED_SQL: Record<Visibility, string> = {
  exclude: 'r.archived = 0',
  include: '1',
  only: 'r.archived = 1',
};

/** `~` in queries: SQLite calls regexp(pattern, value); patterns are compiled once and cached. */
function registerRegexp(db: Db): void {
  const cache = new Map<string, RegExp>();
  db.function('regexp', { deterministic: true }, (pattern: unknown, value: unknown) => {
    if (value === null || value === undefined) return 0;
    const source = String(pattern);
    let re = cache.get(source);
    if (!re) {
      re = new RegExp(source);
      if (cache.size > 256) cache.clear();
      cache.set(source, re);
    }
    return re.test(String(value)) ? 1 : 0;
  });
}

/** The explorer's query language, run in SQLite: conditions compiled elsewhere, executed here. */
export function createRunQueryRepo(db: Db) {
  registerRegexp(db);
  const metricNames = db
    .prepare<[], string>(
      'SELECT k.name FROM metric_keys k WHERE EXISTS (SELECT 1 FROM latest_metrics l WHERE l.key_id = k.id) ORDER BY k.name',
    )
    .pluck();
  return {
    /** The metric keys some run has a value of (deleted and archived runs too). */
    metricNames(): string[] {
      return metricNames.all();
    },
    /**
     * Ids of the runs `where` matches (a condition over RUN_FROM), ordered by `sort` (runs
     * without a value last), then newest first.
     */
    ids(q: {
      where: CompiledSql;
      sort?: (CompiledSql & { descending: boolean }) | undefined;
      deleted: Visibility;
      archived: Visibility;
      limit?: number | undefined;
    }): number[] {
      const params = [...q.where.params];
      let order = 'r.id DESC';
      if (q.sort) {
        params.push(...q.sort.params, ...q.sort.params);
        order = `(${q.sort.sql}) IS NULL, ${q.sort.sql} ${q.sort.descending ? 'DESC' : 'ASC'}, r.id DESC`;
      }
      const limit = q.limit === undefined ? '' : ' LIMIT ?';
      if (q.limit !== undefined) params.push(q.limit);
      const sql = `SELECT r.id FROM ${RUN_FROM} WHERE ${DELETED_SQL[q.deleted]} AND ${ARCHIVED_SQL[q.archived]}
    AND ${q.where.sql} ORDER BY ${order}${limit}`;
      return db
        .prepare<(number | string)[], number>(sql)
        .pluck()
        .all(...params);
    },
  };
}
export type RunQueryRepo = ReturnType<typeof createRunQueryRepo>;
