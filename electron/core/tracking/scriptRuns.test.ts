import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core.js';
import { useTempDirs } from '../../testing/tempDir.js';

/** A run a script logged is an ordinary run: reports, exports, compare, series and the registry take it. */
describe('script runs in the rest of the app', () => {
  const tempDir = useTempDirs();
  let core: Core;
  afterEach(async () => core?.close());

  async function scriptRun(name: string, lr: string) {
    const experiment = await core.call('experiments.create', { name: `exp-${name}` });
    const run = await core.call('runs.start', {
      experimentId: experiment.id,
      name,
      tags: { 'mlflow.source.name': 'train.py' },
    });
    await core.call('runs.log', {
      uid: run.uid,
      params: [
        { key: 'lr', value: lr },
        { key: 'optimizer', value: 'adam' },
      ],
      metrics: Array.from({ length: 50 }, (_, step) => ({
        key: 'val/loss',
        value: step === 10 ? NaN : 1 / (step + 1),
        time: 1_700_000_000_000 + step,
        step,
      })),
    });
    return core.call('runs.update', {
      uid: run.uid,
      status: 'finished',
      endTime: 1_700_000_100_000,
    });
  }

  it('renders reports and exports, compares, charts and registers script runs', async () => {
    core = createCore({ dataDir: tempDir() });
    const a = await scriptRun('a', '0.01');
    const b = await scriptRun('b', '1e-05');
    for (const format of ['html', 'md'] as const) {
      const report = await core.call('reports.render', { kind: 'run', runId: a.id, format });
      expect(report.content).toContain('val/loss');
      const compared = await core.call('reports.render', {
        kind: 'compare',
        runIds: [a.id, b.id],
        format,
      });
      expect(compared.content).toContain('lr');
    }
    const exported = JSON.parse(
      (await core.call('reports.render', { kind: 'metrics', runIds: [a.id], format: 'json' }))
        .content,
    ) as unknown;
    expect(JSON.stringify(exported)).toContain('val/loss');
    const comparison = await core.call('runs.compare', { ids: [a.id, b.id] });
    expect(comparison.differing_params).toEqual(['lr']);
    expect(comparison.params.lr).toEqual({ [a.id]: 0.01, [b.id]: '1e-05' });
    const [series] = await core.call('runs.series', { ids: [a.id], keys: ['val/loss'] });
    expect(series!.total).toBe(49); // the NaN point is kept for MLflow's history, not drawn
    const { points } = await core.call('runs.history', { uid: a.uid, key: 'val/loss' });
    expect(points).toHaveLength(50);
    expect(Number.isNaN(points[10]!.value)).toBe(true);
    const version = await core.call('registry.register', { runId: a.id, name: 'from-script' });
    expect(version).toMatchObject({
      model: 'from-script',
      version: 1,
      run_id: a.id,
      dataset_id: null,
    });
    expect((await core.call('runs.get', { id: a.id })).source).toBe('script');
  });

  it('charts, compares and registers a run whose metric reaches +∞ and −∞ in one tile', async () => {
    core = createCore({ dataDir: tempDir() });
    const experiment = await core.call('experiments.create', { name: 'diverging' });
    const run = await core.call('runs.start', { experimentId: experiment.id, name: 'inf' });
    const value = (step: number) =>
      step === 4 ? Infinity : step === 5 ? -Infinity : step === 4_999 ? Infinity : step / 10;
    const metrics = Array.from({ length: 5_000 }, (_, step) => ({
      key: 'loss',
      value: value(step),
      time: 1_700_000_000_000 + step,
      step,
    }));
    for (let i = 0; i < metrics.length; i += 1_000)
      await core.call('runs.log', { uid: run.uid, metrics: metrics.slice(i, i + 1_000) });
    await core.call('runs.update', {
      uid: run.uid,
      status: 'finished',
      endTime: 1_700_000_100_000,
    });

    const [series] = await core.call('runs.series', {
      ids: [run.id],
      keys: ['loss'],
      maxPoints: 400,
    });
    expect(series!.total).toBe(5_000);
    expect(series!.lo![0]).toBe(-Infinity);
    expect(series!.hi![0]).toBe(Infinity);
    expect(series!.y.slice(0, -1).every(Number.isFinite)).toBe(true); // each tile's line is its finite values' mean
    const comparison = await core.call('runs.compare', { ids: [run.id] });
    expect(comparison.metrics.loss?.[run.id]).toMatchObject({
      last: Infinity,
      min: -Infinity,
      max: Infinity,
    });
    const version = await core.call('registry.register', { runId: run.id, name: 'diverged' });
    expect(version).toMatchObject({ model: 'diverged', version: 1, run_id: run.id });
    expect(version.metrics.loss).toBe(Infinity);
    const out = join(tempDir(), 'diverged.json');
    await core.call('registry.export', { model: 'diverged', version: 1, out });
    const other = createCore({ dataDir: tempDir() });
    try {
      const moved = await other.call('registry.import', { path: out });
      expect(moved.version.metrics.loss).toBe(Infinity);
    } finally {
      await other.close();
    }
  });

  it('moves between installs in an experiments archive, keeping its source, params and tags', async () => {
    core = createCore({ dataDir: tempDir() });
    const run = await scriptRun('moved', '0.25');
    const prepared = await core.call('experiments.prepareExport', { experiments: ['exp-moved'] });
    const base64 = readFileSync(core.downloads.take(prepared.downloadId)!.path).toString('base64');
    const other = createCore({ dataDir: tempDir() });
    try {
      expect(
        await other.call('experiments.upload', { fileName: prepared.fileName, base64 }),
      ).toMatchObject({ runs_added: 1, datasets_added: 0 });
      const [copy] = await other.call('runs.tracked', { uids: [run.uid] });
      expect(copy).toMatchObject({
        name: 'moved',
        source: 'script',
        dataset_id: null,
        model: null,
        experiment: 'exp-moved',
        params: { lr: 0.25, optimizer: 'adam' },
      });
      expect(copy!.tags['mlflow.source.name']).toBe('train.py');
    } finally {
      await other.close();
    }
  });

  it('refuses a param whose value changes, and a run that does not exist, with nothing written', async () => {
    core = createCore({ dataDir: tempDir() });
    const run = await scriptRun('c', '0.5');
    await expect(
      core.call('runs.log', {
        uid: run.uid,
        params: [{ key: 'lr', value: '0.6' }],
        tags: [{ key: 'after', value: 'x' }],
      }),
    ).rejects.toThrow(
      "Changing param values is not allowed. Param with key='lr' was already logged with value='0.5'",
    );
    expect((await core.call('runs.tracked', { ids: [run.id] }))[0]!.tags.after).toBeUndefined();
    await expect(
      core.call('runs.log', { uid: '00000000-0000-4000-8000-000000000000', tags: [] }),
    ).rejects.toThrow('no run with uid');
    await expect(core.call('experiments.create', { name: 'exp-c' })).rejects.toThrow(
      'already exists',
    );
  });
});
