import { statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { createCore, type Core } from '../core.js';
import { writeDemoRuns } from '../runs/demoRuns.js';
import { openStore, type Store } from '../store/store.js';
import { createReadRouter } from './heavyReadRouter.js';
import { spawnReadWorker } from './spawnReadWorker.js';

const decode = (json: Uint8Array | string) =>
  JSON.parse(typeof json === 'string' ? json : new TextDecoder().decode(json)) as unknown;

describe('read worker (a real thread and its own read-only connection)', () => {
  const tempDir = useTempDirs();
  const cores: Core[] = [];
  const stores: Store[] = [];
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
    for (const store of stores.splice(0)) store.close();
  });
  const demoCore = async (runs = 40) => {
    const dataDir = tempDir();
    const core = createCore({ dataDir });
    cores.push(core);
    await writeDemoRuns(core.store, dataDir, { runs, points: 5 });
    return core;
  };

  it('answers exactly what main answers inline', async () => {
    const core = await demoCore();
    const asks = [
      ['runs.table', {}],
      ['runs.table', { limit: 7 }],
      ['runs.table', { limit: 5, before: 20 }],
      ['runs.table', { ids: [3, 1, 2] }],
      ['runs.query', { filter: 'params.lr < 0.01', sort: '-metrics.val_accuracy' }],
      ['runs.query', { filter: 'metrics.no_such_metric > 1' }],
    ] as const;
    const inline = [];
    for (const [method, input] of asks) inline.push(await core.call(method, input));
    expect(core.reads.routes('runs.table')).toBe(false);
    core.start();
    expect(core.reads.routes('runs.table')).toBe(true);
    for (const [i, [method, input]] of asks.entries()) {
      expect(await core.call(method, input)).toEqual(inline[i]);
      const json = await core.callJson(method, input);
      expect(json).toBeInstanceOf(Uint8Array); // serialised in the worker, not on main
      expect(decode(json)).toEqual(inline[i]);
    }
    expect((inline[5] as { warnings: string[] }).warnings.length).toBe(1);
  });

  it('fails a bad query with the same one line as inline', async () => {
    const core = await demoCore(3);
    const inline = await core.call('runs.query', { filter: 'params.lr <' }).catch((e: Error) => e);
    core.start();
    const routed = await core.call('runs.query', { filter: 'params.lr <' }).catch((e: Error) => e);
    expect(inline).toBeInstanceOf(Error);
    expect((routed as Error).message).toBe((inline as Error).message);
    expect(routed.constructor.name).toBe('UserError');
  });

  it('reads its own writes: metric points main still holds are committed before the read', async () => {
    const core = await demoCore(3);
    core.start();
    const [run] = (await core.call('runs.table', { limit: 1 })) as { id: number }[];
    const batch = (value: number, step: number) => ({
      keys: ['read_your_writes'],
      keyIndex: Uint16Array.of(0),
      step: Float64Array.of(step),
      value: Float64Array.of(value),
      time: Float64Array.of(Date.now()),
    });
    for (let i = 1; i <= 20; i++) {
      core.writer.push(run!.id, batch(i / 10, i)); // held until the writer's next turn
      const [row] = (await core.call('runs.table', { ids: [run!.id] })) as {
        metrics: Record<string, number>;
      }[];
      expect(row!.metrics.read_your_writes).toBe(i / 10);
    }
  });

  it('turns main autocheckpoint off while it checkpoints the WAL itself, and back on at stop', async () => {
    const dataDir = tempDir();
    const store = openStore(dataDir);
    stores.push(store);
    const autocheckpoint = () => store.db.pragma('wal_autocheckpoint', { simple: true });
    const router = createReadRouter({
      spawn: () => spawnReadWorker({ dbFile: store.db.name, checkpointEveryMs: 50 }),
      beforeRead: () => {},
      checkpointing: {
        toWorker: () => store.maintenance.walAutoCheckpoint(0),
        toMain: () => store.maintenance.walAutoCheckpoint(1000),
      },
    });
    router.start();
    await router.read('runs.table', {});
    expect(autocheckpoint()).toBe(0);
    const before = statSync(store.db.name).size;
    await writeDemoRuns(store, dataDir, { runs: 300, points: 20 });
    // Only a checkpoint moves pages from the WAL into the database file: the worker's, here.
    let after = before;
    for (let i = 0; i < 200 && after <= before; i++) {
      await sleep(50);
      after = statSync(store.db.name).size;
    }
    expect(after).toBeGreaterThan(before);
    await router.stop();
    expect(autocheckpoint()).toBe(1000);
    await expect(router.read('runs.table', {})).rejects.toThrow('Benchtop is closing');
  });

  it('a worker that dies mid-read fails that read with one line, and the next read starts a new one', async () => {
    const core = await demoCore(500);
    const workers: Worker[] = [];
    let autocheckpoint = -1;
    const router = createReadRouter({
      spawn: () => {
        const w = spawnReadWorker({ dbFile: core.store.db.name, checkpointEveryMs: 1000 });
        workers.push(w);
        return w;
      },
      beforeRead: () => {},
      checkpointing: {
        toWorker: () => (autocheckpoint = 0),
        toMain: () => (autocheckpoint = 1000),
      },
    });
    router.start();
    const expected = decode(await router.read('runs.table', {}));
    expect(autocheckpoint).toBe(0);
    // Several reads queued: a fast machine may answer the first before the thread goes.
    const inFlight = Array.from({ length: 8 }, () => router.read('runs.table', {}));
    await workers[0]!.terminate(); // as if the thread crashed
    const settled = await Promise.allSettled(inFlight);
    const failed = settled.filter((r) => r.status === 'rejected');
    expect(failed.length).toBeGreaterThan(0);
    for (const r of failed)
      expect(String((r as PromiseRejectedResult).reason.message)).toMatch(
        /^the runs could not be read: the read worker stopped unexpectedly \(exit code 1\); try again$/,
      );
    expect(autocheckpoint).toBe(1000); // main checkpoints again while no worker does
    expect(decode(await router.read('runs.table', {}))).toEqual(expected);
    expect(workers).toHaveLength(2);
    expect(autocheckpoint).toBe(0);
    await router.stop();
    expect(autocheckpoint).toBe(1000);
  });

  it('closes cleanly with the worker running: the store closes after it, and nothing hangs', async () => {
    const core = await demoCore(3);
    core.start();
    await core.call('runs.table', {});
    const pending = core.call('runs.table', {});
    await core.close();
    cores.splice(cores.indexOf(core), 1);
    await pending.then(
      (rows) => expect(Array.isArray(rows)).toBe(true),
      (e: Error) => expect(e.message).toBe('Benchtop is closing; the read was not answered'),
    );
    expect(core.store.isOpen()).toBe(false);
  });
});
