import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { uidFromRunId } from '../../../shared/mlflow/wireValues.js';
import type { ModelSummary } from '../../../shared/api/registry.js';
import { useTempDirs } from '../../testing/tempDir.js';
import { createCore, type Core } from '../core.js';
import {
  importModelVersions,
  SOURCE_RUN_TAG,
  SOURCE_URI_TAG,
  SOURCE_VERSION_TAG,
} from './importRegistry.js';
import { openFileStore } from './mlflow/fileStoreReader.js';
import type { MlflowHistoryReader } from './mlflow/mlflowHistory.js';
import { openSqliteHistory } from './mlflow/sqliteReader.js';

const FIXTURES = join(import.meta.dirname, 'mlflow', 'fixtures');
const tempDir = useTempDirs();

function write(root: string, rel: string, content: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), content);
}
const files = (dir: string) =>
  existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort() : [];

// The real file store (Qlib's recorder, written on Windows) plus a registry as MLflow's FileStore
// writes one: the fixture itself has no registered models.
const EXP = '127694301877723077';
const EXP2 = '259453113964109221';
const RUN_V1 = '76af9459b30348b3a1e256ece1127280';
const RUN_V2 = '929eba6344ae4263b7a0f8b26fec2508';
const RUN_GONE = 'fbf346b559114c9b926857fbeb9b0001';
const RUN_LOGGED = '06e86737e057428d9c70bcdafc4b4524';
const RUN_PATH = '3164e19ac5b94fa89f4c28c6a505f804';
const LOGGED = 'm-0123456789abcdef0123456789abcdef';
const WIN = 'file:C:\\Users\\lb\\stock-quant\\mlruns';

function fileStoreWithRegistry(): string {
  const root = join(tempDir(), 'store', 'mlruns');
  cpSync(join(FIXTURES, 'filestore', 'mlruns'), root, { recursive: true });
  for (const run of [`${EXP}/${RUN_V1}`, `${EXP}/${RUN_V2}`, `${EXP2}/${RUN_PATH}`]) {
    write(root, `${run}/artifacts/model/MLmodel`, `run_id: ${run.split('/')[1]}\n`);
    write(root, `${run}/artifacts/model/model.pkl`, 'weights');
  }
  write(
    root,
    `${EXP2}/models/${LOGGED}/meta.yaml`,
    `model_id: ${LOGGED}\nsource_run_id: ${RUN_LOGGED}\n`,
  );
  write(root, `${EXP2}/models/${LOGGED}/artifacts/MLmodel`, 'flavors: {}\n');
  write(root, `${EXP2}/models/${LOGGED}/artifacts/data/model.pt`, 'tensor');

  const model = (name: string, meta: string) =>
    write(root, `models/${name}/meta.yaml`, `name: ${name}\n${meta}`);
  const version = (name: string, n: number, meta: string) =>
    write(
      root,
      `models/${name}/version-${n}/meta.yaml`,
      `name: ${name}\nversion: ${n}\nstatus: READY\naliases: []\n${meta}`,
    );
  model(
    'qlib-lgb',
    'creation_timestamp: 1779751700000\nlast_updated_timestamp: 1779751800000\ndescription: LightGBM on csi300\n',
  );
  write(root, 'models/qlib-lgb/tags/team', 'quant');
  write(root, 'models/qlib-lgb/aliases/champion', '2');
  write(root, 'models/qlib-lgb/aliases/1st', '1');
  version(
    'qlib-lgb',
    1,
    `run_id: ${RUN_V1}\ncurrent_stage: Archived\ndescription: first\ncreation_timestamp: 1779751710000\n` +
      `source: ${WIN}/${EXP}/${RUN_V1}/artifacts/model\nstorage_location: ${WIN}/${EXP}/${RUN_V1}/artifacts/model\n`,
  );
  write(root, 'models/qlib-lgb/version-1/tags/val_l2', '0.99');
  version(
    'qlib-lgb',
    2,
    `run_id: ${RUN_V2}\ncurrent_stage: Production\ncreation_timestamp: 1779751720000\n` +
      `source: runs:/${RUN_V2}/model\nstorage_location: file:///C:/Users/lb/stock-quant/mlruns/${EXP}/${RUN_V2}/artifacts/model\n`,
  );
  version(
    'qlib-lgb',
    3,
    `run_id: ${RUN_V2}\ncurrent_stage: Deleted_Internal\nsource: runs:/${RUN_V2}/model\n`,
  );
  version(
    'qlib-lgb',
    4,
    `run_id: ${RUN_GONE}\ncurrent_stage: None\nsource: ${WIN}/${EXP}/${RUN_GONE}/artifacts/gone\n`,
  );
  model('qlib-mlp', 'creation_timestamp: 1779751900000\n');
  version(
    'qlib-mlp',
    1,
    `run_id: ${RUN_LOGGED}\ncurrent_stage: Staging\nsource: models:/${LOGGED}\n` +
      `storage_location: file:///C:/Users/lb/stock-quant/mlruns/${EXP2}/models/${LOGGED}/artifacts\n`,
  );
  // Registered from a path, with no run: MLflow leaves run_id empty.
  version(
    'qlib-mlp',
    2,
    `run_id: ''\ncurrent_stage: None\nsource: file:///C:/Users/lb/stock-quant/mlruns/${EXP2}/${RUN_PATH}/artifacts/model\n`,
  );
  model('empty-model', 'description: nothing registered yet\n');
  return root;
}

