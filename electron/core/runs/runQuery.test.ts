import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../store/db.js';
import { createRunQueryRepo, type RunQueryRepo } from '../store/runQueryRepo.js';
import { queryRunIds, queryWarnings } from './runQuery.js';

/** Six runs with known params, latest metrics and tags, written straight into an empty store. */
function seed(db: Db): void {
  db.exec(`INSERT INTO experiments (id, name, created_at) VALUES (1, 'Default', 'x'), (2, 'sweep', 'x');
    INSERT INTO datasets (id, name, version, hash, file_name, bytes, rows, columns, storage_path, created_at)
      VALUES (1, 'iris', 1, 'h', 'iris.csv', 1, 1, '[]', 'p', 'x'), (2, 'wine', 1, 'h2', 'wine.csv', 1, 1, '[]', 'p', 'x');
    INSERT INTO metric_keys (id, name) VALUES (1, 'val_accuracy'), (2, 'loss');`);
  const run =
    db.prepare(`INSERT INTO runs (id, experiment_id, dataset_id, name, status, model, target, created_at, started_at)
    VALUES (?, ?, ?, ?, ?, 'logistic', 't', 'x', ?)`);
  const param = db.prepare('INSERT INTO params (run_id, key, value) VALUES (?, ?, ?)');
  const metric = db.prepare(
    'INSERT INTO latest_metrics (run_id, key_id, step, value) VALUES (?, ?, 1, ?)',
  );
  const tag = db.prepare('INSERT INTO tags (run_id, key, value) VALUES (?, ?, ?)');
  const rows: [
    number,
    number,
    number,
    string,
    string,
    string | null,
    number,
    string,
    number | null,
  ][] = [
    // id, experiment, dataset, name, status, started_at, lr, optimizer, val_accuracy
    [1, 1, 1, 'run-1', 'finished', '2026-01-01T00:00:00Z', 0.1, 'adam', 0.95],
    [2, 1, 1, 'run-2', 'finished', '2026-01-02T00:00:00Z', 0.001, 'sgd', 0.85],
    [3, 2, 2, 'sweep-3', 'failed', '2026-01-03T00:00:00Z', 0.005, 'adam', 0.92],
    [4, 2, 1, 'sweep-4', 'finished', '2026-01-04T00:00:00Z', 0.0001, 'adam', 0.97],
    [5, 1, 2, 'run-5', 'queued', null, 0.5, 'sgd', null],
    [6, 2, 1, 'sweep-6', 'finished', '2026-01-06T00:00:00Z', 0.003, 'sgd', 0.5],
  ];
  for (const [id, exp, ds, name, status, started, lr, opt, acc] of rows) {
    run.run(id, exp, ds, name, status, started);
    param.run(id, 'lr', JSON.stringify(lr));
    param.run(id, 'optimizer', JSON.stringify(opt));
    param.run(id, 'shuffle', JSON.stringify(id % 2 === 0));
    if (acc !== null) metric.run(id, 1, acc);
    metric.run(id, 2, 1 - (acc ?? 0));
  }
  tag.run(2, 'baseline', '');
  tag.run(6, 'owner', 'ada');
  db.exec(`UPDATE runs SET archived = 1 WHERE id = 6`);
}

