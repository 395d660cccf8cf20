import { parseField, parseQuery, QueryError } from '../../../shared/query/index.js';
import type { RunQueryRepo, Visibility } from '../store/runQueryRepo.js';
import { UserError } from '../userError.js';
import { compileWhere, sortExpression } from './compileQuery.js';

export interface RunQuery {
  filter?: string;
  /** A field, `-` first for descending: `-metrics.val_accuracy`. */
  sort?: string;
  limit?: number;
  archived?: Visibility;
  /** Deleted runs (or runs of a deleted experiment): left out unless asked for. */
  deleted?: Visibility;
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
export function queryRunIds(runQueries: RunQueryRepo, q: RunQuery): number[] {
  const where = compileWhere(parsed('query', () => parseQuery(q.filter ?? '')));
  let sort;
  if (q.sort) {
    const descending = q.sort.startsWith('-');
    const field = parsed('sort', () => parseField(descending ? q.sort!.slice(1) : q.sort!));
    sort = { ...sortExpression(field), descending };
  }
  return runQueries.ids({
    where,
    sort,
    deleted: q.deleted ?? 'exclude',
    archived: q.archived ?? 'exclude',
    limit: q.limit,
  });
}
