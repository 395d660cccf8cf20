import type { JobLoaders } from './protocol.js';

/**
 * The job kinds a job process runs, by kind, each loaded when its job arrives: an import never
 * pays for TensorFlow, a training run never for the CSV readers. Only the worker entry
 * (jobWorker.ts) imports this: job kinds import jobContext.ts, never the other way round.
 */
export const jobKinds = {
  train: () => import('../training/runTraining.js').then((m) => m.runTraining),
  predict: () => import('../training/applyModel.js').then((m) => m.runPredict),
  evaluate: () => import('../training/applyModel.js').then((m) => m.runEvaluate),
  drift: () => import('../drift/runDrift.js').then((m) => m.runDrift),
  import: () => import('../datasets/runImportJob.js').then((m) => m.runImportJob),
  assemble: () => import('../automation/assembleJob.js').then((m) => m.runAssembleJob),
} satisfies JobLoaders;
