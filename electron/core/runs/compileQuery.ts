import type { CompareOp, Expr, Field, RunField, Value } from '../../../shared/query/index.js';

/** A value SQLite can bind (better-sqlite3 refuses booleans). */
export type SqlValue = number | string;
export interface SqlFragment {
  sql: string;
  params: SqlValue[];
}
/**
 * A condition `r.id IN (runIds)`: `runIds` selects run ids from the key/value tables. `and` and
 * `or` of two such conditions become one INTERSECT or UNION, which SQLite answers in about
 * half the time of a separate IN list per term (each list is a temporary index of run ids).
 */
interface RunIdSet extends SqlFragment {
  runIds: string;
  /** The operator joining all of `runIds`' selects ('mixed' when both occur), if it has several. */
  setOp?: 'INTERSECT' | 'UNION' | 'mixed';
  /** How many selects `runIds` joins, nested ones included. */
  selects: number;
}
/** SQLite refuses compound selects of more than 500 terms: longer chains stay separate IN lists. */
const MAX_COMPOUND = 250;

/** Run fields as columns of RUN_FROM (store/runQueryRepo.ts): `runs r JOIN experiments e JOIN datasets d`. */
const RUN_COLUMNS: Record<RunField, string> = {
  id: 'r.id',
  name: 'r.name',
  status: 'r.status',
  model: 'r.model',
  experiment: 'e.name',
  dataset: 'd.name',
  started_at: 'r.started_at',
  ended_at: 'r.ended_at',
  created_at: 'r.created_at',
  uid: 'r.uid',
};

const SQL_OP: Record<Exclude<CompareOp, '~'>, string> = {
  '=': '=',
  '!=': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};
const FALSE: SqlFragment = { sql: '0', params: [] };
const bind = (v: Value): SqlValue => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

/**
 * Compiles a query to a WHERE condition over RUN_FROM. Every value is a bound parameter;
 * only column names and operators from the fixed tables above reach the SQL text.
 */
export function compileWhere(expr: Expr | null): SqlFragment {
  if (!expr) return { sql: '1', params: [] };
  switch (expr.type) {
    case 'and':
    case 'or': {
      const l = compileWhere(expr.left);
      const r = compileWhere(expr.right);
      if (isRunIdSet(l) && isRunIdSet(r) && l.selects + r.selects <= MAX_COMPOUND)
        return combine(expr.type === 'and' ? 'INTERSECT' : 'UNION', l, r);
      return {
        sql: `(${l.sql} ${expr.type.toUpperCase()} ${r.sql})`,
        params: [...l.params, ...r.params],
      };
    }
    case 'not': {
      const inner = compileWhere(expr.expr);
      return { sql: `(NOT ${inner.sql})`, params: inner.params };
    }
    case 'exists':
      return exists(expr.field);
    case 'compare':
      return compare(expr.field, expr.op, expr.value);
    case 'in':
      return inList(expr.field, expr.values);
  }
}

const isRunIdSet = (f: SqlFragment): f is RunIdSet => 'runIds' in f;
const runIdSet = (
  runIds: string,
  params: SqlValue[],
  selects: number,
  setOp?: RunIdSet['setOp'],
): RunIdSet => ({
  sql: `r.id IN (${runIds})`,
  params,
  runIds,
  selects,
  ...(setOp ? { setOp } : {}),
});

/**
 * One compound select. SQLite groups compound operators strictly left to right, so any left side
 * reads as written; a right side joins unwrapped only when it is one select or a chain of `op`
 * alone (each operator is associative), and otherwise gets a select of its own.
 */
function combine(op: 'INTERSECT' | 'UNION', l: RunIdSet, r: RunIdSet): RunIdSet {
  const right = r.setOp && r.setOp !== op ? `SELECT run_id FROM (${r.runIds})` : r.runIds;
  return runIdSet(
    `${l.runIds} ${op} ${right}`,
    [...l.params, ...r.params],
    l.selects + r.selects,
    !l.setOp || l.setOp === op ? op : 'mixed',
  );
}

/** Run ids whose `key` in one of the key/value tables satisfies `cond` (a condition on `v`). */
function keyed(field: Exclude<Field, { kind: 'run' }>, cond: SqlFragment): SqlFragment {
  const source =
    field.kind === 'params'
      ? 'SELECT run_id FROM params v WHERE v.key = ?'
      : field.kind === 'tags'
        ? 'SELECT run_id FROM tags v WHERE v.key = ?'
        : 'SELECT v.run_id FROM latest_metrics v WHERE v.key_id = (SELECT id FROM metric_keys WHERE name = ?)';
  return runIdSet(`${source} AND ${cond.sql}`, [field.key, ...cond.params], 1);
}

