import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mlflowParamText, translateRunSearch } from '../../../shared/mlflow/searchFilter.js';
import { parseFilter, type FilterClause } from '../../../shared/mlflow/searchSyntax.js';
import type { ParamValue } from '../../../shared/domain.js';
import { openDatabase, type Db } from '../store/db.js';
import { createRunQueryRepo, type RunQueryRepo } from '../store/runQueryRepo.js';
import { queryRunIds } from './runQuery.js';

/**
 * MLflow search filters, translated and run by Benchtop's query engine in SQLite, against what
 * MLflow itself would answer (a reference written from MLflow's SearchUtils, with SQL LIKE).
 */

/** A param as MLflow logs it: Benchtop keeps a canonical number's text as a JSON number. */
const logged = (s: string): ParamValue => {
  const n = Number(s);
  return Number.isFinite(n) && String(n) === s ? n : s;
};

interface SeedRun {
  id: number;
  name: string;
  status: 'queued' | 'running' | 'finished' | 'failed' | 'cancelled' | 'interrupted';
  start: number | null;
  end: number | null;
  params: Record<string, ParamValue>;
  tags: Record<string, string>;
  metrics: Record<string, number>;
}

const T = 1_700_000_000_000;
// prettier-ignore
const RUNS: SeedRun[] = [
  { id: 1, name: 's1', status: 'finished', start: T, end: T + 5000,
    params: { lr: logged('0.01'), opt: logged('adam'), layers: logged('3'), note: logged("it's") },
    tags: { team: 'a', 'mlflow.user': 'ada' }, metrics: { acc: 0.5, loss: 1 } },
  { id: 2, name: 's2', status: 'failed', start: T + 1000, end: T + 2000,
    params: { lr: logged('0.1'), opt: logged('Adam'), layers: logged('03'), batch: logged('1e-7'), big: logged('100000000000000000000') },
    tags: { team: 'b1' }, metrics: { acc: 0.55 } },
  { id: 3, name: 'sweep_3', status: 'cancelled', start: T + 2000, end: T + 2500,
    params: { lr: logged('1e-7'), opt: logged('sgd'), layers: logged('10') },
    tags: { team: 'B2', 'mlflow.user': '' }, metrics: { acc: 0.9, 'val loss': 0.3 } },
  { id: 4, name: 'sweep%4', status: 'interrupted', start: T + 3000, end: null,
    params: { lr: logged('0.010'), opt: logged('a.m'), flag: true, 'odd key': logged('x') },
    tags: { 'mlflow.user': 'bob', 'team.sub': 'x' }, metrics: { acc: 1, loss: -1 } },
  { id: 5, name: 'Ünïcode 😀', status: 'running', start: T + 4000, end: null,
    params: { lr: 0.001, shuffle: false, seed: null, layers: logged('1') },
    tags: { team: 'a%' }, metrics: { loss: 0.25 } },
  { id: 6, name: 'queued', status: 'queued', start: null, end: null, params: {}, tags: {}, metrics: {} },
  { id: 7, name: 'multi\nline', status: 'finished', start: T - 1, end: T + 1,
    params: { lr: logged('true'), opt: logged(''), layers: logged('0') },
    tags: { team: '' }, metrics: { acc: 1e308 } },
];

