import type { JobContext } from '../core/jobs/jobContext.js';
import { TEST_JOBS_ENV, type JobRunners, type SyntheticMetricsJob } from '../core/jobs/protocol.js';

/**
 * Test-only job kinds. A job process loads them only when its environment has BENCHTOP_TEST_JOBS=1;
 * a test or bench calls `enableTestJobs()` first, and the job processes it starts inherit it.
 */
export function enableTestJobs(): void {
  process.env[TEST_JOBS_ENV] = '1';
}

/** Streams `points` metric points as fast as the protocol allows (the ingest benchmark's job). */
export async function runSyntheticMetrics(
  job: SyntheticMetricsJob,
  ctx: JobContext,
): Promise<void> {
  ctx.send({ type: 'start', backend: 'none' });
  const keys = Array.from({ length: job.keys }, (_, i) => `metric_${i}`);
  for (let sent = 0; sent < job.points && !ctx.cancelled(); sent += job.batch) {
    const n = Math.min(job.batch, job.points - sent);
    const keyIndex = new Uint16Array(n);
    const step = new Float64Array(n);
    const value = new Float64Array(n);
    const time = new Float64Array(n);
    const now = Date.now();
    for (let i = 0; i < n; i++) {
      const p = sent + i;
      keyIndex[i] = p % job.keys;
      step[i] = Math.floor(p / job.keys);
      value[i] = Math.sin(p / 1000);
      time[i] = now;
    }
    ctx.send({ type: 'metric', keys, keyIndex, step, value, time });
    // Yield so a cancel message can arrive between batches.
    if ((sent / job.batch) % 64 === 63) await new Promise((r) => setImmediate(r));
  }
  ctx.send({ type: 'result', metrics: {} });
}

/** Dies the way a native crash would: no result, no error message, a signal. */
export function runCrash(): never {
  process.kill(process.pid, 'SIGSEGV');
  throw new Error('unreachable');
}

export const syntheticJobKinds = {
  'synthetic-metrics': runSyntheticMetrics,
  crash: runCrash,
} satisfies JobRunners;