function exists(field: Field): SqlFragment {
  if (field.kind === 'run') return { sql: `${RUN_COLUMNS[field.name]} IS NOT NULL`, params: [] };
  return keyed(field, { sql: '1', params: [] });
}

/** Params are stored as JSON text: compare JSON with JSON for equality, typed values for order. */
function paramCondition(op: CompareOp, value: Value): SqlFragment {
  if (op === '~') return { sql: `(v.value ->> '$') REGEXP ?`, params: [value as string] };
  if (op === '=' || op === '!=')
    return { sql: `v.value ${SQL_OP[op]} ?`, params: [JSON.stringify(value)] };
  if (typeof value === 'boolean') return FALSE;
  if (typeof value === 'number') {
    // JSON numbers, and only they, start with a digit or '-' (code points 45–57; JSON never starts
    // a value with '.' or '/'). Their text casts straight to the number: no JSON parse per row.
    return {
      sql: `(unicode(v.value) BETWEEN 45 AND 57 AND CAST(v.value AS NUMERIC) ${SQL_OP[op]} ?)`,
      params: [value],
    };
  }
  return {
    sql: `(json_type(v.value) = 'text' AND (v.value ->> '$') ${SQL_OP[op]} ?)`,
    params: [value],
  };
}

function compare(field: Field, op: CompareOp, value: Value): SqlFragment {
  if (field.kind === 'run') {
    const column = RUN_COLUMNS[field.name];
    const lhs = field.name === 'dataset' && typeof value === 'number' ? 'r.dataset_id' : column;
    const sqlOp = op === '~' ? 'REGEXP' : SQL_OP[op];
    // COALESCE: a missing value (a run not started yet) is false, so `not` includes it.
    return { sql: `COALESCE(${lhs} ${sqlOp} ?, 0)`, params: [bind(value)] };
  }
  if (field.kind === 'params') return keyed(field, paramCondition(op, value));
  if (field.kind === 'metrics') {
    if (op === '~') return keyed(field, { sql: 'v.value REGEXP ?', params: [value as string] });
    if (typeof value !== 'number') return FALSE;
    return keyed(field, { sql: `v.value ${SQL_OP[op]} ?`, params: [value] });
  }
  const sqlOp = op === '~' ? 'REGEXP' : SQL_OP[op];
  return keyed(field, { sql: `v.value ${sqlOp} ?`, params: [String(value)] });
}

function inList(field: Field, values: Value[]): SqlFragment {
  const list = (vs: SqlValue[]): SqlFragment => ({
    sql: `(${vs.map(() => '?').join(', ')})`,
    params: vs,
  });
  if (field.kind === 'run') {
    const l = list(values.map(bind));
    // As with `dataset = 1`: numbers name dataset ids, words dataset names.
    const column =
      field.name === 'dataset' && values.every((v) => typeof v === 'number')
        ? 'r.dataset_id'
        : RUN_COLUMNS[field.name];
    return { sql: `COALESCE(${column} IN ${l.sql}, 0)`, params: l.params };
  }
  if (field.kind === 'params') {
    const l = list(values.map((v) => JSON.stringify(v)));
    return keyed(field, { sql: `v.value IN ${l.sql}`, params: l.params });
  }
  if (field.kind === 'metrics') {
    const numbers = values.filter((v): v is number => typeof v === 'number');
    if (numbers.length === 0) return FALSE;
    const l = list(numbers);
    return keyed(field, { sql: `v.value IN ${l.sql}`, params: l.params });
  }
  const l = list(values.map(String));
  return keyed(field, { sql: `v.value IN ${l.sql}`, params: l.params });
}

/** An expression giving a run's value of `field` (NULL when it has none), for ORDER BY. */
export function sortExpression(field: Field): SqlFragment {
  if (field.kind === 'run') return { sql: RUN_COLUMNS[field.name], params: [] };
  if (field.kind === 'params') {
    return {
      sql: `(SELECT value ->> '$' FROM params WHERE run_id = r.id AND key = ?)`,
      params: [field.key],
    };
  }
  if (field.kind === 'tags')
    return { sql: `(SELECT value FROM tags WHERE run_id = r.id AND key = ?)`, params: [field.key] };
  return {
    sql: `(SELECT value FROM latest_metrics WHERE run_id = r.id AND key_id = (SELECT id FROM metric_keys WHERE name = ?))`,
    params: [field.key],
  };
}
