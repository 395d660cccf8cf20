import { ToJob, type AnyJob, type FromJob } from './protocol.js';
import { runCrash, runSyntheticMetrics } from './syntheticJobs.js';
import { runTraining } from '../training/runTraining.js';
import { runDrift } from '../drift/runDrift.js';
import { runImportJob } from '../datasets/runImportJob.js';
import { runAssembleJob } from '../automation/assembleJob.js';
import { runEvaluate, runPredict } from '../training/applyModel.js';
import { isUserError } from '../userError.js';

/** Entry point of a job process: receives one `run`, streams messages, exits. */

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
export interface JobContext {
  send(message: DistributiveOmit<FromJob, 'jobId'>): void;
  cancelled(): boolean;
}

let cancelled = false;
let finished = false;

async function run(jobId: string, job: AnyJob): Promise<void> {
  let lastSend = Promise.resolve();
  const ctx: JobContext = {
    send(message) {
      lastSend = new Promise((resolve) => process.send?.({ ...message, jobId }, undefined, {}, () => resolve()));
    },
    cancelled: () => cancelled,
  };
  try {
    switch (job.kind) {
      case 'train':
        await runTraining(job, ctx);
        break;
      case 'predict':
        await runPredict(job, ctx);
        break;
      case 'evaluate':
        await runEvaluate(job, ctx);
        break;
      case 'drift':
        await runDrift(job, ctx);
        break;
      case 'import':
        await runImportJob(job, ctx);
        break;
      case 'assemble':
        await runAssembleJob(job, ctx);
        break;
      case 'synthetic-metrics':
        await runSyntheticMetrics(job, ctx);
        break;
      case 'crash':
        runCrash();
    }
  } catch (e) {
    ctx.send({ type: 'error', message: e instanceof Error ? e.message : String(e), user: isUserError(e) });
  }
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
