import { likeToRegex } from './likePattern.js';
import { MlflowSearchError, parseFilter, parseOrderBy, type FilterClause } from './searchSyntax.js';

/**
 * search_experiments, search_registered_models and search_model_versions: filters and order_by
 * read as MLflow reads them, then applied to plain objects in memory (these lists are short).
 */
export type EntityKind = 'experiment' | 'registered_model' | 'model_version';

/** What the searches look at. Times are epoch milliseconds; absent values never match. */
export interface SearchableEntity {
  name: string;
  tags: Readonly<Record<string, string>>;
  creation_time?: number;
  last_update_time?: number;
  /** Experiments. */
  experiment_id?: string;
  /** Model versions: `version_number`, `run_id` and `source_path` (the version's source). */
  version?: number | string;
  run_id?: string;
  source?: string;
}
type EntityField = Exclude<keyof SearchableEntity, 'tags'>;

export interface EntityClause {
  type: 'attribute' | 'tag';
  /** A tag's key, or the entity field an attribute reads. */
  key: string;
  comparator: string;
  value: string | number | string[];
  /** LIKE and ILIKE, compiled once. */
  regex?: RegExp;
}
export interface EntityFilter {
  kind: EntityKind;
  clauses: EntityClause[];
}

interface Rules {
  /** MLflow's attribute names for filters, each with the field it reads and whether it is a number. */
  search: Record<string, { field: EntityField; numeric: boolean }>;
  order: Record<string, EntityField>;
  stringOps: string[];
  /** Registry entities without the `mlflow.prompt.is_prompt` tag count as not prompts. */
  promptTag: boolean;
  defaultOrder: string[];
  tieBreak: [EntityField, boolean][];
}

const NUMERIC_OPS = ['=', '!=', '<', '<=', '>', '>='];
const TAG_OPS = ['=', '!=', 'LIKE', 'ILIKE'];
const PROMPT_TAG = 'mlflow.prompt.is_prompt';
const text = (field: EntityField) => ({ field, numeric: false });
const numeric = (field: EntityField) => ({ field, numeric: true });

const RULES: Record<EntityKind, Rules> = {
  experiment: {
    search: {
      name: text('name'),
      creation_time: numeric('creation_time'),
      last_update_time: numeric('last_update_time'),
    },
    order: {
      name: 'name',
      experiment_id: 'experiment_id',
      creation_time: 'creation_time',
      last_update_time: 'last_update_time',
    },
    stringOps: [...TAG_OPS, 'IN', 'NOT IN'],
    promptTag: false,
    defaultOrder: ['creation_time DESC', 'experiment_id ASC'],
    tieBreak: [['experiment_id', false]],
  },
  registered_model: {
    search: { name: text('name') },
    order: {
      name: 'name',
      creation_timestamp: 'creation_time',
      last_updated_timestamp: 'last_update_time',
    },
    stringOps: [...TAG_OPS, 'IN', 'NOT IN'],
    promptTag: true,
    defaultOrder: [],
    tieBreak: [['name', true]],
  },
  model_version: {
    search: {
      name: text('name'),
      version_number: numeric('version'),
      run_id: text('run_id'),
      source_path: text('source'),
    },
    order: {
      name: 'name',
      version_number: 'version',
      creation_timestamp: 'creation_time',
      last_updated_timestamp: 'last_update_time',
    },
    stringOps: [...TAG_OPS, 'IN'],
    promptTag: true,
    defaultOrder: [],
    tieBreak: [
      ['name', true],
      ['version', false],
    ],
  },
};
/** Fields whose text is a number (`"7"`), compared as numbers when sorting. */
const NUMBER_FIELDS = new Set<EntityField>([
  'experiment_id',
  'version',
  'creation_time',
  'last_update_time',
]);

/** `attributes` is not MLflow's (it says `attribute`), but harmless to accept. */
function entityType(entity: string | null): 'attribute' | 'tag' {
  if (entity === null || entity === 'attribute' || entity === 'attributes') return 'attribute';
  if (entity === 'tag' || entity === 'tags') return 'tag';
  throw new MlflowSearchError(
    `Invalid entity type '${entity}'. Valid entity types are ('attribute', 'tag', 'tags')`,
  );
}

function checkOp(op: string, valid: string[]): void {
  if (!valid.includes(op))
    throw new MlflowSearchError(`Invalid comparator '${op}' not one of '${valid.join(', ')}'`);
}

function quoted(clause: FilterClause, what: string): string {
  const v = clause.value;
  if (v.kind === 'string') return v.text;
  if (v.kind === 'word') {
    throw new MlflowSearchError(
      `Parameter value is either not quoted or unidentified quote types used for string value ${v.raw}. Use either single or double quotes.`,
    );
  }
  if (v.kind === 'list') {
    throw new MlflowSearchError(
      "Only the 'run_id' attribute supports comparison with a list of quoted string values.",
    );
  }
  throw new MlflowSearchError(`Expected a quoted string value for ${what}. Got value ${v.raw}`);
}

/** Parses a filter for one kind of entity; an empty filter matches every entity. */
export function parseEntityFilter(filter: string, kind: EntityKind = 'experiment'): EntityFilter {
  const rules = RULES[kind];
  return { kind, clauses: parseFilter(filter).map((c) => toEntityClause(c, rules)) };
}

