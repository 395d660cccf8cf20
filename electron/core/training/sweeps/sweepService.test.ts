import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import { waitForRunEnd } from '../../../testing/waitForRun.js';
import { createCore, type Core } from '../../core.js';

describe('sweeps through the core', () => {
  const tempDir = useTempDirs();
  const open: Core[] = [];
  afterEach(async () => {
    for (const core of open.splice(0)) await core.close();
  });
  const start = () => {
    const core = createCore({ dataDir: tempDir() });
    core.training.queue.setLimit(2);
    open.push(core);
    return core;
  };

  it('successive halving trains every trial briefly, then the best third longer, and marks the best of the last rung', async () => {
    const core = start();
    const { id: datasetId } = await core.call('datasets.importSample', { name: 'iris' });
    const { id, runIds } = await core.call('sweeps.create', {
      datasetId,
      target: 'species',
      model: 'logistic',
      params: { epochs: 6 },
      random: { trials: 3, ranges: { lr: { low: 0.001, high: 0.5, log: true } } },
      metric: 'log_loss',
      halving: true,
      seed: 4,
    });
    expect(runIds).toHaveLength(3);
    await core.training.sweepService.whenDone(id);
    const sweep = await core.call('sweeps.get', { id });
    // Asked for as log_loss, ranked and reported by the test split's: test_log_loss.
    expect(sweep).toMatchObject({ status: 'finished', metric: 'test_log_loss', goal: 'min' });
    expect(sweep.runs.map((r) => r.params.epochs)).toEqual([2, 2, 2, 6]);
    const last = sweep.runs[3]!;
    expect(sweep.best_run_id).toBe(last.id);
    // The survivor is the rung-0 trial with the lowest log loss, trained again with its own rate.
    const rung0 = sweep.runs
      .slice(0, 3)
      .sort((a, b) => a.metrics.test_log_loss! - b.metrics.test_log_loss!);
    expect(last.params.lr).toBe(rung0[0]!.params.lr);
    expect((await core.call('runs.details', { id: last.id })).sweep_id).toBe(id);
  });

  it('cancelling a sweep cancels its trials and ends it cancelled', async () => {
    const core = start();
    const { id: datasetId } = await core.call('datasets.importSample', { name: 'iris' });
    const { id, runIds } = await core.call('sweeps.create', {
      datasetId,
      target: 'species',
      model: 'logistic',
      params: { epochs: 5000 },
      grid: { lr: [0.1, 0.01, 0.001] },
    });
    expect((await core.call('sweeps.cancel', { id })).cancelled).toBeGreaterThan(0);
    for (const r of runIds) expect(await waitForRunEnd(core, r)).toBe('cancelled');
    await core.training.sweepService.whenDone(id);
    expect((await core.call('sweeps.get', { id })).status).toBe('cancelled');
    expect((await core.call('sweeps.list', {})).map((s) => s.status)).toEqual(['cancelled']);
  });
});
