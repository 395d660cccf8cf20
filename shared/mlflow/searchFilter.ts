import {
  parseQuery,
  QueryError,
  type CompareOp,
  type Expr,
  type Field,
  type RunField,
  type Value,
} from '../query/index.js';
import {
  all,
  any,
  cmp,
  emit,
  FALSE,
  fieldText,
  has,
  not,
  oneOf,
  runField,
  TRUE,
} from './benchtopQuery.js';
import { inputTagKey } from './datasetInputs.js';
import { isLike, likeToRegex } from './likePattern.js';
import { MlflowSearchError, parseFilter, parseOrderBy, type FilterClause } from './searchSyntax.js';

export { MlflowSearchError } from './searchSyntax.js';

/** A search_runs request in Benchtop's run query language (shared/query/GRAMMAR.md). */
export interface RunSearch {
  filter: string;
  /** A field, `-` first for descending; absent when MLflow's request had no order_by. */
  sort?: string;
}

type EntityType = 'metric' | 'parameter' | 'tag' | 'attribute' | 'dataset';
// prettier-ignore
const ENTITY_TYPES: Record<string, EntityType> = {
  metric: 'metric', metrics: 'metric',
  parameter: 'parameter', parameters: 'parameter', param: 'parameter', params: 'parameter',
  tag: 'tag', tags: 'tag',
  attribute: 'attribute', attributes: 'attribute', attr: 'attribute', run: 'attribute',
  dataset: 'dataset', datasets: 'dataset',
};
// prettier-ignore
const ALIASES: Record<string, string> = {
  created: 'start_time', Created: 'start_time',
  'run name': 'run_name', 'Run name': 'run_name', 'Run Name': 'run_name',
};
const NUMERIC_ATTRIBUTES = new Set(['start_time', 'end_time']);
// prettier-ignore
const ATTRIBUTES = ['artifact_uri', 'end_time', 'run_id', 'run_name', 'start_time', 'status', 'user_id'];
const SEARCH_KEYS = [...ATTRIBUTES, ...Object.keys(ALIASES)];
const ORDER_KEYS = [...ATTRIBUTES, 'created', 'Created'];
const NUMERIC_OPS = ['=', '!=', '<', '<=', '>', '>='];
const TEXT_OPS = ['=', '!=', 'LIKE', 'ILIKE'];
const ATTRIBUTE_OPS = [...TEXT_OPS, 'IN', 'NOT IN'];

/** MLflow's run statuses as Benchtop's; a killed run is cancelled, or interrupted by a crash. */
// prettier-ignore
const STATUSES: Record<string, string[]> = {
  RUNNING: ['running'], SCHEDULED: ['queued'], FINISHED: ['finished'], FAILED: ['failed'],
  KILLED: ['cancelled', 'interrupted'],
};
/** Run attributes as the run fields Benchtop sorts by (user_id is a tag, artifact_uri nothing). */
const ORDER_FIELDS: Record<string, RunField | undefined> = {
  start_time: 'started_at',
  end_time: 'ended_at',
  run_name: 'name',
  status: 'status',
  run_id: 'uid',
};
/** The instants ISO 8601 writes with a four-digit year: only those compare right as text. */
const MIN_TIME = -62167219200000;
const MAX_TIME = 253402300799999;

/**
 * Translates a search_runs filter and order_by into a Benchtop run query. Only the first
 * order_by is kept (Benchtop sorts by one field; the rest are checked, then dropped).
 * Throws MlflowSearchError for anything MLflow would refuse, or Benchtop cannot express.
 */
export function translateRunSearch(filter: string, orderBy: readonly string[] = []): RunSearch {
  const clauses = parseFilter(filter).map(translateClause);
  const text = clauses.length === 0 ? '' : emit(all(clauses));
  try {
    parseQuery(text);
  } catch (e) {
    if (!(e instanceof QueryError)) throw e;
    throw new MlflowSearchError(`Filter string is too long or has too many clauses: ${e.reason}`);
  }
  const sorts = orderBy.map(translateOrderBy);
  return sorts.length === 0 ? { filter: text } : { filter: text, sort: sorts[0]! };
}

/** A null param (only Benchtop's own runs have them) shows as Python shows None. */
const NULL_TEXT = 'None';

/**
 * The text MLflow shows for a param: Benchtop keeps a param logged as a canonical number
 * ("0.01") as a JSON number, every other text as a JSON string. Searches compare this text.
 */
export function mlflowParamText(value: string | number | boolean | null): string {
  return value === null ? NULL_TEXT : String(value);
}

function entityType(entity: string | null): EntityType {
  if (entity === null) return 'attribute';
  const type = ENTITY_TYPES[entity];
  if (!type) {
    throw new MlflowSearchError(
      `Invalid entity type '${entity}'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']`,
    );
  }
  return type;
}