/** A UUID with letters in it, fixed per run (MLflow drops listed ids with no letter). */
const hexId = (id: number): string => {
  let x = id * 9973;
  return Array.from({ length: 32 }, () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return '0123456789abcdef'[(x >>> 16) & 15];
  }).join('');
};
const uid = (id: number): string => {
  const h = hexId(id);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function seed(db: Db): void {
  db.exec(`INSERT INTO experiments (id, name, created_at) VALUES (1, 'Default', 'x');
    INSERT INTO datasets (id, name, version, hash, file_name, bytes, rows, columns, storage_path, created_at)
      VALUES (1, 'iris', 1, 'h', 'iris.csv', 1, 1, '[]', 'p', 'x');`);
  const run =
    db.prepare(`INSERT INTO runs (id, uid, experiment_id, dataset_id, name, status, model, target,
    created_at, started_at, ended_at) VALUES (?, ?, 1, 1, ?, ?, 'logistic', 't', 'x', ?, ?)`);
  const param = db.prepare('INSERT INTO params (run_id, key, value) VALUES (?, ?, ?)');
  const tag = db.prepare('INSERT INTO tags (run_id, key, value) VALUES (?, ?, ?)');
  const key = db.prepare('INSERT OR IGNORE INTO metric_keys (name) VALUES (?)');
  const metric = db.prepare(`INSERT INTO latest_metrics (run_id, key_id, step, value)
    VALUES (?, (SELECT id FROM metric_keys WHERE name = ?), 0, ?)`);
  for (const r of RUNS) {
    run.run(r.id, uid(r.id), r.name, r.status, iso(r.start), iso(r.end));
    for (const [k, v] of Object.entries(r.params)) param.run(r.id, k, JSON.stringify(v));
    for (const [k, v] of Object.entries(r.tags)) tag.run(r.id, k, v);
    for (const [k, v] of Object.entries(r.metrics)) {
      key.run(k);
      metric.run(r.id, k, v);
    }
  }
}

// ---- the reference: MLflow's semantics, written independently of the translation ----

/** SQL LIKE (`%`, `_`, no escape) by dynamic programming over code points; ILIKE folds ASCII. */
function sqlLike(text: string, pattern: string, ignoreCase: boolean): boolean {
  const fold = (s: string) => (ignoreCase ? s.replace(/[A-Z]/g, (c) => c.toLowerCase()) : s);
  const t = Array.from(fold(text));
  const p = Array.from(fold(pattern));
  let row = t.map(() => false);
  row.unshift(true);
  for (const pc of p) {
    const next = [pc === '%' && row[0]!];
    for (let j = 1; j <= t.length; j++) {
      next[j] =
        pc === '%' ? row[j]! || next[j - 1]! : row[j - 1]! && (pc === '_' || pc === t[j - 1]);
    }
    row = next;
  }
  return row[t.length]!;
}

// prettier-ignore
const MLFLOW_STATUS: Record<SeedRun['status'], string> = {
  queued: 'SCHEDULED', running: 'RUNNING', finished: 'FINISHED', failed: 'FAILED',
  cancelled: 'KILLED', interrupted: 'KILLED',
};

function compare(lhs: string | number | null | undefined, op: string, value: unknown): boolean {
  if (lhs === null || lhs === undefined) return false;
  // Numbers compare with numbers and text with text (MLflow checks the types before this).
  const [l, v] = [lhs as number, value as number];
  // prettier-ignore
  switch (op) {
    case '=': return l === v;
    case '!=': return l !== v;
    case '<': return l < v;
    case '<=': return l <= v;
    case '>': return l > v;
    case '>=': return l >= v;
    case 'LIKE': return sqlLike(String(lhs), String(value), false);
    case 'ILIKE': return sqlLike(String(lhs), String(value), true);
    default: throw new Error(`no comparator ${op}`);
  }
}

function mlflowMatches(r: SeedRun, c: FilterClause): boolean {
  const v = c.value;
  const value =
    v.kind === 'string'
      ? v.text
      : v.kind === 'number'
        ? v.value
        : v.kind === 'list'
          ? v.items
          : v.raw;
  const entity = (c.entity ?? 'attributes').replace(/s$/, '');
  const key =
    ({ created: 'start_time', 'Run Name': 'run_name' } as Record<string, string>)[c.key] ?? c.key;
  if (entity === 'metric') return compare(r.metrics[c.key], c.comparator, value);
  if (entity === 'param') {
    const p = Object.hasOwn(r.params, c.key) ? mlflowParamText(r.params[c.key]!) : undefined;
    return compare(p, c.comparator, value);
  }
  if (entity === 'tag') return compare(r.tags[c.key], c.comparator, value);
  // prettier-ignore
  const info: Record<string, string | number | null> = {
    run_id: hexId(r.id), run_name: r.name, status: MLFLOW_STATUS[r.status],
    user_id: r.tags['mlflow.user'] ?? '', start_time: r.start, end_time: r.end,
  };
  if (c.comparator === 'IN' || c.comparator === 'NOT IN') {
    const ids = (value as string[]).filter(
      (id) => id === id.toLowerCase() && id !== id.toUpperCase(),
    );
    return ids.includes(info.run_id as string) === (c.comparator === 'IN');
  }
  return compare(info[key], c.comparator, value);
}

const expected = (filter: string): number[] =>
  RUNS.filter((r) => parseFilter(filter).every((c) => mlflowMatches(r, c))).map((r) => r.id);

describe('MLflow search filters run by Benchtop in SQLite', () => {
  let db: Db;
  let runQueries: RunQueryRepo;
  beforeAll(() => {
    db = openDatabase(':memory:');
    runQueries = createRunQueryRepo(db);
    seed(db);
  });
  afterAll(() => db.close());
  const ids = (filter: string, orderBy: string[] = []): number[] => {
    const q = translateRunSearch(filter, orderBy);
    return queryRunIds(runQueries, { filter: q.filter, ...(q.sort ? { sort: q.sort } : {}) });
  };
  const idSet = (filter: string) => ids(filter).sort((a, b) => a - b);

  it.each([
    ['', [1, 2, 3, 4, 5, 6, 7]],
    ['metrics.acc > 0.5', [2, 3, 4, 7]],
    ['metrics.acc <= 0.55', [1, 2]],
    ["params.lr = '0.01'", [1]],
    ["params.lr != '0.01'", [2, 3, 4, 5, 7]],
    ["params.lr = '0.010'", [4]],
    ["params.lr = '1e-7'", [3]],
    ["params.lr = '0.001'", [5]],
    ["params.batch = '1e-7'", [2]],
    ["params.big = '100000000000000000000'", [2]],
    ["params.big LIKE '1%0'", [2]],
    ["params.batch LIKE '1e-_'", [2]],
    ["params.layers = '03'", [2]],
    ["params.layers = '3'", [1]],
    ["params.lr = 'true'", [7]],
    ["params.flag = 'true'", [4]],
    ["params.shuffle != 'true'", [5]],
    ["params.seed = 'None'", [5]],
    ["params.seed = ''", []],
    ["params.seed ILIKE 'n%'", [5]],
    ["params.opt = ''", [7]],
    ["params.seed != 'None'", []],
    ["params.seed != ''", [5]],
    ["params.seed LIKE '%'", [5]],
    ["params.note = 'it''s'", []],
    ['params.note = "it\'s"', [1]],
    ["tags.team = 'a'", [1]],
    ["tags.team LIKE 'b%'", [2]],
    ["tags.team ILIKE 'b%'", [2, 3]],
    ["tags.team LIKE 'a_'", [5]],
    ["tags.`team.sub` = 'x'", [4]],
    ["tags.team.sub = 'x'", [4]],
    ["params.`odd key` = 'x'", [4]],
    ['metrics.`val loss` < 1', [3]],
    ["attributes.status = 'FINISHED'", [1, 7]],
    ["attributes.status = 'KILLED'", [3, 4]],
    ["attributes.status != 'KILLED'", [1, 2, 5, 6, 7]],
    ["attributes.status LIKE '%ED'", [1, 2, 3, 4, 6, 7]],
    ["attributes.status = 'finished'", []],
    ["attributes.run_name = 's2'", [2]],
    ["attributes.run_name LIKE 'sweep_%'", [3, 4]],
    ["attributes.run_name LIKE 'sweep\\%4'", []],
    ["attributes.run_name LIKE '%😀'", [5]],
    ["attributes.run_name LIKE 'Ünïcode _'", [5]],
    ["attributes.run_name ILIKE 'üNÏCODE%'", []],
    ["attributes.run_name ILIKE 'ÜnÏcode%'", []],
    ["attributes.run_name ILIKE 'ünïCODE%'", []],
    ["attributes.run_name ILIKE 'Ünïcode%'", [5]],
    ["attributes.run_name LIKE 'multi%'", [7]],
    ["attributes.user_id = 'ada'", [1]],
    ["attributes.user_id = ''", [2, 3, 5, 6, 7]],
    ["attributes.user_id != 'ada'", [2, 3, 4, 5, 6, 7]],
    ['attributes.start_time > 1700000000000', [2, 3, 4, 5]],
    ['attributes.start_time >= 1700000000000', [1, 2, 3, 4, 5]],
    ['attributes.start_time < 1700000000000.5', [1, 7]],
    ['attributes.start_time = 1700000000000', [1]],
    ['attributes.end_time != 1700000002000', [1, 3, 7]],
    ['attributes.end_time < 1e20', [1, 2, 3, 7]],
    ['attributes.created > 0', [1, 2, 3, 4, 5, 7]],
    ["metrics.acc > 0.5 and params.opt ILIKE 'a%'", [2, 4]],
    ["metrics.acc > 0.5 AND tags.team LIKE 'b%' and attributes.status = 'FAILED'", [2]],
    ['metrics.acc < 1e309', [1, 2, 3, 4, 7]],
  ])('%s', (filter, want) => {
    expect(idSet(filter)).toEqual(want);
    expect(idSet(filter)).toEqual(expected(filter));
  });

  it('finds runs by MLflow run id (the uid without dashes)', () => {
    expect(idSet(`attributes.run_id = '${hexId(3)}'`)).toEqual([3]);
    expect(idSet(`attributes.run_id != '${hexId(3)}'`)).toEqual([1, 2, 4, 5, 6, 7]);
    expect(idSet(`attributes.run_id = '${uid(3)}'`)).toEqual([]);
    expect(idSet(`attributes.run_id IN ('${hexId(1)}', '${hexId(5)}', 'nope')`)).toEqual([1, 5]);
    expect(idSet(`attributes.run_id NOT IN ('${hexId(1)}', '${hexId(5).toUpperCase()}')`)).toEqual([
      2, 3, 4, 5, 6, 7,
    ]);
    expect(idSet(`attributes.run_id IN ('${hexId(5).toUpperCase()}')`)).toEqual([]);
    expect(idSet(`run_id LIKE '${hexId(2).slice(0, 12)}%'`)).toEqual([2]);
    expect(idSet(`run_id LIKE '%${hexId(2).slice(6, 14)}%'`)).toEqual([2]);
    expect(idSet(`run_id ILIKE '${hexId(2).slice(0, 12).toUpperCase()}%'`)).toEqual([2]);
    expect(idSet(`run_id LIKE '${uid(2).slice(0, 12)}%'`)).toEqual([]);
    expect(idSet(`run_id LIKE '${'_'.repeat(32)}'`)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(idSet(`run_id LIKE '${'_'.repeat(31)}'`)).toEqual([]);
  });

  it('orders by the first order_by, missing values last', () => {
    expect(ids('', ['metrics.acc DESC'])).toEqual([7, 4, 3, 2, 1, 6, 5]);
    expect(ids('', ['metrics.acc'])).toEqual([1, 2, 3, 4, 7, 6, 5]);
    expect(ids('metrics.acc > 0', ['attributes.start_time ASC', 'metrics.acc DESC'])).toEqual([
      7, 1, 2, 3, 4,
    ]);
    expect(ids('', ['start_time DESC'])).toEqual([5, 4, 3, 2, 1, 7, 6]);
    expect(ids('attributes.status = "KILLED"', ['run_name desc'])).toEqual([3, 4]);
    expect(ids('', ['tags.`mlflow.user`'])).toEqual([3, 1, 4, 7, 6, 5, 2]);
    expect(ids('', ['metrics.`val loss` DESC'])[0]).toBe(3);
  });

  it('answers as MLflow would for random filters over these runs', () => {
    const q = (s: string) => `'${s}'`;
    // prettier-ignore
    const textValues = ['0.01', '0.1', '1e-7', '0.010', '0.001', 'adam', 'Adam', 'a.m', 'true', 'false', '', '1', '0', '3', '03', 'x',
      'None', '%', '_', '%1%', 'a%', '%m', '%.%', '0._1', 'T%', '%e%', '_._', '%0', 'A%', 'b%', 'B_', 'a_', 'ada', 'bob', '%d%'];
    // prettier-ignore
    const clause = fc.oneof(
      fc.tuple(fc.constantFrom('metrics.acc', 'metrics.loss', 'metrics.`val loss`', 'metric.missing'),
        fc.constantFrom('=', '!=', '<', '<=', '>', '>='), fc.constantFrom('0', '0.5', '0.55', '1', '-1', '1e308', '1e309', '-0.5', '.3'))
        .map((t) => t.join(' ')),
      fc.tuple(fc.constantFrom('params.lr', 'params.opt', 'params.layers', 'param.shuffle', 'params.seed', 'params.flag',
        'params.`odd key`', 'params.missing', 'tags.team', 'tag.`mlflow.user`', 'tags.missing'),
      fc.constantFrom('=', '!=', 'LIKE', 'ILIKE', 'like'), fc.constantFrom(...textValues).map(q)).map((t) => t.join(' ')),
      fc.tuple(fc.constantFrom('attributes.status', 'status', 'run.status'), fc.constantFrom('=', '!=', 'LIKE', 'ILIKE'),
        fc.constantFrom('FINISHED', 'KILLED', 'RUNNING', 'SCHEDULED', 'FAILED', 'finished', '%ED', '%I%', 'k%', '_AILED').map(q))
        .map((t) => t.join(' ')),
      fc.tuple(fc.constantFrom('attributes.run_name', 'attr.`Run Name`', 'attributes.user_id'), fc.constantFrom('=', '!=', 'LIKE', 'ILIKE'),
        fc.constantFrom('s1', 's2', 'sweep%', '%_3', 'S%', '%😀', '_1', 'ada', '', '%', 'A%', 'queued', 'multi%').map(q))
        .map((t) => t.join(' ')),
      fc.tuple(fc.constantFrom('attributes.start_time', 'attributes.end_time', 'created'), fc.constantFrom('=', '!=', '<', '<=', '>', '>='),
        fc.constantFrom(T, T + 1000, T - 1, T + 0.5, T + 2499.9, 0, 1e20, -1e20).map(String)).map((t) => t.join(' ')),
      fc.tuple(fc.constantFrom('attributes.run_id'), fc.constantFrom('=', '!=', 'LIKE', 'ILIKE'),
        fc.constantFrom(hexId(1), hexId(2).toUpperCase(), uid(3), `${hexId(4).slice(0, 5)}%`, `%${hexId(5).slice(10, 20)}_%`, '%-%').map(q))
        .map((t) => t.join(' ')),
      fc.tuple(fc.constantFrom('IN', 'NOT IN'), fc.subarray([hexId(1), hexId(6), hexId(7).toUpperCase(), 'zz'], { minLength: 1 }))
        .map(([op, list]) => `attributes.run_id ${op} (${list.map(q).join(', ')})`),
    );
    // Answers that are neither every run nor none say the property tests something.
    let telling = 0;
    fc.assert(
      fc.property(fc.array(clause, { minLength: 1, maxLength: 3 }), (clauses) => {
        const filter = clauses.join(' and ');
        const got = idSet(filter);
        expect(got, filter).toEqual(expected(filter));
        if (got.length > 0 && got.length < RUNS.length) telling++;
      }),
      { numRuns: 600 },
    );
    expect(telling).toBeGreaterThan(120);
  });
});
