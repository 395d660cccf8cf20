import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { openCore, type CoreHandle } from '../core.js';

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
});
