import { parseField, parseQuery, QueryError } from '../../../shared/query/index.js';
import type { Db } from '../store/db.js';
import { UserError } from '../userError.js';
import { compileWhere, RUN_FROM, sortExpression, type SqlValue } from './compileQuery.js';

export type ArchivedFilter = 'exclude' | 'include' | 'only';
export interface RunQuery {
  filter?: string;
  /** A field, `-` first for descending: `-metrics.val_accuracy`. */
  sort?: string;
  limit?: number;
  archived?: ArchivedFilter;
  /** Deleted runs (or runs of a deleted experiment): left out unless asked for. */
  deleted?: ArchivedFilter;
}

const DELETED_SQL: Record<ArchivedFilter, string> = {
  exclude: 'r.deleted_at IS NULL AND e.deleted_at IS NULL',
  include: '1',
  only: '(r.deleted_at IS NOT NULL OR e.deleted_at IS NOT NULL)',
};

const ARCHIVED_SQL: Record<ArchivedFilter, string> = {
  exclude: 'r.archived = 0',
  include: '1',
  only: 'r.archived = 1',
};

/** `~` in queries: SQLite calls regexp(pattern, value); patterns are compiled once and cached. */
export function registerRegexp(db: Db): void {
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

/** A query error for the user: the position comes first so the UI can point at it. */
function parsed<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof QueryError) throw new UserError(`${what} ${e.message}`);
    throw e;
  }
}

/** Run ids matching the query, in its sort order (newest first by default). Runs in SQLite. */
export function queryRunIds(db: Db, q: RunQuery): number[] {
  const where = compileWhere(parsed('query', () => parseQuery(q.filter ?? '')));
  const params: SqlValue[] = [...where.params];
  let order = 'r.id DESC';
  if (q.sort) {
    const descending = q.sort.startsWith('-');
    const field = parsed('sort', () => parseField(descending ? q.sort!.slice(1) : q.sort!));
    const expr = sortExpression(field);
    params.push(...expr.params, ...expr.params);
    order = `(${expr.sql}) IS NULL, ${expr.sql} ${descending ? 'DESC' : 'ASC'}, r.id DESC`;
  }
  const limit = q.limit === undefined ? '' : ' LIMIT ?';
  if (q.limit !== undefined) params.push(q.limit);
  const sql = `SELECT r.id FROM ${RUN_FROM} WHERE ${DELETED_SQL[q.deleted ?? 'exclude']} AND ${ARCHIVED_SQL[q.archived ?? 'exclude']}
    AND ${where.sql} ORDER BY ${order}${limit}`;
  return db
    .prepare<SqlValue[], number>(sql)
    .pluck()
    .all(...params);
}