function toEntityClause(c: FilterClause, rules: Rules): EntityClause {
  const type = entityType(c.entity);
  const op = c.comparator;
  const clause = (value: string): EntityClause => ({
    type,
    key: type === 'tag' ? c.key : rules.search[c.key]!.field,
    comparator: op,
    value,
    ...(op === 'LIKE' || op === 'ILIKE'
      ? { regex: new RegExp(likeToRegex(value, { ignoreCase: op === 'ILIKE' })) }
      : {}),
  });
  if (type === 'tag') {
    const value = quoted(c, "tag (e.g. 'my-value')");
    checkOp(op, TAG_OPS);
    return clause(value);
  }
  const attribute = Object.hasOwn(rules.search, c.key) ? rules.search[c.key]! : undefined;
  if (!attribute) {
    throw new MlflowSearchError(
      `Invalid attribute key '${c.key}' specified. Valid keys are '${Object.keys(rules.search).join(', ')}'`,
    );
  }
  if (attribute.numeric) {
    const v = c.value;
    let value: number;
    if (v.kind === 'number') value = v.value;
    else if (
      attribute.field === 'version' &&
      v.kind === 'string' &&
      /^\s*[-+]?\d+\s*$/.test(v.text)
    )
      value = Number(v.text);
    else
      throw new MlflowSearchError(
        `Expected numeric value type for numeric attribute: ${c.key}. Found ${v.raw}`,
      );
    checkOp(op, NUMERIC_OPS);
    // MLflow takes int() of a version number: 1.5 is version 1.
    return {
      type,
      key: attribute.field,
      comparator: op,
      value: attribute.field === 'version' ? Math.trunc(value) : value,
    };
  }
  if (c.key === 'run_id' && c.value.kind === 'list') {
    checkOp(op, rules.stringOps);
    // As MLflow does: ids with upper-case letters never match (its ids are lower-case hex).
    const ids = c.value.items.filter((id) => id === id.toLowerCase() && id !== id.toUpperCase());
    return { type, key: attribute.field, comparator: op, value: ids };
  }
  const value = quoted(c, 'attributes');
  checkOp(op, rules.stringOps);
  return clause(value);
}

/** Whether an entity satisfies every clause of a parsed filter. */
export function matchesEntity(filter: EntityFilter, entity: SearchableEntity): boolean {
  const rules = RULES[filter.kind];
  return filter.clauses.every((c) => {
    if (c.type === 'tag') {
      const lhs = Object.hasOwn(entity.tags, c.key) ? entity.tags[c.key] : undefined;
      if (lhs === undefined) {
        // The registry's own clients filter prompts out with `!= 'true'`: a model without the tag is no prompt.
        if (rules.promptTag && c.key === PROMPT_TAG) {
          return (
            (c.comparator === '=' && c.value === 'false') ||
            (c.comparator === '!=' && c.value === 'true')
          );
        }
        return false;
      }
      return compare(lhs, c);
    }
    const raw = entity[c.key as EntityField];
    if (raw === undefined || raw === null) return false;
    return compare(typeof c.value === 'number' ? Number(raw) : String(raw), c);
  });
}

function compare(lhs: string | number, c: EntityClause): boolean {
  const v = c.value;
  switch (c.comparator) {
    case '=':
      return lhs === v;
    case '!=':
      return lhs !== v;
    case '<':
      return Number(lhs) < (v as number);
    case '<=':
      return Number(lhs) <= (v as number);
    case '>':
      return Number(lhs) > (v as number);
    case '>=':
      return Number(lhs) >= (v as number);
    case 'IN':
      return (v as string[]).includes(String(lhs));
    case 'NOT IN':
      return !(v as string[]).includes(String(lhs));
    default:
      return c.regex!.test(String(lhs));
  }
}

/**
 * Sorts as MLflow does for the kind: by each order_by (`name DESC`, `creation_time`), then its
 * tie-breakers; values an entity lacks go last. Throws MlflowSearchError for a bad order_by.
 */
export function sortEntities<T extends SearchableEntity>(
  entities: readonly T[],
  orderBy: readonly string[] = [],
  kind: EntityKind = 'experiment',
): T[] {
  const rules = RULES[kind];
  const keys = (orderBy.length ? orderBy : rules.defaultOrder).map((clause) => {
    const { entity, key, ascending } = parseOrderBy(clause);
    const type = entityType(entity);
    if (type !== 'attribute') throw new MlflowSearchError(`Invalid order_by entity: ${type}`);
    const field = Object.hasOwn(rules.order, key) ? rules.order[key] : undefined;
    if (!field) {
      throw new MlflowSearchError(
        `Invalid attribute key '${key}' specified. Valid keys are '${Object.keys(rules.order).join(', ')}'`,
      );
    }
    return { field, ascending };
  });
  for (const [field, ascending] of rules.tieBreak) {
    if (!keys.some((k) => k.field === field)) keys.push({ field, ascending });
  }
  return [...entities].sort((a, b) => {
    for (const { field, ascending } of keys) {
      const d = compareValues(a[field], b[field], NUMBER_FIELDS.has(field));
      if (d !== 0) return d === Infinity || d === -Infinity ? Math.sign(d) : ascending ? d : -d;
    }
    return 0;
  });
}

/** Ascending order of two values; ±Infinity when one is missing (it goes last in either direction). */
function compareValues(x: unknown, y: unknown, numeric: boolean): number {
  const missing = (v: unknown) =>
    v === undefined || v === null || (numeric && Number.isNaN(Number(v)));
  if (missing(x) || missing(y))
    return missing(x) === missing(y) ? 0 : missing(x) ? Infinity : -Infinity;
  if (numeric) return Math.sign(Number(x) - Number(y));
  const [s, t] = [String(x), String(y)];
  return s < t ? -1 : s > t ? 1 : 0;
}
