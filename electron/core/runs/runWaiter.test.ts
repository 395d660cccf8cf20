import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { enableTestJobs } from '../../testing/syntheticJobs.js';
import { createCore, openCore, type CoreHandle } from '../core.js';

enableTestJobs();

describe('runs.wait and sweeps.wait, through the contract', () => {
  const tempDir = useTempDirs();
  let core: CoreHandle | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });
  let made = 0;
  const scriptRun = async (c: CoreHandle) => {
    const e = await c.call('experiments.create', { name: `waiting-${made++}` });
    return c.call('runs.start', { experimentId: e.id, name: 'script', tags: {} });
  };

  it('answers at once for runs that have ended, and refuses an unknown run', async () => {
    core = openCore({ dataDir: tempDir() });
    const demo = await core.call('runs.demo', { runs: 2, points: 3 });
    const waited = await core.call('runs.wait', { ids: [demo.first_id!, demo.last_id!] });
    expect(waited.ended).toBe(true);
    expect(waited.runs.map((r) => r.id)).toEqual([demo.first_id, demo.last_id]);
    expect(waited.runs.every((r) => r.status === 'finished' || r.status === 'failed')).toBe(true); // demo runs end either way
    await expect(core.call('runs.wait', { ids: [99] })).rejects.toThrow('no run with id 99');
    await expect(core.call('runs.wait', { ids: [] })).rejects.toThrow(
      'runs.wait: ids: name at least one run',
    );
    await expect(core.call('sweeps.wait', { id: 5 })).rejects.toThrow('no sweep with id 5');
  });

  it('resolves when the run ends, gives up after timeoutMs, and settles open waits when the core closes', async () => {
    const c = (core = openCore({ dataDir: tempDir() }));
    const run = await scriptRun(c);
    expect(await c.call('runs.wait', { ids: [run.id], timeoutMs: 20 })).toEqual({
      ended: false,
      runs: [{ id: run.id, status: 'running' }],
    });
    const waiting = c.call('runs.wait', { ids: [run.id] });
    await c.call('runs.update', { uid: run.uid, status: 'finished' });
    expect(await waiting).toEqual({ ended: true, runs: [{ id: run.id, status: 'finished' }] });

    const other = await scriptRun(c);
    const open = c.call('runs.wait', { ids: [other.id] });
    await c.close();
    core = undefined;
    expect((await open).ended).toBe(false);
  });

  it('resolves with the status the run was told to end with when the store cannot save it (a full disk)', async () => {
    const c = createCore({ dataDir: tempDir() });
    core = c;
    const { id } = await c.call('datasets.importSample', { name: 'iris' });
    const runId = c.store.runs.create({
      experiment_id: c.store.experiments.ensure('unsaved end'),
      dataset_id: id,
      model: 'logistic',
      task: 'multiclass',
      target: 'species',
    });
    let statusEvent: string | undefined;
    c.events.subscribe((e) => {
      if (e.type === 'run.metric' && e.runId === runId) c.store.db.pragma('query_only = ON'); // every write fails from here
      if (e.type === 'run.status' && e.runId === runId) statusEvent = e.status;
    });
    const job = c.jobs.run({ kind: 'synthetic-metrics', runId, points: 1e7, batch: 400, keys: 4 });
    const waited = await c.call('runs.wait', { ids: [runId] });
    await job.done;
    expect(statusEvent).toBe('failed');
    expect(waited).toEqual({ ended: true, runs: [{ id: runId, status: 'failed' }] });
    c.store.db.pragma('query_only = OFF');
    expect(c.store.runs.get(runId)!.status).toBe('running'); // not saved: the next start marks it interrupted
  });
});
