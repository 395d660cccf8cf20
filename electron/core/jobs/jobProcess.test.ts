import { afterEach, describe, expect, it } from 'vitest';
import { enableTestJobs } from '../../testing/syntheticJobs.js';
import { startJob } from './jobProcess.js';
import { TEST_JOBS_ENV, type FromJob } from './protocol.js';

describe('test-only job kinds', () => {
  const before = process.env[TEST_JOBS_ENV];
  afterEach(() => {
    if (before === undefined) delete process.env[TEST_JOBS_ENV];
    else process.env[TEST_JOBS_ENV] = before;
  });

  it('do not exist in a job process unless a test enabled them', async () => {
    delete process.env[TEST_JOBS_ENV];
    const outcome = await startJob({ kind: 'crash', runId: 1 }, () => {}).done;
    expect(outcome).toEqual({
      kind: 'error',
      message: `this job process cannot run "crash" jobs (a test-only kind needs ${TEST_JOBS_ENV}=1)`,
      user: false,
    });
  });

  it('run once a test enables them', async () => {
    enableTestJobs();
    const outcome = await startJob({ kind: 'crash', runId: 1 }, () => {}).done;
    expect(outcome).toMatchObject({
      kind: 'crashed',
      message: expect.stringMatching(/killed by SIGSEGV/),
    });
  });
});

describe('a job streaming metrics', () => {
  it('reaches main in fewer, merged messages holding every point in order, the result last', async () => {
    enableTestJobs();
    const seen: FromJob[] = [];
    const job = {
      kind: 'synthetic-metrics',
      runId: 1,
      points: 20_000,
      batch: 100,
      keys: 4,
    } as const;
    const outcome = await startJob(job, (m) => seen.push(m)).done;
    expect(outcome).toEqual({ kind: 'result', metrics: {} });
    const metrics = seen.filter((m) => m.type === 'metric');
    expect(metrics.length).toBeLessThan(200); // the job sent 200 batches
    const steps = metrics.flatMap((m) => [...m.step]);
    expect(steps).toHaveLength(20_000);
    expect(steps.every((s, i) => s === Math.floor(i / 4))).toBe(true);
    const names = metrics.flatMap((m) => [...m.keyIndex].map((k) => m.keys[k]));
    expect(names.every((n, i) => n === `metric_${i % 4}`)).toBe(true);
    expect(seen.map((m) => m.type)).toEqual(['start', ...metrics.map(() => 'metric'), 'result']);
  });
});