describe('queryRunIds: queries compile to SQL and filter in SQLite', () => {
  let db: Db;
  let runQueries: RunQueryRepo;
  beforeEach(() => {
    db = openDatabase(':memory:');
    runQueries = createRunQueryRepo(db);
    seed(db);
  });
  afterEach(() => db.close());
  const ids = (filter: string, more: object = {}) => queryRunIds(runQueries, { filter, ...more });

  it('runs the issue example', () => {
    const q =
      'params.lr < 0.01 and (metrics.val_accuracy >= 0.9 or tags.baseline) and not status = "failed"';
    expect(ids(q)).toEqual([4, 2]);
  });

  it.each([
    ['', [5, 4, 3, 2, 1]],
    ['params.optimizer = "adam"', [4, 3, 1]],
    ['params.optimizer != "adam"', [5, 2]],
    ['not params.optimizer = "adam"', [5, 2]],
    ['params.lr >= 0.005', [5, 3, 1]],
    ['params.optimizer > 1', []],
    ['params.shuffle = true', [4, 2]],
    ['params.shuffle', [5, 4, 3, 2, 1]],
    ['params.lr in (0.1, 0.5)', [5, 1]],
    ['params.optimizer ~ "^s"', [5, 2]],
    ['metrics.val_accuracy', [4, 3, 2, 1]],
    ['not metrics.val_accuracy', [5]],
    ['metrics.val_accuracy > 0.9 and metrics.loss < 0.06', [4, 1]],
    ['metrics.val_accuracy = "high"', []],
    ['tags.baseline', [2]],
    ['status in ("failed", "queued")', [5, 3]],
    ['status not in ("failed", "queued")', [4, 2, 1]],
    ['experiment = "sweep"', [4, 3]],
    ['dataset = "wine"', [5, 3]],
    ['dataset = 1', [4, 2, 1]],
    ['dataset in (1)', [4, 2, 1]],
    ['dataset in ("wine")', [5, 3]],
    ['name ~ "^sweep-"', [4, 3]],
    ['started_at >= "2026-01-03"', [4, 3]],
    ['not started_at >= "2026-01-03"', [5, 2, 1]],
    ['started_at', [4, 3, 2, 1]],
    ['id <= 2 or id = 5', [5, 2, 1]],
  ])('%s', (filter, expected) => {
    expect(ids(filter)).toEqual(expected);
  });

  it('filters archived runs out by default, and in or alone on request', () => {
    expect(ids('tags.owner')).toEqual([]);
    expect(ids('tags.owner = "ada"', { archived: 'include' })).toEqual([6]);
    expect(ids('', { archived: 'only' })).toEqual([6]);
  });

  it('sorts by any field, missing values last either way, and limits', () => {
    expect(ids('', { sort: 'metrics.val_accuracy' })).toEqual([2, 3, 1, 4, 5]);
    expect(ids('', { sort: '-metrics.val_accuracy' })).toEqual([4, 1, 3, 2, 5]);
    expect(ids('', { sort: 'params.lr', limit: 2 })).toEqual([4, 2]);
    expect(ids('', { sort: '-name' })).toEqual([4, 3, 5, 2, 1]);
    expect(ids('', { sort: 'tags.baseline' })).toEqual([2, 5, 4, 3, 1]);
  });

  it('a key no run has is an empty result, not an error', () => {
    expect(ids('params.momentum > 0')).toEqual([]);
    expect(ids('tags.nobody')).toEqual([]);
    expect(ids('metrics.f1 in (1)')).toEqual([]);
  });

  it('binds values, so quotes in a value are data, not SQL', () => {
    expect(ids(`name = "x' OR 1=1 --"`)).toEqual([]);
    expect(ids(`params.optimizer = "\\"adam\\" OR 1"`)).toEqual([]);
  });

  it.each([
    ['params.lr < ', 'query at column 13: expected a value after "<"'],
    [
      '(status = "x"',
      'query at column 14: expected ")" to close the "(" at column 1, found end of query',
    ],
  ])('bad input %s throws a user error with the position', (filter, message) => {
    expect(() => ids(filter)).toThrow(message);
    expect(() => ids(filter)).toThrow(expect.objectContaining({ name: 'UserError' }));
  });

  // `and`/`or` of param, metric and tag terms compile to one INTERSECT/UNION select.
  it.each([
    ['(params.optimizer = "sgd" or metrics.val_accuracy > 0.96) and params.lr < 0.01', [4, 2]],
    ['params.optimizer = "adam" and (metrics.loss > 0.06 or tags.baseline)', [3]],
    ['params.lr < 0.01 or params.optimizer = "adam" and metrics.val_accuracy > 0.93', [4, 3, 2, 1]],
    [
      '(params.optimizer = "adam" or tags.baseline) and (metrics.val_accuracy < 0.9 or params.lr > 0.2)',
      [2],
    ],
    [
      'params.optimizer = "adam" and (tags.baseline or (params.lr > 0.2 or metrics.loss < 0.04))',
      [4],
    ],
    ['not (params.optimizer = "adam" and metrics.val_accuracy > 0.93)', [5, 3, 2]],
    ['params.optimizer = "adam" and metrics.val_accuracy > 0.93 and not tags.baseline', [4, 1]],
    ['params.optimizer = "adam" and status = "failed" or tags.baseline', [3, 2]],
    ['params.lr > -1 and params.lr < 0.001', [4]],
    ['params.shuffle < 1 or params.optimizer < "b"', [4, 3, 1]],
  ])('combined terms: %s', (filter, expected) => {
    expect(ids(filter)).toEqual(expected);
  });

  it('compares numbers only with numbers, whatever the text of a param looks like', () => {
    const param = db.prepare('INSERT INTO params (run_id, key, value) VALUES (?, ?, ?)');
    param.run(1, 'size', JSON.stringify('5')); // a string that reads as a number
    param.run(2, 'size', JSON.stringify(-3));
    param.run(3, 'size', JSON.stringify(1e-7));
    param.run(4, 'size', JSON.stringify(null));
    param.run(5, 'size', JSON.stringify(12345678901234));
    expect(ids('params.size < 10')).toEqual([3, 2]);
    expect(ids('params.size > 0.00000001')).toEqual([5, 3]);
    expect(ids('params.size >= "5"')).toEqual([1]);
    expect(ids('params.size = "5"')).toEqual([1]);
  });

  it('a query of more terms than one compound select may hold still answers', () => {
    // 540 terms, within the parser's depth limit: SQLite refuses a compound of more than 500.
    const group = Array.from({ length: 60 }, () => 'tags.owner').join(' and ');
    const filter = Array.from({ length: 9 }, () => `(${group})`).join(' and ');
    expect(ids(filter, { archived: 'include' })).toEqual([6]);
    expect(ids(filter.replaceAll(') and (', ') or ('), { archived: 'include' })).toEqual([6]);
  });

  // A right side whose own chain mixes both operators must not run on into the left's.
  it.each([
    [
      'params.lr >= 0.5 or (params.optimizer = "adam" and metrics.loss < 0.04 or tags.baseline)',
      [5, 4, 2],
    ],
    [
      'params.lr >= 0.5 or (params.optimizer = "sgd" or metrics.loss < 0.04 and tags.baseline)',
      [5, 2],
    ],
    [
      'params.optimizer = "adam" and ((params.lr < 0.01 or tags.baseline) and metrics.loss < 0.1)',
      [4, 3],
    ],
    [
      'tags.baseline or params.optimizer = "adam" and (metrics.loss < 0.04 or params.lr > 0.05)',
      [4, 2, 1],
    ],
  ])('grouping: %s', (filter, expected) => {
    expect(ids(filter)).toEqual(expected);
  });

  it('a metric no run has matches nothing and warns with the keys that exist; known keys and params do not warn', () => {
    const warnings = (filter: string, more: object = {}) =>
      queryWarnings(runQueries, { filter, ...more });
    expect(ids('metrics.val_acuracy > 0.5')).toEqual([]);
    expect(warnings('metrics.val_acuracy > 0.5')).toEqual([
      'no run has metric "val_acuracy"; did you mean metrics.val_accuracy?',
    ]);
    expect(warnings('not (params.lr < 1 or metrics.accuracy > 0.5)')).toEqual([
      'no run has metric "accuracy"; did you mean metrics.val_accuracy?',
    ]);
    expect(warnings('', { sort: '-metrics.zzz_unrelated' })).toEqual([
      'no run has metric "zzz_unrelated"; metrics that exist: val_accuracy, loss',
    ]);
    expect(
      warnings('metrics.val_accuracy > 0.5 and metrics.loss < 1 and params.momentum > 0', {
        sort: '-metrics.loss',
      }),
    ).toEqual([]);
  });

  it('a bad sort field is a user error with its position', () => {
    expect(() => ids('', { sort: '-colour' })).toThrow('sort at column 1: unknown field "colour"');
  });
});
