import { unknownMetricWarning } from '../../../shared/metricNames.js';
import {
  parseField,
  parseQuery,
  QueryError,
  type Expr,
  type Field,
} from '../../../shared/query/index.js';
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

function parsedSort(sort: string): { field: Field; descending: boolean } {
  const descending = sort.startsWith('-');
  return { field: parsed('sort', () => parseField(descending ? sort.slice(1) : sort)), descending };
}

function metricKeysIn(expr: Expr | null, into: Set<string>): Set<string> {
  if (!expr) return into;
  switch (expr.type) {
    case 'and':
    case 'or':
      metricKeysIn(expr.left, into);
      return metricKeysIn(expr.right, into);
    case 'not':
      return metricKeysIn(expr.expr, into);
    default:
      if (expr.field.kind === 'metrics') into.add(expr.field.key);
      return into;
  }
}

/**
 * One warning per metric the query filters or sorts on that no run has, naming the closest keys
 * that exist (`metrics.f1_macro` → did you mean `metrics.test_f1_macro`?): such a condition
 * matches nothing, and a silent empty list reads as "no run is that good".
 */
export function queryWarnings(runQueries: RunQueryRepo, q: RunQuery): string[] {
  const keys = metricKeysIn(
    parsed('query', () => parseQuery(q.filter ?? '')),
    new Set(),
  );
  if (q.sort) {
    const { field } = parsedSort(q.sort);
    if (field.kind === 'metrics') keys.add(field.key);
  }
  if (!keys.size) return [];
  const known = runQueries.metricNames();
  const have = new Set(known);
  return [...keys].filter((k) => !have.has(k)).map((k) => unknownMetricWarning(k, known));
}

/** Run ids matching the query, in its sort order (newest first by default). Runs in SQLite. */
export function queryRunIds(runQueries: RunQueryRepo, q: RunQuery): number[] {
  const where = compileWhere(parsed('query', () => parseQuery(q.filter ?? '')));
  let sort;
  if (q.sort) {
    const { field, descending } = parsedSort(q.sort);
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
