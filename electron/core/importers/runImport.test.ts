import { appendFileSync, cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core.js';
import { useTempDirs } from '../../testing/tempDir.js';

const FIXTURES = join(import.meta.dirname, 'mlflow', 'fixtures');
const TB = join(import.meta.dirname, 'tensorboard', 'fixtures');
type Expected = {
  runs: {
    run_id: string;
    name: string;
    status: string;
    experiment_id: string;
    params: Record<string, string>;
    tags: Record<string, string>;
    metrics: Record<string, [number, number, number | string][]>;
    artifacts?: string[];
  }[];
  experiments: { experiment_id: string; name: string }[];
};
const expected = (file: string) =>
  JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Expected;
const num = (v: number | string) => (typeof v === 'number' ? v : Number(v === 'NaN' ? NaN : v));
const STATUS: Record<string, string> = {
  FINISHED: 'finished',
  FAILED: 'failed',
  KILLED: 'cancelled',
  RUNNING: 'interrupted',
  SCHEDULED: 'interrupted',
};

/** Every fixture imports with its expected counts and every point; a second import adds nothing. */
describe('runs.import', () => {
  const tempDir = useTempDirs();
  let core: Core;
  afterEach(async () => core?.close());

  async function checkMlflow(path: string, file: string, source: string) {
    const want = expected(file);
    const summary = await core.call('runs.import', { path });
    const points = want.runs.reduce(
      (n, r) => n + Object.values(r.metrics).reduce((m, s) => m + s.length, 0),
      0,
    );
    expect(summary).toMatchObject({
      source,
      runs_added: want.runs.length,
      runs_skipped: 0,
      metric_points: points,
    });
    for (const run of want.runs) {
      const { ids } = await core.call('runs.query', {
        filter: `tags."benchtop.source_run_id" = "${run.run_id}"`,
        deleted: 'include',
      });
      expect(ids).toHaveLength(1);
      const [got] = await core.call('runs.tracked', { ids });
      expect(got).toMatchObject({
        source: 'import',
        status: STATUS[run.status],
        experiment: want.experiments.find((e) => e.experiment_id === run.experiment_id)!.name,
      });
      expect(got!.uid.replaceAll('-', '')).toBe(run.run_id);
      expect(got!.param_text).toEqual(run.params);
      for (const [key, value] of Object.entries(run.tags)) expect(got!.tags[key]).toBe(value);
      for (const [key, series] of Object.entries(run.metrics)) {
        const { points: history } = await core.call('runs.history', { uid: got!.uid, key });
        // The file store keeps logging order; history is by step then time, which the fixtures share.
        const sorted = [...series].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(history.map((p) => [p.step, p.time, p.value])).toEqual(
          sorted.map(([s, t, v]) => [s, t, num(v)]),
        );
      }
    }
    const again = await core.call('runs.import', { path });
    expect(again).toMatchObject({
      runs_added: 0,
      runs_skipped: want.runs.length,
      metric_points: 0,
    });
  }

  it('imports an MLflow file store: experiments, runs, params, tags, every point, artifacts; again adds nothing', async () => {
    const dataDir = tempDir();
    core = createCore({ dataDir });
    await checkMlflow(
      join(FIXTURES, 'filestore', 'mlruns'),
      'filestore-expected.json',
      'mlflow-filestore',
    );
    const withFiles = expected('filestore-expected.json').runs.find((r) => r.artifacts?.length)!;
    const [run] = await core.call('runs.tracked', {
      uids: [withFiles.run_id.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5')],
    });
    const copied = readdirSync(join(dataDir, 'artifacts', 'runs', String(run!.id)), {
      recursive: true,
      encoding: 'utf8',
    });
    for (const file of withFiles.artifacts!) expect(copied).toContain(file.split('/').join('/'));
  });

  it('imports an MLflow SQLite database read-only, unchanged byte for byte', async () => {
    core = createCore({ dataDir: tempDir() });
    const db = join(tempDir(), 'mlflow.db');
    cpSync(join(FIXTURES, 'sqlite', 'mlflow.db'), db);
    const before = readFileSync(db);
    await checkMlflow(db, 'sqlite-expected.json', 'mlflow-sqlite');
    expect(readFileSync(db).equals(before)).toBe(true);
    // Its one registered model and version came too (twice imported, still one), linked to its run.
    const models = await core.call('registry.models', {});
    expect(models).toHaveLength(1);
    expect(models[0]!.versions).toHaveLength(1);
  });

  it('imports a TensorBoard logdir: a run per folder, hparams as params, text as notes, NaN and ±inf kept', async () => {
    core = createCore({ dataDir: tempDir() });
    const logdir = join(tempDir(), 'tb');
    cpSync(join(TB, 'keras'), join(logdir, 'keras'), { recursive: true });
    cpSync(join(TB, 'generated'), join(logdir, 'generated'), { recursive: true });
    const summary = await core.call('runs.import', { path: logdir, experiment: 'tb' });
    expect(summary).toMatchObject({
      source: 'tensorboard',
      experiments: 1,
      runs_added: 3,
      metric_points: 4000 + 4116,
      params: 4,
    });
    const runs = await core.call('runs.table', {});
    expect(runs.map((r) => r.name).sort()).toEqual([
      'generated',
      'keras/train',
      'keras/validation',
    ]);
    const generated = runs.find((r) => r.name === 'generated')!;
    expect(generated).toMatchObject({
      source: 'import',
      status: 'finished',
      experiment: 'tb',
      params: { lr: 0.1, optimizer: 'sgd', batch_size: 32, use_bn: 'true' },
    });
    expect(generated.note).toContain('notes/text_summary');
    const [tracked] = await core.call('runs.tracked', { ids: [generated.id] });
    const { points } = await core.call('runs.history', {
      uid: tracked!.uid,
      key: 'edge/nonfinite',
    });
    expect(points.map((p) => p.value)).toEqual([1, NaN, Infinity, -Infinity, 0]);
    expect(points[0]!.time).toBe(1_700_000_000_000);
    expect((await core.call('runs.import', { path: logdir, experiment: 'tb' })).runs_added).toBe(0);
  });

  it('exports every point of an imported run, repeated steps and NaN included, with its wall time', async () => {
    core = createCore({ dataDir: tempDir() });
    const logdir = join(tempDir(), 'generated');
    cpSync(join(TB, 'generated'), logdir, { recursive: true });
    await core.call('runs.import', { path: logdir });
    const [run] = await core.call('runs.table', {});
    const report = await core.call('reports.render', {
      kind: 'metrics',
      runIds: [run!.id],
      format: 'json',
    });
    const { points } = JSON.parse(report.content) as {
      points: { key: string; step: number; value: number | null; time: number }[];
    };
    expect(points).toHaveLength(4116);
    const edge = points.filter((p) => p.key === 'edge/nonfinite');
    expect(edge.map((p) => p.value)).toHaveLength(5);
    expect(edge[0]).toMatchObject({ value: 1, time: 1_700_000_000_000 });
  });

  it('appends only what a grown file store gained', async () => {
    core = createCore({ dataDir: tempDir() });
    const store = join(tempDir(), 'mlruns');
    cpSync(join(FIXTURES, 'filestore', 'mlruns'), store, { recursive: true });
    await core.call('runs.import', { path: store });
    const run = expected('filestore-expected.json').runs.find(
      (r) => Object.keys(r.metrics).length,
    )!;
    const [key] = Object.keys(run.metrics);
    const file = join(store, run.experiment_id, run.run_id, 'metrics', key!);
    appendFileSync(
      file,
      `${readFileSync(file, 'utf8').endsWith('\n') ? '' : '\n'}1800000000000 0.5 999\n1800000000001 0.25 1000\n`,
    );
    expect(await core.call('runs.import', { path: store })).toMatchObject({
      runs_added: 0,
      metric_points: 2,
    });
  });

  it('refuses what is not a store, and a damaged one, with one line and nothing written', async () => {
    core = createCore({ dataDir: tempDir() });
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    await expect(core.call('runs.import', { path: join(dir, 'notes.txt') })).rejects.toThrow(
      /is none of: an MLflow file store/,
    );
    await expect(core.call('runs.import', { path: join(dir, 'missing') })).rejects.toThrow(
      /does not exist/,
    );
    const store = join(tempDir(), 'mlruns');
    cpSync(join(FIXTURES, 'filestore', 'mlruns'), store, { recursive: true });
    const run = expected('filestore-expected.json').runs.find(
      (r) => Object.keys(r.metrics).length,
    )!;
    appendFileSync(
      join(store, run.experiment_id, run.run_id, 'metrics', Object.keys(run.metrics)[0]!),
      '\nnot three numbers\n',
    );
    await expect(core.call('runs.import', { path: store })).rejects.toThrow(/line \d+/);
    expect(await core.call('runs.table', {})).toEqual([]);
  });
});
