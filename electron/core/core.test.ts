import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../shared/api.js';
import { modelMetrics } from '../../shared/metricNames.js';
import { enableTestJobs } from '../testing/syntheticJobs.js';
import { SAMPLES, useTempDirs } from '../testing/tempDir.js';
import { waitForRunEnd } from '../testing/waitForRun.js';
import { createCore, type Core } from './core.js';

enableTestJobs(); // the crash job below

describe('core: import, train, track', () => {
  const tempDir = useTempDirs();
  const open: Core[] = [];
  const start = (dataDir = tempDir()) => {
    const core = createCore({ dataDir });
    open.push(core);
    return core;
  };
  afterEach(async () => {
    for (const core of open.splice(0)) await core.close();
  });

  it('trains logistic regression on iris, streams every epoch, and stores the run', async () => {
    const core = start();
    const events: ApiEvent[] = [];
    core.events.subscribe((e) => events.push(e));
    const dataset = await core.call('datasets.import', { path: join(SAMPLES, 'iris.csv') });
    const { runId } = await core.call('jobs.train', {
      datasetId: dataset.id,
      target: 'species',
      params: { epochs: 15 },
    });
    expect(await waitForRunEnd(core, runId)).toBe('finished');

    const run = await core.call('runs.get', { id: runId });
    expect(run).toMatchObject({
      status: 'finished',
      model: 'logistic',
      task: 'multiclass',
      target: 'species',
    });
    expect(['tensorflow', 'wasm', 'cpu']).toContain(run.backend);
    expect(run.params).toMatchObject({ epochs: 15, lr: 0.1, seed: 42 });
    // A run's metrics are each key's latest value: the test split as test_*, the curves at their last epoch.
    const testKeys = [
      'test_accuracy',
      'test_f1_macro',
      'test_log_loss',
      'test_precision_macro',
      'test_recall_macro',
      'test_roc_auc',
    ];
    const systemKeys = ['system/process_cpu_percentage', 'system/process_rss_megabytes'];
    expect(Object.keys(run.metrics).sort()).toEqual([
      'accuracy',
      'loss',
      ...systemKeys,
      ...testKeys,
      'val_accuracy',
      'val_loss',
    ]);
    expect(run.metrics.test_accuracy).toBeGreaterThan(0.85);

    const series = await core.call('runs.metrics', { id: runId });
    expect(series.map((s) => s.key).sort()).toEqual([
      'accuracy',
      'loss',
      ...systemKeys,
      ...testKeys,
      'val_accuracy',
      'val_loss',
    ]);
    for (const s of series) {
      // Curves per epoch; each test metric one point at the final epoch.
      expect(s.steps).toEqual(
        s.key.startsWith('test_') ? [15] : Array.from({ length: 15 }, (_, i) => i + 1),
      );
    }
    // The job's own CPU and memory, per epoch: a process that trained used some of both.
    const rss = series.find((s) => s.key === 'system/process_rss_megabytes')!.values;
    expect(Math.min(...rss)).toBeGreaterThan(10);
    expect(Math.max(...rss)).toBeLessThan(16_384);
    const cpu = series.find((s) => s.key === 'system/process_cpu_percentage')!.values;
    expect(cpu.every((v) => v >= 0)).toBe(true);
    expect(Math.max(...cpu)).toBeGreaterThan(0);
    const loss = series.find((s) => s.key === 'loss')!.values;
    expect(loss.at(-1)!).toBeLessThan(loss[0]!);

    const statuses = events.filter((e) => e.type === 'run.status').map((e) => e.status);
    expect(statuses).toEqual(['queued', 'running', 'finished']);
    const streamed = events.flatMap((e) => (e.type === 'run.metric' ? e.points : []));
    expect(streamed).toHaveLength(60 + 15 * systemKeys.length + testKeys.length);
  });

  it('one name, one meaning: every view gives a key the same number; accuracy is the last epoch, test_accuracy the test split', async () => {
    const core = start();
    const { id } = await core.call('datasets.importSample', { name: 'iris' });
    const { runId } = await core.call('jobs.train', {
      datasetId: id,
      target: 'species',
      params: { epochs: 4 },
    });
    expect(await waitForRunEnd(core, runId)).toBe('finished');
    const evaluation = (await core.call('runs.details', { id: runId })).evaluation!;
    const lastEpoch = Object.fromEntries(
      (await core.call('runs.metrics', { id: runId })).map((s) => [s.key, s.values.at(-1)]),
    );
    const views = {
      get: (await core.call('runs.get', { id: runId })).metrics,
      list: (await core.call('runs.list', {})).find((r) => r.id === runId)!.metrics,
      table: (await core.call('runs.table', {})).find((r) => r.id === runId)!.metrics,
      compare: Object.fromEntries(
        Object.entries((await core.call('runs.compare', { ids: [runId] })).metrics).map(
          ([k, byRun]) => [k, byRun[runId]!.last],
        ),
      ),
    };
    for (const metrics of Object.values(views)) {
      expect(metrics).toEqual(views.get);
      expect(metrics.accuracy).toBe(lastEpoch.accuracy);
      expect(metrics.val_accuracy).toBe(lastEpoch.val_accuracy);
      for (const [name, value] of Object.entries(evaluation))
        expect(metrics[`test_${name}`]).toBe(value);
    }
    // The registry snapshots the same names, and its headline is the test split's.
    const version = await core.call('registry.register', { runId, name: 'iris' });
    // …without the job's system/* metrics, which describe the machine, not the model.
    expect(version.metrics).toEqual(modelMetrics(views.get));
    expect(Object.keys(views.get)).toContain('system/process_rss_megabytes');
  });

  it('gives the same metrics to the last digit for the same seed', async () => {
    const core = start();
    const { id } = await core.call('datasets.importSample', { name: 'wine' });
    const train = async (seed: number) => {
      const { runId } = await core.call('jobs.train', {
        datasetId: id,
        target: 'cultivar',
        params: { epochs: 5, seed },
      });
      await waitForRunEnd(core, runId);
      // The job's CPU and memory (system/*) are the machine's, not the seed's.
      return modelMetrics((await core.call('runs.get', { id: runId })).metrics);
    };
    const [a, b, c] = [await train(7), await train(7), await train(8)];
    expect(Object.keys(a)).toContain('test_accuracy');
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('keeps runs across a restart', async () => {
    const dataDir = tempDir();
    const first = start(dataDir);
    const { id } = await first.call('datasets.importSample', { name: 'iris' });
    const { runId } = await first.call('jobs.train', {
      datasetId: id,
      target: 'species',
      params: { epochs: 2 },
    });
    await waitForRunEnd(first, runId);
    const before = await first.call('runs.get', { id: runId });
    await first.close();
    open.splice(open.indexOf(first), 1);
    const second = start(dataDir);
    expect(await second.call('runs.get', { id: runId })).toEqual(before);
    expect(await second.call('datasets.list', {})).toHaveLength(1);
  });

  it('marks runs left running by a process that is gone as interrupted, and leaves live owners alone', async () => {
    const dataDir = tempDir();
    const core = start(dataDir);
    const { id } = await core.call('datasets.importSample', { name: 'iris' });
    const db = core.store.db;
    const exp = core.store.experiments.ensure('Default');
    const insert = db.prepare(
      `INSERT INTO runs (experiment_id, dataset_id, name, status, model, target, owner_pid, created_at)
       VALUES (?, ?, ?, 'running', 'logistic', 'species', ?, 'now')`,
    );
    const deadPid = 2 ** 22 + 12345; // above Linux's pid_max default: no such process
    const gone = Number(insert.run(exp, id, 'gone', deadPid).lastInsertRowid);
    const alive = Number(insert.run(exp, id, 'alive', process.ppid).lastInsertRowid);
    await core.close();
    open.splice(0);
    const restarted = start(dataDir);
    expect((await restarted.call('runs.get', { id: gone })).status).toBe('interrupted');
    expect((await restarted.call('runs.get', { id: alive })).status).toBe('running');
  });

  it('cancels a training run', async () => {
    const core = start();
    const { id } = await core.call('datasets.importSample', { name: 'breast_cancer' });
    const { runId } = await core.call('jobs.train', {
      datasetId: id,
      target: 'diagnosis',
      params: { epochs: 5000 },
    });
    await new Promise<void>((resolve) => {
      const stop = core.events.subscribe((e) => {
        if (e.type === 'run.metric' && e.runId === runId) {
          stop();
          resolve();
        }
      });
    });
    expect(await core.call('jobs.cancel', { runId })).toEqual({ cancelled: true });
    expect(await waitForRunEnd(core, runId)).toBe('cancelled');
    expect(await core.call('jobs.cancel', { runId })).toEqual({ cancelled: false });
  });

  it('fails the run, not the app, when the job process crashes', async () => {
    const core = start();
    const { id } = await core.call('datasets.importSample', { name: 'iris' });
    const runId = core.store.runs.create({
      experiment_id: core.store.experiments.ensure('Default'),
      dataset_id: id,
      model: 'logistic',
      task: 'multiclass',
      target: 'species',
    });
    core.jobs.run({ kind: 'crash', runId });
    expect(await waitForRunEnd(core, runId)).toBe('failed');
    expect((await core.call('runs.get', { id: runId })).error).toMatch(/killed by SIGSEGV/);
    expect(await core.call('runs.list', {})).toHaveLength(1);
  });

  describe('bad training requests are refused before anything is stored', () => {
    it('a target column that does not exist', async () => {
      const core = start();
      const { id } = await core.call('datasets.importSample', { name: 'iris' });
      await expect(core.call('jobs.train', { datasetId: id, target: 'colour' })).rejects.toThrow(
        'no column "colour" in dataset iris (columns: sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm, species)',
      );
      expect(await core.call('runs.list', {})).toEqual([]);
    });

    it('a dataset with no usable feature columns', async () => {
      const core = start();
      const d = await core.call('datasets.upload', {
        fileName: 'words.csv',
        content: 'notes,label\n,a\n,b\n,a\n',
      });
      await expect(core.call('jobs.train', { datasetId: d.id, target: 'label' })).rejects.toThrow(
        'dataset words has no usable feature columns besides "label" (dropped: notes: all values missing)',
      );
      expect(await core.call('runs.list', {})).toEqual([]);
    });

    it('hyperparameters out of range name the field', async () => {
      const core = start();
      const { id } = await core.call('datasets.importSample', { name: 'iris' });
      await expect(
        core.call('jobs.train', { datasetId: id, target: 'species', params: { epochs: 0 } }),
      ).rejects.toThrow('jobs.train: params.epochs: epochs must be at least 1');
      await expect(
        core.call('jobs.train', { datasetId: id, target: 'species', params: { lr: -1 } }),
      ).rejects.toThrow(/learning rate must be greater than 0/);
    });

    it('a dataset id that does not exist', async () => {
      const core = start();
      await expect(core.call('jobs.train', { datasetId: 99, target: 'y' })).rejects.toThrow(
        'no dataset with id 99',
      );
    });
  });
});