function checkOp(op: string, valid: string[]): void {
  if (!valid.includes(op))
    throw new MlflowSearchError(`Invalid comparator '${op}' not one of '${valid.join(', ')}'`);
}

/** The quoted text of a clause, refusing what MLflow refuses (`what` names the entity). */
function text(clause: FilterClause, what: string): string {
  const v = clause.value;
  if (v.kind === 'string') return v.text;
  if (v.kind === 'word') {
    throw new MlflowSearchError(
      `Parameter value is either not quoted or unidentified quote types used for string value ${v.raw}. Use either single or double quotes.`,
    );
  }
  if (what === 'attributes' && v.kind === 'list') {
    throw new MlflowSearchError(
      "Only the 'run_id' attribute supports comparison with a list of quoted string values.",
    );
  }
  const example = what === 'attributes' ? '' : " (e.g. 'my-value')";
  throw new MlflowSearchError(
    `Expected a quoted string value for ${what}${example}. Got value ${v.raw}`,
  );
}

function number(clause: FilterClause, what: string): number {
  if (clause.value.kind === 'number') return clause.value.value;
  throw new MlflowSearchError(`Expected numeric value type for ${what}. Found ${clause.value.raw}`);
}

function translateClause(clause: FilterClause): Expr {
  const type = entityType(clause.entity);
  const op = clause.comparator;
  switch (type) {
    case 'metric': {
      const value = number(clause, 'metric');
      checkOp(op, NUMERIC_OPS);
      return cmp({ kind: 'metrics', key: clause.key }, op as CompareOp, value);
    }
    case 'parameter': {
      const value = text(clause, 'parameter');
      checkOp(op, TEXT_OPS);
      return paramExpr({ kind: 'params', key: clause.key }, op, value);
    }
    case 'tag': {
      const value = text(clause, 'tag');
      checkOp(op, TEXT_OPS);
      const field: Field = { kind: 'tags', key: clause.key };
      return op === 'LIKE' || op === 'ILIKE'
        ? cmp(field, '~', like(value, op))
        : cmp(field, op as CompareOp, value);
    }
    case 'dataset':
      return datasetExpr(clause);
    case 'attribute':
      return attributeExpr(clause);
  }
}

function attributeExpr(clause: FilterClause): Expr {
  if (!SEARCH_KEYS.includes(clause.key)) {
    throw new MlflowSearchError(
      `Invalid attribute key '${clause.key}' specified. Valid keys are '${SEARCH_KEYS.join(', ')}'`,
    );
  }
  const key = ALIASES[clause.key] ?? clause.key;
  const op = clause.comparator;
  if (NUMERIC_ATTRIBUTES.has(key)) {
    const ms = number(clause, `numeric attribute: ${key}`);
    checkOp(op, NUMERIC_OPS);
    return timeExpr(
      runField(key === 'start_time' ? 'started_at' : 'ended_at'),
      op as CompareOp,
      ms,
    );
  }
  if (key === 'run_id' && clause.value.kind === 'list') {
    checkOp(op, ATTRIBUTE_OPS);
    // MLflow drops listed ids that are not lower case (its ids are lower-case hex).
    const uids = clause.value.items.filter((id) => /[a-f]/.test(id) && HEX_ID.test(id)).map(toUid);
    if (uids.length === 0) return op === 'IN' ? FALSE : TRUE;
    return op === 'IN' ? oneOf(runField('uid'), uids) : not(oneOf(runField('uid'), uids));
  }
  const value = text(clause, 'attributes');
  checkOp(op, ATTRIBUTE_OPS);
  const matches = (s: string): boolean =>
    op === '='
      ? s === value
      : op === '!='
        ? s !== value
        : isLike(s, value, { ignoreCase: op === 'ILIKE' });
  switch (key) {
    case 'run_name':
      return op === 'LIKE' || op === 'ILIKE'
        ? cmp(runField('name'), '~', like(value, op))
        : cmp(runField('name'), op as CompareOp, value);
    case 'status': {
      const statuses = Object.keys(STATUSES)
        .filter(matches)
        .flatMap((s) => STATUSES[s]!);
      return statuses.length ? oneOf(runField('status'), statuses) : FALSE;
    }
    case 'user_id':
      return userExpr(op, value, matches(''));
    case 'run_id':
      if (op === 'LIKE' || op === 'ILIKE') return cmp(runField('uid'), '~', like(value, op, true));
      if (!HEX_ID.test(value)) return op === '=' ? FALSE : TRUE;
      return cmp(runField('uid'), op as CompareOp, toUid(value));
    default:
      throw new MlflowSearchError(`Benchtop does not search runs by attributes.${key}`);
  }
}

/**
 * A run's dataset inputs are tags named after each dataset (shared/mlflow/datasetInputs.ts), so
 * a dataset's name is searchable by `=` and `IN`; its digest and context are not.
 */
