import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { enableTestJobs } from '../../testing/syntheticJobs.js';
import { aheadPid, discardAhead, startAhead, takeAhead } from './jobAhead.js';
import { startJob } from './jobProcess.js';
import type { FromJob } from './protocol.js';

const metrics = (points: number) =>
  ({ kind: 'synthetic-metrics', runId: 1, points, batch: 10, keys: 2 }) as const;

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('a job started ahead', () => {
  afterEach(() => discardAhead(0));

  it('is adopted by startJob for the same job, with every message it sent before', async () => {
    enableTestJobs();
    startAhead(metrics(40));
    await new Promise((r) => setTimeout(r, 1500)); // it has run (and maybe exited) by now
    const seen: FromJob[] = [];
    const handle = startJob({ ...metrics(40) }, (m) => seen.push(m));
    const outcome = await handle.done;
    expect(outcome).toEqual({ kind: 'result', metrics: expect.any(Object) });
    const points = seen
      .filter((m) => m.type === 'metric')
      .reduce((n, m) => n + (m.type === 'metric' ? m.step.length : 0), 0);
    expect(points).toBe(40);
    expect(seen.every((m) => m.jobId === handle.jobId)).toBe(true);
    expect(takeAhead(metrics(40))).toBeUndefined(); // adopted once
  });

  it('keys the job by its fields, not their order', () => {
    enableTestJobs();
    startAhead(metrics(5));
    const { kind, ...rest } = metrics(5);
    const taken = takeAhead({ ...rest, kind } as ReturnType<typeof metrics>);
    expect(taken?.child.pid).toEqual(expect.any(Number));
    taken?.child.kill('SIGKILL');
  });

  it('is not adopted for another job, which runs in its own process; the other is stopped', async () => {
    enableTestJobs();
    startAhead(metrics(1_000_000_000));
    const other = aheadPid()!;
    const handle = startJob(metrics(20), () => {});
    expect(handle.pid).not.toBe(other);
    expect(aheadPid()).toBeUndefined();
    expect(await handle.done).toMatchObject({ kind: 'result' });
    for (let i = 0; i < 100 && isAlive(other); i++) await new Promise((r) => setTimeout(r, 50));
    expect(isAlive(other)).toBe(false);
  });

  it('is cancelled when nobody adopts it: an import cleans up its scratch files and exits', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-ahead-'));
    try {
      const path = join(dataDir, 'big.csv');
      writeFileSync(path, `a,b\n${'1.5,2.25\n'.repeat(400_000)}`);
      startAhead({ kind: 'import', path, fileName: 'big.csv', dataDir, options: { types: {} } });
      await new Promise((r) => setTimeout(r, 800));
      const pid = aheadPid()!;
      expect(pid).toEqual(expect.any(Number));
      await discardAhead();
      expect(isAlive(pid)).toBe(false);
      expect(readdirSync(join(dataDir, 'datasets', 'tmp'))).toEqual([]); // no .part, no .cols left
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
