import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import type { Input } from '../../../shared/api.js';
import { modelMetrics } from '../../../shared/metricNames.js';
import { useTempDirs } from '../../testing/tempDir.js';
import { waitForRunEnd } from '../../testing/waitForRun.js';
import { createCore, type Core } from '../core.js';
import { evaluateClassification } from './evaluation/index.js';
import { sha256File } from './artifacts/writeArtifacts.js';

const CLASSIFICATION = [
  'accuracy',
  'f1_macro',
  'log_loss',
  'precision_macro',
  'recall_macro',
  'roc_auc',
];

describe('training: models, artifacts, reproducibility, queue', () => {
  const tempDir = useTempDirs();
  const open: Core[] = [];
  const start = () => {
    const core = createCore({ dataDir: tempDir() });
    open.push(core);
    return core;
  };
  afterEach(async () => {
    for (const core of open.splice(0)) await core.close();
  });
  const train = async (core: Core, input: Input<'jobs.train'>) => {
    const { runId } = await core.call('jobs.train', input);
    const status = await waitForRunEnd(core, runId);
    return {
      runId,
      status,
      run: await core.call('runs.get', { id: runId }),
      details: await core.call('runs.details', { id: runId }),
    };
  };

  it('an MLP on a binary target: test metrics with the issue names, curves and confusion stored, checksummed artifacts, environment', async () => {
    const core = start();
    const { id } = await core.call('datasets.importSample', { name: 'breast_cancer' });
    const params = {
      epochs: 4,
      hidden: '16,8',
      dropout: 0.2,
      l2: 0.001,
      class_weight: 'balanced' as const,
      optimizer: 'rmsprop' as const,
      lr: 0.01,
    };
    const { status, run, details } = await train(core, {
      datasetId: id,
      target: 'diagnosis',
      model: 'mlp',
      params,
    });
    expect(status).toBe('finished');
    expect(run).toMatchObject({ model: 'mlp', task: 'binary' });
    // The test split under test_* names, beside the curves' last epoch.
    expect(
      Object.keys(run.metrics)
        .filter((k) => k.startsWith('test_'))
        .sort(),
    ).toEqual(CLASSIFICATION.map((k) => `test_${k}`));
    for (const k of CLASSIFICATION) expect(run.metrics[`test_${k}`]).toBe(details.evaluation![k]);
    expect(run.params).toMatchObject({
      hidden: '16,8',
      dropout: 0.2,
      class_weight: 'balanced',
      optimizer: 'rmsprop',
    });
    const series = await core.call('runs.metrics', { id: run.id });
    expect(
      series
        .filter((s) => !s.key.startsWith('test_'))
        .map((s) => s.key)
        .sort(),
    ).toEqual([
      'accuracy',
      'loss',
      'system/process_cpu_percentage',
      'system/process_rss_megabytes',
      'val_accuracy',
      'val_loss',
    ]);
    // Each test metric is one point, at the final epoch.
    for (const s of series.filter((x) => x.key.startsWith('test_'))) expect(s.steps).toEqual([4]);

    const evaluation = details.evaluation_details as {
      confusion: number[][];
      roc: { fpr: number[] }[];
      pr: unknown[];
    };
    expect(evaluation.confusion.flat().reduce((a, b) => a + b, 0)).toBe(114);
    expect(evaluation.roc).toHaveLength(1);
    expect(evaluation.roc[0]!.fpr.length).toBeGreaterThan(2);
    expect(details.artifacts.map((a) => a.name)).toEqual([
      'environment.json',
      'evaluation.json',
      'metrics.json',
      'model.json',
      'preprocessing.json',
      'weights.bin',
    ]);
    for (const a of details.artifacts) expect(sha256File(a.path).sha256).toBe(a.sha256);
    expect(details.artifacts[0]!.path).toContain(join('artifacts', 'runs', String(run.id)));
    expect(details.environment).toMatchObject({
      backend: run.backend,
      seed: 42,
      node_version: process.versions.node,
      tfjs_version: expect.any(String),
    });
    expect(details.environment!['dataset_hash']).toMatch(/^sha256:/);
  });

  it('linear regression with L1/L2 streams loss and rmse, and stores rmse/mae/r2 and residuals', async () => {
    const core = start();
    const { id } = await core.call('datasets.import', {
      path: join(import.meta.dirname, '..', '..', '..', 'samples', 'diabetes.csv'),
    });
    const { status, run, details } = await train(core, {
      datasetId: id,
      target: 'progression',
      model: 'linear',
      params: { epochs: 5, lr: 0.05, l1: 0.001, l2: 0.01 },
    });
    expect(status).toBe('finished');
    expect(run.task).toBe('regression');
    // rmse is the training curve's last epoch; test_rmse the test split's.
    expect(Object.keys(run.metrics).sort()).toEqual([
      'loss',
      'rmse',
      'system/process_cpu_percentage',
      'system/process_rss_megabytes',
      'test_mae',
      'test_r2',
      'test_rmse',
      'val_loss',
      'val_rmse',
    ]);
    expect(run.metrics.test_rmse).toBe(details.evaluation!.rmse);
    const series = await core.call('runs.metrics', { id: run.id });
    expect(
      series
        .filter((s) => !s.key.startsWith('test_'))
        .map((s) => s.key)
        .sort(),
    ).toEqual([
      'loss',
      'rmse',
      'system/process_cpu_percentage',
      'system/process_rss_megabytes',
      'val_loss',
      'val_rmse',
    ]);
    expect(run.metrics.rmse).toBe(series.find((s) => s.key === 'rmse')!.values.at(-1));
    expect((details.evaluation_details as { residuals: number[] }).residuals).toHaveLength(88);
  });

  it('the same seed on the same backend gives the same metrics and weights to the last digit (MLP with dropout)', async () => {
    const core = start();
    const { id } = await core.call('datasets.importSample', { name: 'wine' });
    const once = async (seed: number) => {
      const r = await train(core, {
        datasetId: id,
        target: 'cultivar',
        model: 'mlp',
        params: { epochs: 3, hidden: '8', dropout: 0.3, seed },
      });
      return {
        // The job's CPU and memory (system/*) are the machine's, not the seed's.
        metrics: modelMetrics(r.run.metrics),
        weights: r.details.artifacts.find((a) => a.name === 'weights.bin')!.sha256,
      };
    };
    const [a, b, c] = [await once(5), await once(5), await once(6)];
    expect(b).toEqual(a);
    expect(c.metrics).not.toEqual(a.metrics);
  });

  it('evaluate equals the evaluation module on the probabilities predict writes; unseen categories are handled', async () => {
    const core = start();
    const dir = tempDir();
    const rows = Array.from(
      { length: 60 },
      (_, i) => `${i % 10},${['red', 'green', 'blue'][i % 3]},${i % 10 > 4 ? 'yes' : 'no'}`,
    );
    const file = join(dir, 'coloured.csv');
    writeFileSync(file, `x,colour,label\n${rows.join('\n')}\n`);
    const { id } = await core.call('datasets.import', { path: file });
    const { runId, status } = await train(core, {
      datasetId: id,
      target: 'label',
      model: 'logistic',
      params: { epochs: 5 },
    });
    expect(status).toBe('finished');

    const fresh = join(dir, 'fresh.csv');
    writeFileSync(fresh, 'x,colour,label\n1,purple,no\n9,red,yes\n7,,yes\n');
    const out = join(dir, 'out.csv');
    expect(await core.call('runs.predict', { id: runId, path: fresh, out })).toEqual({
      rows: 3,
      out,
    });
    const parsed = Papa.parse<string[]>(readFileSync(out, 'utf8').trim()).data;
    expect(parsed[0]).toEqual(['x', 'colour', 'label', 'prediction', 'proba_no', 'proba_yes']);
    const proba = Float64Array.from(parsed.slice(1).flatMap((r) => [Number(r[4]), Number(r[5])]));
    const expected = evaluateClassification(Int32Array.from([0, 1, 1]), proba, [
      'no',
      'yes',
    ]).metrics;
    const { metrics } = await core.call('runs.evaluate', {
      id: runId,
      path: fresh,
      target: 'label',
    });
    expect(metrics.accuracy).toBe(expected.accuracy);
    expect(metrics.log_loss).toBeCloseTo(expected.log_loss!, 6);
  });

  it('an all-missing feature column is dropped and reported; the run still trains', async () => {
    const core = start();
    const content = `a,empty,y\n${Array.from({ length: 30 }, (_, i) => `${i},,${i % 2}`).join('\n')}\n`;
    const d = await core.call('datasets.upload', { fileName: 'gaps.csv', content });
    const { status, details } = await train(core, {
      datasetId: d.id,
      target: 'y',
      params: { epochs: 2 },
    });
    expect(status).toBe('finished');
    expect(details.logs).toContainEqual({
      level: 'warn',
      message: 'dropped column "empty": all values missing',
    });
  });

  it('early stopping keeps the best epoch and stops after `patience` epochs without improvement', async () => {
    const core = start();
    const { id } = await core.call('datasets.importSample', { name: 'iris' });
    const { details } = await train(core, {
      datasetId: id,
      target: 'species',
      model: 'mlp',
      params: { epochs: 200, lr: 0.05, hidden: '32', patience: 3, monitor: 'val_loss' },
    });
    const metrics = JSON.parse(
      readFileSync(details.artifacts.find((a) => a.name === 'metrics.json')!.path, 'utf8'),
    );
    expect(metrics.stopped_early).toBe(true);
    expect(metrics.epochs_run).toBeLessThan(200);
    expect(metrics.epochs_run - metrics.best_epoch).toBe(3);
  });

  it('k-fold cross-validation reports mean and std per metric over the folds, beside the test metrics', async () => {
    const core = start();
    const { id } = await core.call('datasets.importSample', { name: 'iris' });
    const { run, details } = await train(core, {
      datasetId: id,
      target: 'species',
      params: { epochs: 3, cv_folds: 3 },
    });
    expect(run.params.cv_folds).toBe(3);
    const saved = JSON.parse(
      readFileSync(details.artifacts.find((a) => a.name === 'metrics.json')!.path, 'utf8'),
    );
    const folds: { accuracy: number }[] = saved.cross_validation.folds;
    expect(folds).toHaveLength(3);
    const mean = folds.reduce((a, f) => a + f.accuracy, 0) / 3;
    expect(run.metrics.cv_accuracy_mean).toBeCloseTo(mean, 12);
    expect(run.metrics.cv_accuracy_std).toBeGreaterThanOrEqual(0);
    expect(run.metrics.test_accuracy).toBeDefined();
  });

  it('the queue runs at most its limit at once, shows positions, and cancels a queued run before it starts', async () => {
    const core = start();
    core.training.queue.setLimit(1);
    const { id } = await core.call('datasets.importSample', { name: 'iris' });
    const ids = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (await core.call('jobs.train', { datasetId: id, target: 'species', params: { epochs: 3 } }))
          .runId,
      );
    const { limit, jobs } = await core.call('jobs.list', {});
    expect(limit).toBe(1);
    expect(jobs.map((j) => [j.runId, j.state, j.position])).toEqual([
      [ids[0], 'running', null],
      [ids[1], 'queued', 1],
      [ids[2], 'queued', 2],
    ]);
    expect(await core.call('jobs.cancel', { runId: ids[2]! })).toEqual({ cancelled: true });
    expect(await waitForRunEnd(core, ids[2]!)).toBe('cancelled');
    expect((await core.call('runs.get', { id: ids[2]! })).started_at).toBeNull();
    expect(await waitForRunEnd(core, ids[1]!)).toBe('finished');
    expect(await waitForRunEnd(core, ids[0]!)).toBe('finished');
  });
});