/** A copy of `store` without its registry, so `runs.import` brings in only the runs, whatever it does with registries. */
function runsOnlyFileStore(store: string): string {
  const copy = join(tempDir(), 'runs-only', 'mlruns');
  cpSync(store, copy, { recursive: true });
  rmSync(join(copy, 'models'), { recursive: true });
  return copy;
}
function runsOnlyDb(db: string): string {
  const copy = join(dirname(db), 'runs-only.db');
  cpSync(db, copy);
  const w = new Database(copy);
  w.exec(
    'DELETE FROM registered_model_aliases; DELETE FROM model_version_tags; DELETE FROM model_versions; DELETE FROM registered_model_tags; DELETE FROM registered_models;',
  );
  w.close();
  return copy;
}

describe('importModelVersions', () => {
  let core: Core;
  let dataDir: string;
  afterEach(async () => core?.close());
  const open = () => {
    dataDir = tempDir();
    core = createCore({ dataDir });
  };
  const runIdOf = (id: string) => core.store.trackedRuns.byTag('benchtop.source_run_id', id);
  const importFrom = (reader: MlflowHistoryReader, preview = false) => {
    const warnings: string[] = [];
    try {
      const summary = importModelVersions(core.store, dataDir, reader.modelVersions(), runIdOf, {
        preview,
        warn: (m) => warnings.push(m),
        models: reader.registeredModels(),
      });
      return { summary, warnings };
    } finally {
      reader.close();
    }
  };
  const models = async () =>
    new Map((await core.call('registry.models', {})).map((m) => [m.name, m]));
  const version = (m: ModelSummary | undefined, n: number) =>
    m?.versions.find((v) => v.version === n);

  it('imports the real mlflow.db registry: the model, its version linked to its run, both aliases (files not beside it: a warning)', async () => {
    open();
    const db = join(tempDir(), 'mlflow.db');
    cpSync(join(FIXTURES, 'sqlite', 'mlflow.db'), db);
    await core.call('runs.import', { path: runsOnlyDb(db) });
    const counts = (
      JSON.parse(readFileSync(join(FIXTURES, 'sqlite-expected.json'), 'utf8')) as {
        table_rowcounts: Record<string, number>;
      }
    ).table_rowcounts;

    const { summary, warnings } = importFrom(openSqliteHistory(db));
    expect(summary).toEqual({
      models: counts.registered_models,
      versions: counts.model_versions,
      skipped: 0,
    });
    const all = await models();
    expect([...all.keys()]).toEqual(['nyc-taxi-model']);
    const v1 = version(all.get('nyc-taxi-model'), 1)!;
    const run = '92025337761b47258bb509b166789a29';
    expect(v1).toMatchObject({
      run_id: runIdOf(run),
      run_uid: uidFromRunId(run),
      stage: 'none',
      aliases: ['in-preview', 'staging'],
      source_uri: `file:///D:/code/nda-mlops-zoomcamp-2024/week-02/mlruns/1/${run}/artifacts/model`,
      tags: { [SOURCE_VERSION_TAG]: '1', [SOURCE_RUN_TAG]: run },
      created_at: new Date(1717688401106).toISOString(),
    });
    expect(v1.aliases).toHaveLength(counts.registered_model_aliases!);
    // The version carries its run's final metrics, as one registered in Benchtop does.
    expect(Object.keys(v1.metrics).length).toBeGreaterThan(0);
    expect(warnings).toEqual([
      `model "nyc-taxi-model" v1: its files ("file:///D:/code/nda-mlops-zoomcamp-2024/week-02/mlruns/1/${run}/artifacts/model") are not beside the imported store; registered without files`,
    ]);
    expect(files(join(dataDir, 'artifacts', 'versions'))).toEqual([]);

    expect(importFrom(openSqliteHistory(db))).toEqual({
      summary: { models: 0, versions: 0, skipped: 1 },
      warnings: [],
    });
    expect(await models()).toEqual(all);
  });

  it('finds the files of a moved mlflow.db beside it (its D:\\ path is not followed) and points the version at its run', async () => {
    open();
    const dir = tempDir();
    const db = join(dir, 'mlflow.db');
    cpSync(join(FIXTURES, 'sqlite', 'mlflow.db'), db);
    const run = '92025337761b47258bb509b166789a29';
    write(dir, `mlruns/1/${run}/artifacts/model/MLmodel`, 'flavors: {}\n');
    write(dir, `mlruns/1/${run}/artifacts/model/model.xgb`, 'trees');
    await core.call('runs.import', { path: runsOnlyDb(db) });

    const { summary, warnings } = importFrom(openSqliteHistory(db));
    expect(summary).toEqual({ models: 1, versions: 1, skipped: 0 });
    expect(warnings).toEqual([]);
    const v1 = version((await models()).get('nyc-taxi-model'), 1)!;
    expect(v1.source_uri).toBe(`runs:/${run}/model`);
    expect(v1.tags[SOURCE_URI_TAG]).toBe(
      `file:///D:/code/nda-mlops-zoomcamp-2024/week-02/mlruns/1/${run}/artifacts/model`,
    );
    expect(files(join(dataDir, 'artifacts', 'runs', String(v1.run_id), 'model'))).toEqual([
      'MLmodel',
      'model.xgb',
    ]);
  });

  it('imports a file store registry: numbers, stages, notes, tags, aliases, runs and files where they are found', async () => {
    open();
    const store = fileStoreWithRegistry();
    await core.call('runs.import', { path: runsOnlyFileStore(store) });

    const { summary, warnings } = importFrom(openFileStore(store));
    expect(summary).toEqual({ models: 3, versions: 5, skipped: 0 });
    expect(warnings).toEqual([
      'model "qlib-lgb" v1: MLflow alias "1st" is not one Benchtop takes; kept as tag mlflow.alias.1st',
      `model "qlib-lgb" v4: its files (${JSON.stringify(`${WIN}/${EXP}/${RUN_GONE}/artifacts/gone`)}) are not beside the imported store; registered without files`,
    ]);
    const all = await models();
    expect([...all.keys()]).toEqual(['empty-model', 'qlib-lgb', 'qlib-mlp']);
    expect(all.get('empty-model')).toMatchObject({
      description: 'nothing registered yet',
      versions: [],
    });
    const lgb = all.get('qlib-lgb')!;
    expect(lgb).toMatchObject({
      description: 'LightGBM on csi300',
      tags: { team: 'quant' },
      created_at: new Date(1779751700000).toISOString(),
    });
    // MLflow's numbers are kept, its deleted v3 included (not imported, never reused).
    expect(lgb.versions.map((v) => v.version)).toEqual([1, 2, 4]);
    const runFolder = (id: number | null) => join(dataDir, 'artifacts', 'runs', String(id));

    const v1 = version(lgb, 1)!;
    expect(v1).toMatchObject({
      run_id: runIdOf(RUN_V1),
      stage: 'archived',
      note: 'first',
      aliases: [],
      source_uri: `runs:/${RUN_V1}/model`,
    });
    expect(v1.tags).toEqual({
      val_l2: '0.99',
      'mlflow.alias.1st': 'true',
      [SOURCE_VERSION_TAG]: '1',
      [SOURCE_RUN_TAG]: RUN_V1,
      [SOURCE_URI_TAG]: `${WIN}/${EXP}/${RUN_V1}/artifacts/model`,
    });
    expect(files(join(runFolder(v1.run_id), 'model'))).toEqual(['MLmodel', 'model.pkl']);
    expect(version(lgb, 2)).toMatchObject({
      run_id: runIdOf(RUN_V2),
      stage: 'production',
      aliases: ['champion'],
      source_uri: `runs:/${RUN_V2}/model`,
    });
    const v4 = version(lgb, 4)!;
    expect(v4).toMatchObject({
      run_id: runIdOf(RUN_GONE),
      source_uri: `${WIN}/${EXP}/${RUN_GONE}/artifacts/gone`,
    });
    expect(files(join(runFolder(v4.run_id), 'gone'))).toEqual([]);

    // MLflow 3: the logged model's files go where Benchtop keeps a logged model's, in its run's artifacts.
    const mlp = all.get('qlib-mlp')!;
    const logged = version(mlp, 1)!;
    expect(logged).toMatchObject({
      run_id: runIdOf(RUN_LOGGED),
      stage: 'staging',
      source_uri: `runs:/${RUN_LOGGED}/models/${LOGGED}`,
    });
    expect(files(join(runFolder(logged.run_id), 'models', LOGGED))).toEqual([
      'MLmodel',
      'data',
      join('data', 'model.pt'),
    ]);
    // No run: the files go to the version's own folder.
    const pathOnly = version(mlp, 2)!;
    expect(pathOnly).toMatchObject({
      run_id: null,
      run_uid: null,
      source_uri: `file:///C:/Users/lb/stock-quant/mlruns/${EXP2}/${RUN_PATH}/artifacts/model`,
    });
    const [uid] = readdirSync(join(dataDir, 'artifacts', 'versions'));
    expect(files(join(dataDir, 'artifacts', 'versions', uid!))).toEqual(['MLmodel', 'model.pkl']);
    const detail = await core.call('registry.version', { id: pathOnly.id });
    expect(detail.history.map((h) => h.action)).toEqual(['imported']);
    expect(
      (await core.call('registry.version', { id: version(lgb, 2)!.id })).history.map((h) => [
        h.action,
        h.detail,
      ]),
    ).toEqual([
      ['imported', `qlib-lgb v2 from MLflow, run ${runIdOf(RUN_V2)}`],
      ['stage', 'none → production'],
      ['alias set', 'champion'],
    ]);

    const before = files(join(dataDir, 'artifacts'));
    expect(importFrom(openFileStore(store))).toEqual({
      summary: { models: 0, versions: 0, skipped: 5 },
      warnings: [],
    });
    expect(await models()).toEqual(all);
    expect(files(join(dataDir, 'artifacts'))).toEqual(before);
  });

  it('preview counts what an import would add and writes nothing', async () => {
    open();
    const store = fileStoreWithRegistry();
    await core.call('runs.import', { path: runsOnlyFileStore(store) });
    const before = files(dataDir);

    const { summary, warnings } = importFrom(openFileStore(store), true);
    expect(summary).toEqual({ models: 3, versions: 5, skipped: 0 });
    expect(warnings.some((w) => w.startsWith('model "qlib-lgb" v4: its files'))).toBe(true);
    expect(await core.call('registry.models', {})).toEqual([]);
    expect(files(dataDir)).toEqual(before);
    // …and the real import then adds exactly that.
    expect(importFrom(openFileStore(store)).summary).toEqual(summary);
  });

  it("keeps Benchtop's own versions and aliases: a taken number moves up, a held alias stays, a deleted import stays deleted", async () => {
    open();
    const db = join(tempDir(), 'mlflow.db');
    cpSync(join(FIXTURES, 'sqlite', 'mlflow.db'), db);
    await core.call('runs.import', { path: runsOnlyDb(db) });
    await core.call('registry.register', {
      name: 'nyc-taxi-model',
      source_uri: 's3://bucket/model',
    });
    await core.call('registry.alias', { model: 'nyc-taxi-model', version: 1, set: 'staging' });

    const { summary, warnings } = importFrom(openSqliteHistory(db));
    expect(summary).toEqual({ models: 0, versions: 1, skipped: 0 });
    expect(warnings).toContain('model "nyc-taxi-model" v1 is v2 here: this model already has a v1');
    expect(warnings).toContain(
      'model "nyc-taxi-model" v1: alias staging stays on v1, which has it in Benchtop',
    );
    const m = (await models()).get('nyc-taxi-model')!;
    expect(m.versions.map((v) => [v.version, v.aliases, v.tags[SOURCE_VERSION_TAG]])).toEqual([
      [1, ['staging'], undefined],
      [2, ['in-preview'], '1'],
    ]);
    expect(importFrom(openSqliteHistory(db)).summary).toEqual({
      models: 0,
      versions: 0,
      skipped: 1,
    });

    await core.call('registry.deleteVersion', { model: 'nyc-taxi-model', version: 2 });
    const again = importFrom(openSqliteHistory(db));
    expect(again.summary).toEqual({ models: 0, versions: 0, skipped: 1 });
    expect(again.warnings).toEqual([
      `model "nyc-taxi-model" v1 was imported before and deleted from Benchtop's registry since; not imported again`,
    ]);
    expect((await models()).get('nyc-taxi-model')!.versions.map((v) => v.version)).toEqual([1]);
  });
});
