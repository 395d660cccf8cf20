import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { UserError } from '../userError.js';
import { createReadRouter, type ReadWorkerLike } from './heavyReadRouter.js';
import type { FromReadWorker, ToReadWorker } from './readProtocol.js';

/** A worker that records what it is sent and answers only when the test says so. */
class FakeWorker extends EventEmitter implements ReadWorkerLike {
  sent: ToReadWorker[] = [];
  terminated = false;
  constructor(private readonly log: string[]) {
    super();
  }
  postMessage(message: ToReadWorker): void {
    this.sent.push(message);
    this.log.push(`post ${message.type}`);
  }
  reply(message: FromReadWorker): void {
    this.emit('message', message);
  }
  exit(code: number): void {
    this.emit('exit', code);
  }
  terminate(): Promise<number> {
    this.terminated = true;
    this.exit(1);
    return Promise.resolve(1);
  }
}

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const text = (json: Uint8Array) => JSON.parse(new TextDecoder().decode(json)) as unknown;

function rig(stopGraceMs = 2000) {
  const log: string[] = [];
  const workers: FakeWorker[] = [];
  const router = createReadRouter({
    spawn: () => {
      const w = new FakeWorker(log);
      workers.push(w);
      return w;
    },
    beforeRead: () => log.push('flush'),
    checkpointing: {
      toWorker: () => log.push('checkpoints to worker'),
      toMain: () => log.push('checkpoints to main'),
    },
    stopGraceMs,
  });
  const lastRead = (w: FakeWorker) =>
    w.sent.filter((m): m is Extract<ToReadWorker, { type: 'read' }> => m.type === 'read').at(-1)!;
  return { log, workers, router, lastRead };
}

describe('heavyReadRouter', () => {
  it('routes only the whole-table reads, and only once started', () => {
    const { router } = rig();
    expect(router.routes('runs.table')).toBe(false); // the CLI never starts it
    router.start();
    expect(router.routes('runs.table')).toBe(true);
    expect(router.routes('runs.query')).toBe(true);
    expect(router.routes('runs.setTag')).toBe(false);
    expect(router.routes('runs.get')).toBe(false);
  });

  it('flushes held writes before posting each read, and matches answers by sequence number', async () => {
    const { router, workers, log, lastRead } = rig();
    router.start();
    const w = workers[0]!;
    w.reply({ type: 'ready' });
    const first = router.read('runs.table', {});
    const firstSeq = lastRead(w).seq;
    const second = router.read('runs.query', { filter: 'x' });
    const secondSeq = lastRead(w).seq;
    expect(log).toEqual(['checkpoints to worker', 'flush', 'post read', 'flush', 'post read']);
    w.reply({ type: 'answer', seq: secondSeq, json: bytes({ ids: [2] }) });
    w.reply({ type: 'answer', seq: firstSeq, json: bytes([{ id: 1 }]) });
    expect(text(await first)).toEqual([{ id: 1 }]);
    expect(text(await second)).toEqual({ ids: [2] });
    expect(router.pendingCount).toBe(0);
  });

  it("passes the worker's user errors on as user errors, with storage codes kept", async () => {
    const { router, workers, lastRead } = rig();
    router.start();
    const w = workers[0]!;
    const bad = router.read('runs.query', { filter: '(' });
    w.reply({
      type: 'failed',
      seq: lastRead(w).seq,
      message: 'query at 1: expected a field',
      user: true,
    });
    await expect(bad).rejects.toThrow(UserError);
    const full = router.read('runs.table', {});
    w.reply({
      type: 'failed',
      seq: lastRead(w).seq,
      message: 'database or disk is full',
      user: false,
      code: 'SQLITE_FULL',
    });
    await expect(full).rejects.toMatchObject({ code: 'SQLITE_FULL' });
  });

  it('fails pending reads with one clear line when the worker dies, then starts a new one', async () => {
    const { router, workers, log, lastRead } = rig();
    router.start();
    workers[0]!.reply({ type: 'ready' });
    const pending = router.read('runs.table', {});
    workers[0]!.emit('error', new Error('out of memory\n    at somewhere'));
    workers[0]!.exit(1);
    await expect(pending).rejects.toThrow(
      'the runs could not be read: the read worker stopped unexpectedly (exit code 1: out of memory); try again',
    );
    await expect(pending).rejects.toBeInstanceOf(UserError);
    expect(log.filter((l) => l.startsWith('checkpoints'))).toEqual([
      'checkpoints to worker',
      'checkpoints to main',
    ]);
    const next = router.read('runs.table', {});
    expect(workers).toHaveLength(2);
    const w2 = workers[1]!;
    w2.reply({ type: 'ready' });
    w2.reply({ type: 'answer', seq: lastRead(w2).seq, json: bytes([]) });
    expect(text(await next)).toEqual([]);
    expect(log.filter((l) => l.startsWith('checkpoints')).at(-1)).toBe('checkpoints to worker');
  });

  it('reads inline after the worker fails to start twice in a row', async () => {
    const { router, workers } = rig();
    router.start();
    workers[0]!.exit(1);
    expect(router.routes('runs.table')).toBe(true);
    const again = router.read('runs.table', {});
    workers[1]!.exit(1);
    await expect(again).rejects.toThrow(/read worker stopped unexpectedly/);
    expect(router.routes('runs.table')).toBe(false);
  });

  it('stops the worker, gives checkpoints back to main, and refuses reads after', async () => {
    const { router, workers, log } = rig();
    router.start();
    const w = workers[0]!;
    w.reply({ type: 'ready' });
    const stopped = router.stop();
    expect(w.sent.at(-1)).toEqual({ type: 'stop' });
    expect(router.routes('runs.table')).toBe(false);
    w.reply({ type: 'stopped' });
    w.exit(0);
    await stopped;
    expect(w.terminated).toBe(false);
    expect(log.at(-1)).toBe('checkpoints to main');
    await expect(router.read('runs.table', {})).rejects.toThrow('Benchtop is closing');
  });

  it('terminates a worker that does not stop within the grace period', async () => {
    const { router, workers } = rig(10);
    router.start();
    workers[0]!.reply({ type: 'ready' });
    await router.stop();
    expect(workers[0]!.terminated).toBe(true);
  });
});
