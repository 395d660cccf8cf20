import type { JobContext } from './jobContext.js';
import { jobKinds } from './jobKinds.js';
import { TEST_JOBS_ENV, ToJob, type AnyJob, type JobLoaders } from './protocol.js';
import { isUserError } from '../userError.js';
import { createMessageCoalescer } from './messageCoalescer.js';

/** Entry point of a job process: receives one `run`, streams messages, exits. */

// The test-only kinds (electron/testing/) exist in this process only when a test asked for them.
const loaders: JobLoaders =
  process.env[TEST_JOBS_ENV] === '1'
    ? {
        ...jobKinds,
        'synthetic-metrics': () =>
          import('../../testing/syntheticJobs.js').then(
            (m) => m.syntheticJobKinds['synthetic-metrics'],
          ),
        crash: () =>
          import('../../testing/syntheticJobs.js').then((m) => m.syntheticJobKinds.crash),
      }
    : jobKinds;

let cancelled = false;
let finished = false;

async function run(jobId: string, job: AnyJob): Promise<void> {
  let lastSend = Promise.resolve();
  // Per-epoch metrics, progress and usage reach main as one message every 200 ms at most.
  const coalescer = createMessageCoalescer((messages) => {
    lastSend = new Promise((resolve) =>
      process.send?.(
        messages.map((m) => ({ ...m, jobId })),
        undefined,
        {},
        () => resolve(),
      ),
    );
  });
  const ctx: JobContext = {
    send: (message) => coalescer.send(message),
    cancelled: () => cancelled,
  };
  try {
    // Typed per kind in the map; TypeScript cannot correlate the lookup with `job`, hence the cast.
    const load = loaders[job.kind] as
      (() => Promise<(job: AnyJob, ctx: JobContext) => Promise<void>>) | undefined;
    const runner = await load?.();
    if (!runner)
      throw new Error(
        `this job process cannot run "${job.kind}" jobs (a test-only kind needs ${TEST_JOBS_ENV}=1)`,
      );
    await runner(job, ctx);
  } catch (e) {
    ctx.send({
      type: 'error',
      message: e instanceof Error ? e.message : String(e),
      user: isUserError(e),
    });
  }
  coalescer.flush(); // a runner may end without a result (cancelled): what it sent still goes
  await lastSend;
  finished = true;
  process.disconnect?.();
}

process.on('message', (raw) => {
  const message = ToJob.safeParse(raw);
  if (!message.success) return;
  if (message.data.type === 'cancel') cancelled = true;
  else void run(message.data.jobId, message.data.job);
});
// Exit once the channel closes: after our own disconnect, or because the owner is gone.
process.on('disconnect', () => process.exit(finished || cancelled ? 0 : 1));
