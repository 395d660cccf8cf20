import type { JobRunners } from './protocol.js';

/**
 * The job kinds a job process runs, by kind. Only the worker entry (jobWorker.ts) imports this:
 * job kinds import jobContext.ts, never the other way round. Each kind's code is imported when a
 * job of that kind runs, so a drift job does not load training (TensorFlow.js) or the file readers.
 */
export const jobKinds = {
  train: async (job, ctx) => (await import('../training/runTraining.js')).runTraining(job, ctx),
  predict: async (job, ctx) => (await import('../training/applyModel.js')).runPredict(job, ctx),
  evaluate: async (job, ctx) => (await import('../training/applyModel.js')).runEvaluate(job, ctx),
  drift: async (job, ctx) => (await import('../drift/runDrift.js')).runDrift(job, ctx),
  import: async (job, ctx) => (await import('../datasets/runImportJob.js')).runImportJob(job, ctx),
  assemble: async (job, ctx) =>
    (await import('../automation/assembleJob.js')).runAssembleJob(job, ctx),
} satisfies JobRunners;
