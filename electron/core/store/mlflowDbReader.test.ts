import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { openSqliteHistory } from '../importers/mlflow/sqliteReader.js';
import type { ImportedRun, MlflowHistoryReader } from '../importers/mlflow/mlflowHistory.js';
import { UserError } from '../userError.js';
import { MlflowDb } from './mlflowDbReader.js';

const FIXTURES = join(import.meta.dirname, '..', 'importers', 'mlflow', 'fixtures');
const DB_FILE = join(FIXTURES, 'sqlite', 'mlflow.db');

interface ExpectedRun {
  run_id: string;
  experiment_id: string;
  name: string;
  status: string;
  lifecycle_stage: string;
  start_time: number | null;
  end_time: number | null;
  user_id: string | null;
  parent_run_id: string | null;
  params: Record<string, string>;
  tags: Record<string, string>;
  metrics: Record<string, [number, number, number | string][]>;
}
const expected = JSON.parse(readFileSync(join(FIXTURES, 'sqlite-expected.json'), 'utf8')) as {
  alembic_version: string;
  counts: { metric_points: number; runs: number };
  experiments: {
    experiment_id: string;
    name: string;
    lifecycle_stage: string;
    creation_time: number;
    last_update_time: number;
    tags: Record<string, string>;
  }[];
  runs: ExpectedRun[];
};

const decode = (v: number | string): number =>
  v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : Number(v);
const byId = <T extends { sourceId: string }>(xs: Iterable<T>) =>
  new Map([...xs].map((x) => [x.sourceId, x]));
const history = (reader: MlflowHistoryReader, run: ImportedRun, key: string) =>
  [...reader.points(run, key)].map((p) => [p.step, p.timestamp, p.value]);
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function expectUserError(fn: () => unknown, re: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(UserError);
  expect((caught as Error).message).not.toContain('\n');
  expect((caught as Error).message).toMatch(re);
}

describe('MLflow SQLite reader: a real mlflow.db (MLflow 2.x, xgboost autolog, a registered model)', () => {
  it('reads everything and leaves the file byte-identical', () => {
    const before = {
      hash: sha256(DB_FILE),
      mtime: statSync(DB_FILE).mtimeMs,
      size: statSync(DB_FILE).size,
    };
    const reader = openSqliteHistory(DB_FILE);
    try {
      expect(reader.kind).toBe('mlflow-sqlite');
      expect(reader.warnings).toEqual([]);
      expect(byId(reader.experiments())).toEqual(
        new Map(
          expected.experiments.map((e) => [
            e.experiment_id,
            {
              sourceId: e.experiment_id,
              name: e.name,
              deleted: e.lifecycle_stage === 'deleted',
              creationTime: e.creation_time,
              lastUpdateTime: e.last_update_time,
              tags: e.tags,
            },
          ]),
        ),
      );

      const runs = byId(reader.runs());
      expect(runs.size).toBe(expected.counts.runs);
      let points = 0;
      for (const e of expected.runs) {
        const run = runs.get(e.run_id)!;
        expect(run).toEqual({
          sourceId: e.run_id,
          experimentSourceId: e.experiment_id,
          name: e.name,
          status: e.status,
          deleted: e.lifecycle_stage === 'deleted',
          startTime: e.start_time,
          endTime: e.end_time,
          userId: e.user_id,
          parentRunId: e.parent_run_id,
          params: e.params,
          tags: e.tags,
          metricKeys: Object.keys(e.metrics).sort(),
          // artifact_uri is a D:\ path of the machine that logged them; nothing is beside this copy.
          artifactsDir: null,
        });
        for (const [key, series] of Object.entries(e.metrics)) {
          const got = history(reader, run, key);
          expect(got).toEqual(series.map(([step, ts, v]) => [step, ts, decode(v)]));
          points += got.length;
        }
      }
      expect(points).toBe(expected.counts.metric_points);

      expect(reader.modelVersions()).toEqual([
        {
          model: 'nyc-taxi-model',
          version: 1,
          runSourceId: '92025337761b47258bb509b166789a29',
          source:
            'file:///D:/code/nda-mlops-zoomcamp-2024/week-02/mlruns/1/92025337761b47258bb509b166789a29/artifacts/model',
          aliases: ['in-preview', 'staging'],
          stage: 'None',
          description: '',
          creationTime: 1717688401106,
          tags: {},
          storageLocation:
            'file:///D:/code/nda-mlops-zoomcamp-2024/week-02/mlruns/1/92025337761b47258bb509b166789a29/artifacts/model',
          // Nothing of week-02/mlruns/ was copied beside this database.
          files: null,
        },
      ]);
    } finally {
      reader.close();
    }
    expect({
      hash: sha256(DB_FILE),
      mtime: statSync(DB_FILE).mtimeMs,
      size: statSync(DB_FILE).size,
    }).toEqual(before);
  });

  it('knows the schema version, and closes with a history left half-read', () => {
    const db = MlflowDb.open(DB_FILE);
    expect(db.alembicVersion).toBe(expected.alembic_version);
    const points = db.metricPoints('92025337761b47258bb509b166789a29', 'validation-rmse');
    expect(points.next().done).toBe(false);
    db.close();
    expect(() => db.experiments()).toThrow(/not open/);
  });
});

