import { runAssembleJob } from '../automation/assembleJob.js';
import { runImportJob } from '../datasets/runImportJob.js';
import { runDrift } from '../drift/runDrift.js';
import { runEvaluate, runPredict } from '../training/applyModel.js';
import { runTraining } from '../training/runTraining.js';
import type { JobRunners } from './protocol.js';

/**
 * The job kinds a job process runs, by kind. Only the worker entry (jobWorker.ts) imports this:
 * job kinds import jobContext.ts, never the other way round.
 */
export const jobKinds = {
  train: runTraining,
  predict: runPredict,
  evaluate: runEvaluate,
  drift: runDrift,
  import: runImportJob,
  assemble: runAssembleJob,
} satisfies JobRunners;