function datasetExpr(clause: FilterClause): Expr {
  const op = clause.comparator;
  const unsupported = new MlflowSearchError(
    `Benchtop searches dataset inputs only by name with = or IN, not '${clause.entity}.${clause.key} ${op}'`,
  );
  if (clause.key !== 'name') throw unsupported;
  if (op === '=') return has({ kind: 'tags', key: inputTagKey(text(clause, 'dataset')) });
  if (op === 'IN' && clause.value.kind === 'list')
    return any(clause.value.items.map((name) => has({ kind: 'tags', key: inputTagKey(name) })));
  throw unsupported;
}

/** MLflow's run id is Benchtop's uid without its dashes. */
const HEX_ID = /^[0-9a-f]{32}$/;
const toUid = (id: string): string =>
  `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;

/**
 * A param compares as MLflow's text (mlflowParamText): `'0.01'` matches the JSON number 0.01
 * and the JSON string "0.01" alike, `'true'` Benchtop's own boolean params, `'None'` a null one.
 */
function paramExpr(field: Field, op: string, value: string): Expr {
  // `~` reads a JSON null as no text at all, and a boolean as 1 or 0.
  const isText = cmp(field, '~', '^');
  const isNull = all([has(field), not(isText)]);
  if (op === 'LIKE' || op === 'ILIKE') {
    const test = (s: string) => isLike(s, value, { ignoreCase: op === 'ILIKE' });
    let m = cmp(field, '~', like(value, op));
    if (test('1') || test('0')) m = all([m, not(oneOf(field, [true, false]))]);
    const booleans = [true, false].filter((b) => test(String(b)));
    const others = [
      ...(booleans.length ? [oneOf(field, booleans)] : []),
      ...(test(NULL_TEXT) ? [isNull] : []),
    ];
    return any([m, ...others]);
  }
  const alternatives: Value[] = [value];
  const n = Number(value);
  if (Number.isFinite(n) && String(n) === value) alternatives.push(n);
  if (value === 'true' || value === 'false') alternatives.push(value === 'true');
  if (op === '=')
    return value === NULL_TEXT
      ? any([oneOf(field, alternatives), isNull])
      : oneOf(field, alternatives);
  const differs = all(alternatives.map((v) => cmp(field, '!=', v)));
  return value === NULL_TEXT ? all([differs, isText]) : differs;
}

/** user_id lives in the `mlflow.user` tag; a run without one has the user '' (as MLflow shows it). */
function userExpr(op: string, value: string, matchesEmpty: boolean): Expr {
  const field: Field = { kind: 'tags', key: 'mlflow.user' };
  const missing = not(has(field));
  if (op === '=')
    return value === '' ? any([missing, cmp(field, '=', '')]) : cmp(field, '=', value);
  if (op === '!=') return value === '' ? cmp(field, '!=', '') : not(cmp(field, '=', value));
  const m = cmp(field, '~', like(value, op));
  return matchesEmpty ? any([missing, m]) : m;
}

/** Epoch milliseconds against ISO 8601 text, as Benchtop stores times (always with milliseconds). */
function timeExpr(field: Field, op: CompareOp, ms: number): Expr {
  let t = ms;
  if (!Number.isInteger(t)) {
    // Stored times are whole milliseconds: `> 1.5` is `> 1`, `>= 1.5` is `>= 2`.
    if (op === '=') return FALSE;
    if (op === '!=') return has(field);
    t = op === '>' || op === '<=' ? Math.floor(t) : Math.ceil(t);
  }
  if (t > MAX_TIME) return op === '<' || op === '<=' || op === '!=' ? has(field) : FALSE;
  if (t < MIN_TIME) return op === '>' || op === '>=' || op === '!=' ? has(field) : FALSE;
  return cmp(field, op, new Date(t).toISOString());
}

function translateOrderBy(clause: string): string {
  const { entity, key, ascending } = parseOrderBy(clause);
  const type = entityType(entity);
  const field = ((): Field => {
    if (type === 'metric') return { kind: 'metrics', key };
    if (type === 'parameter') return { kind: 'params', key };
    if (type === 'tag') return { kind: 'tags', key };
    if (type === 'dataset') throw new MlflowSearchError(`Invalid order_by entity type '${type}'`);
    if (!ORDER_KEYS.includes(key)) {
      throw new MlflowSearchError(
        `Invalid attribute key '${key}' specified. Valid keys are '${ORDER_KEYS.join(', ')}'`,
      );
    }
    const name = ALIASES[key] ?? key;
    if (name === 'user_id') return { kind: 'tags', key: 'mlflow.user' };
    const run = ORDER_FIELDS[name];
    if (!run) throw new MlflowSearchError(`Benchtop does not order runs by attributes.${name}`);
    return runField(run);
  })();
  return `${ascending ? '' : '-'}${fieldText(field)}`;
}

const like = (pattern: string, op: string, dashless = false): string =>
  likeToRegex(pattern, { ignoreCase: op === 'ILIKE', dashless });