describe('MLflow SQLite reader: other schemas and values', () => {
  const tempDir = useTempDirs();

  it('keeps NaN and ±Infinity, nested and deleted runs, experiment tags; hides deleted model versions', () => {
    const file = join(tempDir(), 'mlflow.db');
    copyFileSync(DB_FILE, file);
    const w = new Database(file);
    const run = '88dc90209e1a4b3387b24612e66f2f63';
    const insert = w.prepare(
      'INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES (?, ?, ?, ?, ?, ?)',
    );
    insert.run('edge', 0, 5, run, 2, 1);
    insert.run('edge', 1.7976931348623157e308, 4, run, 1, 0);
    insert.run('edge', -1.7976931348623157e308, 3, run, 1, 0);
    insert.run('edge', 0.5, 9, run, 0, 0);
    w.prepare(
      "INSERT INTO tags (key, value, run_uuid) VALUES ('mlflow.parentRunId', 'parent-id', ?)",
    ).run(run);
    w.prepare("UPDATE runs SET lifecycle_stage = 'deleted', name = NULL WHERE run_uuid = ?").run(
      run,
    );
    w.prepare(
      "INSERT INTO experiment_tags (key, value, experiment_id) VALUES ('team', 'taxi', 1)",
    ).run();
    w.prepare(
      "INSERT INTO model_versions (name, version, current_stage, creation_time) VALUES ('nyc-taxi-model', 2, 'Deleted_Internal', 1)",
    ).run();
    w.close();

    const reader = openSqliteHistory(file);
    const got = byId(reader.runs()).get(run)!;
    expect(got).toMatchObject({
      deleted: true,
      parentRunId: 'parent-id',
      name: 'efficient-koi-828',
    });
    expect(got.metricKeys).toEqual(['edge', 'mse', 'rmse']);
    expect(history(reader, got, 'edge')).toEqual([
      [0, 9, 0.5],
      [1, 3, -Infinity],
      [1, 4, Infinity],
      [2, 5, NaN],
    ]);
    expect(byId(reader.experiments()).get('1')?.tags).toEqual({ team: 'taxi' });
    expect(reader.modelVersions().map((v) => v.version)).toEqual([1]);
    reader.close();
  });

  it('reads an old schema (no step, no is_nan, no registry) as far as it goes, and says the version is unknown', () => {
    const file = join(tempDir(), 'old.db');
    const w = new Database(file);
    w.exec(`
      CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL);
      INSERT INTO alembic_version VALUES ('0123456789ab');
      CREATE TABLE experiments (experiment_id INTEGER, name VARCHAR(256), artifact_location VARCHAR(256), lifecycle_stage VARCHAR(32));
      CREATE TABLE runs (run_uuid VARCHAR(32), name VARCHAR(250), user_id VARCHAR(256), status VARCHAR(20), start_time BIGINT, end_time BIGINT, lifecycle_stage VARCHAR(20), artifact_uri VARCHAR(200), experiment_id INTEGER);
      CREATE TABLE metrics (key VARCHAR(250), value FLOAT, timestamp BIGINT, run_uuid VARCHAR(32));
      CREATE TABLE params (key VARCHAR(250), value VARCHAR(250), run_uuid VARCHAR(32));
      CREATE TABLE tags (key VARCHAR(250), value VARCHAR(250), run_uuid VARCHAR(32));
      CREATE TABLE some_future_table (x);
      INSERT INTO experiments VALUES (0, 'Default', './mlruns/0', 'active');
      INSERT INTO runs VALUES ('r1', '', '', 'KILLED', 10, NULL, 'active', './mlruns/0/r1/artifacts', 0);
      INSERT INTO tags VALUES ('mlflow.runName', 'from-tag', 'r1');
      INSERT INTO params VALUES ('__proto__', 'kept', 'r1');
      INSERT INTO metrics VALUES ('m', 2.0, 20, 'r1'), ('m', NULL, 10, 'r1');
    `);
    w.close();

    const reader = openSqliteHistory(file);
    expect(reader.warnings).toEqual([
      `${file} has schema version 0123456789ab, which this reader does not know; read the tables and columns it recognises`,
    ]);
    expect(reader.experiments()).toEqual([
      {
        sourceId: '0',
        name: 'Default',
        deleted: false,
        creationTime: null,
        lastUpdateTime: null,
        tags: {},
      },
    ]);
    const [run] = [...reader.runs()];
    expect(run).toMatchObject({
      sourceId: 'r1',
      name: 'from-tag',
      status: 'KILLED',
      userId: null,
      startTime: 10,
      endTime: null,
      metricKeys: ['m'],
    });
    expect(Object.keys(run!.params)).toEqual(['__proto__']);
    expect(history(reader, run!, 'm')).toEqual([
      [0, 10, NaN],
      [0, 20, 2],
    ]);
    expect(reader.modelVersions()).toEqual([]);
    reader.close();
  });

  it('refuses what is not an MLflow database, in one line', () => {
    const dir = tempDir();
    const other = join(dir, 'other.db');
    const w = new Database(other);
    w.exec('CREATE TABLE t (x)');
    w.close();
    expectUserError(
      () => openSqliteHistory(other),
      /other\.db is not an MLflow database \(no alembic_version table\)$/,
    );

    const alembicOnly = join(dir, 'alembic.db');
    const a = new Database(alembicOnly);
    a.exec(
      "CREATE TABLE alembic_version (version_num TEXT); INSERT INTO alembic_version VALUES ('x')",
    );
    a.close();
    expectUserError(
      () => openSqliteHistory(alembicOnly),
      /alembic\.db is not an MLflow database \(table experiments lacks experiment_id, name\)$/,
    );

    const text = join(dir, 'notes.db');
    writeFileSync(
      text,
      'just some text, long enough to look like a page of something\n'.repeat(100),
    );
    expectUserError(() => openSqliteHistory(text), /notes\.db is not an SQLite database$/);
    expectUserError(
      () => openSqliteHistory(join(dir, 'missing.db')),
      /^cannot open .*missing\.db: /,
    );
  });
});
