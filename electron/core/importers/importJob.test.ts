import { cpSync, mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api.js';
import type { RunImportSummary } from '../../../shared/api/otherTrackers.js';
import { createCore, type Core } from '../core.js';
import { openStore } from '../store/store.js';
import { IMPORT_PENDING_TAG } from '../store/runImportRepo.js';
import { useTempDirs } from '../../testing/tempDir.js';
import { writeImportedRuns, type SourceRun } from './writeImportedRuns.js';

const TB = join(import.meta.dirname, 'tensorboard', 'fixtures');
const GENERATED = join(TB, 'generated', 'events.out.tfevents.1700000000.benchtop-fixture.1.0');
/** Points in the generated event file (its expected.json, read by TensorBoard's own loader). */
const GENERATED_POINTS = 4116;
const TAGS = [
  'train/loss',
  'train/accuracy',
  'train/accuracy_tensor',
  'lr',
  'val/loss',
  '精度/验证',
  'edge/nonfinite',
  'hparam/val_loss',
];

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 10_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const got = await probe();
    if (got !== undefined) return got;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const emptySummary = (): RunImportSummary => ({
  source: 'tensorboard',
  experiments: 0,
  runs_added: 0,
  runs_skipped: 0,
  params: 0,
  metric_points: 0,
  images: 0,
  warnings: [],
});

describe('an import as a job: progress, cancel, all or nothing', () => {
  const tempDir = useTempDirs();
  let core: Core;
  afterEach(async () => core?.close());

  it('reports progress by id, and a cancel ends it with nothing added', async () => {
    core = createCore({ dataDir: tempDir() });
    const logdir = join(tempDir(), 'tb');
    cpSync(join(TB, 'keras'), join(logdir, 'keras'), { recursive: true });
    cpSync(join(TB, 'generated'), join(logdir, 'generated'), { recursive: true });
    const events: ApiEvent[] = [];
    core.events.subscribe((e) => {
      events.push(e);
      if (e.type === 'runs.import.progress' && e.importId === 'stop-me')
        void core.call('runs.cancelImport', { importId: 'stop-me' });
    });
    await expect(core.call('runs.import', { path: logdir, importId: 'stop-me' })).rejects.toThrow(
      /^the import of tb was cancelled$/,
    );
    const progress = events.filter((e) => e.type === 'runs.import.progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toMatchObject({ importId: 'stop-me', runs_total: 3 });
    expect(await core.call('runs.table', {})).toEqual([]);
    expect((await core.call('runs.query', { filter: '', deleted: 'only' })).ids).toEqual([]);
    expect((await core.call('experiments.list', {})).map((e) => e.name)).not.toContain('tb');
    // Nothing left half-done: the same import then runs whole, and a stale id cancels nothing.
    expect(await core.call('runs.import', { path: logdir, importId: 'again' })).toMatchObject({
      runs_added: 3,
      metric_points: 4000 + GENERATED_POINTS,
    });
    expect(await core.call('runs.cancelImport', { importId: 'again' })).toEqual({
      cancelled: false,
    });
    const last = events
      .filter((e) => e.type === 'runs.import.progress' && e.importId === 'again')
      .at(-1);
    expect(last).toMatchObject({
      runs_done: 3,
      runs_total: 3,
      metric_points: 4000 + GENERATED_POINTS,
    });
  });

  it('a source that fails part-way adds nothing: runs it began are removed, and so is an experiment it made', async () => {
    const dataDir = tempDir();
    const store = openStore(dataDir);
    try {
      const run = (name: string, fail: boolean): SourceRun => ({
        identity: { key: 'benchtop.source_path', value: name },
        uid: null,
        experiment: { name: 'half', deleted: false, tags: {} },
        name,
        status: 'finished',
        deleted: false,
        startTime: null,
        endTime: null,
        params: { a: '1' },
        tags: {},
        note: '',
        *points() {
          for (let step = 0; step < 10_000; step++) {
            if (fail && step === 9_000) throw new Error('disk went away');
            yield { key: 'loss', step, time: step, value: 1 / (step + 1) };
          }
        },
        artifactsDir: null,
      });
      const control = {
        preview: false,
        skipKnown: true,
        runsTotal: 2,
        what: 'x',
        cancelled: () => false,
        progress: () => {},
      };
      await expect(
        writeImportedRuns(
          store,
          dataDir,
          [run('ok', false), run('broken', true)],
          emptySummary(),
          control,
        ),
      ).rejects.toThrow('disk went away');
      expect(store.experiments.named('half')).toBeUndefined();
      expect(store.trackedRuns.byTag('benchtop.source_path', 'ok')).toBeUndefined();
      expect(store.db.prepare('SELECT COUNT(*) FROM metrics').pluck().get()).toBe(0);
    } finally {
      store.close();
    }
  });

  it('runs a crashed import left hidden are removed when the app next starts', async () => {
    const dataDir = tempDir();
    core = createCore({ dataDir });
    const logdir = join(tempDir(), 'tb');
    cpSync(join(TB, 'keras'), logdir, { recursive: true });
    await core.call('runs.import', { path: logdir });
    await core.close();
    // What a crash mid-import leaves: a run still tagged pending (and so still hidden).
    const store = openStore(dataDir);
    const id = store.trackedRuns.byTag('benchtop.source_path', 'train')!;
    store.trackedRuns.write(id, [], [[IMPORT_PENDING_TAG, '1']]);
    store.close();
    core = createCore({ dataDir });
    expect((await core.call('runs.table', {})).map((r) => r.name)).toEqual(['validation']);
    expect((await core.call('runs.query', { filter: '', deleted: 'only' })).ids).toEqual([]);
  });
});

describe('following a logdir', () => {
  const tempDir = useTempDirs();
  let core: Core;
  afterEach(async () => core?.close());

  const pointsOf = async (name: string) => {
    const run = (await core.call('runs.table', {})).find((r) => r.name === name);
    if (!run) return 0;
    const [tracked] = await core.call('runs.tracked', { ids: [run.id] });
    let n = 0;
    for (const key of TAGS)
      n += (await core.call('runs.history', { uid: tracked!.uid, key })).points.length;
    return n;
  };

  it('brings in what a writer appends (a record cut at the end waits for its rest), new files and new runs, until unfollowed', async () => {
    core = createCore({ dataDir: tempDir() });
    const logdir = join(tempDir(), 'live');
    const bytes = readFileSync(GENERATED);
    mkdirSync(join(logdir, 'a'), { recursive: true });
    const file = join(logdir, 'a', 'events.out.tfevents.1.host');
    const cut = Math.floor(bytes.length / 2) + 3; // almost surely mid-record
    writeFileSync(file, bytes.subarray(0, cut));
    const changes: ApiEvent[] = [];
    core.events.subscribe((e) => e.type === 'runs.follow.changed' && changes.push(e));
    const followed = await core.call('runs.follow', { path: logdir, experiment: 'live' });
    expect(followed).toMatchObject({
      source: 'tensorboard',
      experiment: 'live',
      runs_added: 1,
      error: null,
    });
    expect(await core.call('runs.following', {})).toHaveLength(1);
    const before = await pointsOf('a');
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(GENERATED_POINTS);

    appendFileSync(file, bytes.subarray(cut));
    // A rotated file in the same run, and a new run folder.
    writeFileSync(join(logdir, 'a', 'events.out.tfevents.2.host'), bytes);
    mkdirSync(join(logdir, 'b'));
    writeFileSync(join(logdir, 'b', 'events.out.tfevents.1.host'), bytes);
    const series = await until('the appended points', async () =>
      (await pointsOf('b')) === GENERATED_POINTS && (await pointsOf('a')) === 2 * GENERATED_POINTS
        ? true
        : undefined,
    );
    expect(series).toBe(true);
    const [info] = await core.call('runs.following', {});
    expect(info).toMatchObject({ runs_added: 2, metric_points: 3 * GENERATED_POINTS, error: null });
    expect(changes.length).toBeGreaterThan(1);

    expect(await core.call('runs.unfollow', { followId: info!.followId })).toEqual({
      stopped: true,
    });
    expect(await core.call('runs.following', {})).toEqual([]);
    writeFileSync(join(logdir, 'b', 'events.out.tfevents.2.host'), bytes);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await pointsOf('b')).toBe(GENERATED_POINTS);
    await expect(core.call('runs.unfollow', { followId: info!.followId })).rejects.toThrow(
      /nothing is followed/,
    );
  });

  it('a file that shrinks is read again from its start, with a warning; a path that is not a logdir fails at once', async () => {
    core = createCore({ dataDir: tempDir() });
    const logdir = join(tempDir(), 'live');
    const bytes = readFileSync(GENERATED);
    mkdirSync(logdir);
    const file = join(logdir, 'events.out.tfevents.1.host');
    writeFileSync(file, bytes);
    await core.call('runs.follow', { path: logdir });
    writeFileSync(file, bytes.subarray(0, 1000));
    const [info] = await until('the truncation warning', async () => {
      const list = await core.call('runs.following', {});
      return list[0]?.warnings.some((w) => w.includes('shrank')) ? list : undefined;
    });
    expect(info!.error).toBeNull();
    await expect(core.call('runs.follow', { path: join(logdir, 'nothing-here') })).rejects.toThrow(
      /does not exist/,
    );
  });

  it('follows an MLflow file store: metric lines a script appends come in', async () => {
    core = createCore({ dataDir: tempDir() });
    const mlruns = join(tempDir(), 'mlruns');
    cpSync(join(import.meta.dirname, 'mlflow', 'fixtures', 'filestore', 'mlruns'), mlruns, {
      recursive: true,
    });
    const followed = await core.call('runs.follow', { path: mlruns });
    expect(followed).toMatchObject({
      source: 'mlflow-filestore',
      runs_added: 10,
      metric_points: 4200,
    });
    const file = join(
      mlruns,
      '127694301877723077',
      '2ce7828bf35a485387518863a5590c0e',
      'metrics',
      'l2.train',
    );
    appendFileSync(
      file,
      `${readFileSync(file, 'utf8').endsWith('\n') ? '' : '\n'}1800000000000 0.5 999\n`,
    );
    const [info] = await until('the appended line', async () => {
      const list = await core.call('runs.following', {});
      return list[0]?.metric_points === 4201 ? list : undefined;
    });
    expect(info).toMatchObject({ runs_added: 10, error: null });
    const { points } = await core.call('runs.history', {
      uid: '2ce7828b-f35a-4853-8751-8863a5590c0e',
      key: 'l2.train',
    });
    expect(points.at(-1)).toMatchObject({ step: 999, value: 0.5 });
  });
});
