import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import type { ParsedInput } from '../../../shared/api.js';
import { isTrained, type ModelKind, type Task, type TrainParams } from '../../../shared/domain.js';
import { resolveTrainParams } from '../../../shared/trainingRules.js';
import type { RunDetails } from '../../../shared/api/runRecords.js';
import type { EventBus } from '../eventBus.js';
import { startJob, type JobOutcome } from '../jobs/jobProcess.js';
import type { JobQueue } from '../jobs/jobQueue.js';
import type { FromJob, Job } from '../jobs/protocol.js';
import type { Store } from '../store/store.js';
import type { TrainingRepo } from '../store/trainingRepo.js';
import { UserError } from '../userError.js';
import { recordedParams } from './models/modelChoice.js';
import { planTraining } from './planTraining.js';
import { runAdvice } from './runAdvice.js';

export interface TrainRequest {
  datasetId: number;
  target: string;
  model: ModelKind;
  task?: Task | undefined;
  experiment: string;
  params: Partial<TrainParams>;
}

interface Deps {
  dataDir: string;
  store: Store;
  repo: TrainingRepo;
  queue: JobQueue;
  events: EventBus;
}

/** A job that failed because of its input (a UserError in the job process). */
export class JobInputError extends UserError {}

/** Starting runs, recording what their jobs report, and using their saved models. */
export function createTrainingService({ dataDir, store, repo, queue, events }: Deps) {
  const artifactsDir = (runId: number): string => join(dataDir, 'artifacts', 'runs', String(runId));

  /** Stores what a training job reports, before the supervisor moves the run to its end status. */
  const recorder =
    (runId: number) =>
    (message: FromJob): void => {
      if (message.type === 'environment') repo.setEnvironment(runId, message.env);
      else if (message.type === 'artifact') repo.addArtifact(runId, message);
      else if (message.type === 'log') repo.log(runId, message.level, message.message);
      else if (message.type === 'result') repo.setEvaluation(runId, message.metrics);
    };

  function train(
    request: TrainRequest,
    inTransaction?: (runId: number) => void,
  ): { runId: number; done: Promise<JobOutcome> } {
    const dataset = store.datasets.get(request.datasetId);
    if (!dataset) throw new UserError(`no dataset with id ${request.datasetId}`);
    const params = resolveTrainParams(request.model, request.params);
    const plan = planTraining(dataset, request.target, request.model, params, request.task);
    const runId = store.transaction(() => {
      const id = store.runs.create({
        experiment_id: store.experiments.ensure(request.experiment),
        dataset_id: dataset.id,
        model: request.model,
        task: plan.task,
        target: request.target,
      });
      store.params.set(id, recordedParams(request.model, params));
      for (const d of plan.dropped) repo.log(id, 'warn', `dropped column "${d.name}": ${d.reason}`);
      inTransaction?.(id);
      return id;
    });
    events.emit({ type: 'run.status', runId, status: 'queued', error: null });
    // A purged run's id can come back; its old files must not pass for this run's.
    rmSync(artifactsDir(runId), { recursive: true, force: true });
    const job: Job = {
      kind: 'train',
      runId,
      datasetPath: dataset.storage_path,
      fileName: dataset.file_name,
      datasetHash: dataset.hash,
      target: request.target,
      columns: plan.columns,
      task: plan.task,
      model: request.model,
      params,
      artifactsDir: artifactsDir(runId),
      stream: true,
    };
    return { runId, done: queue.enqueue(job, recorder(runId)) };
  }

  function finishedRun(id: number): string {
    const run = store.runs.get(id);
    if (!run) throw new UserError(`no run with id ${id}`);
    const dir = artifactsDir(id);
    if (run.status !== 'finished' || !existsSync(join(dir, 'model.json'))) {
      throw new UserError(`run ${id} has no saved model (status ${run.status})`);
    }
    return dir;
  }

  /** Predict and evaluate run in their own process too, outside the queue: they are short and asked for now. */
  async function runModelJob(job: Job): Promise<Record<string, number>> {
    const outcome = await startJob(job, () => {}).done;
    if (outcome.kind === 'result') return outcome.metrics;
    if (outcome.kind === 'error' && outcome.user) throw new JobInputError(outcome.message);
    throw new Error(outcome.kind === 'cancelled' ? 'the job was cancelled' : outcome.message);
  }

  /** `predict --out` must name a file in an existing folder, and not the input itself. */
  const writableOutput = (out: string, input: string): void => {
    if (resolve(input) === out)
      throw new UserError(`--out ${out} is the input file; choose another output file`);
    const folder = dirname(out);
    if (!existsSync(folder) || !statSync(folder).isDirectory())
      throw new UserError(`cannot write ${out}: no folder ${folder}`);
    if (existsSync(out) && statSync(out).isDirectory())
      throw new UserError(`cannot write ${out}: it is a folder`);
  };
  const existing = (path: string): string => {
    if (!existsSync(path)) throw new UserError(`no such file: ${path}`);
    return resolve(path);
  };

  return {
    train,
    artifactsDir,
    /** Each metric's latest value: training and `val_` curves at their last epoch, the test split as `test_*`. */
    metricsOf(runId: number): Record<string, number> {
      return store.metrics.latest(runId);
    },
    async predict({ id, path, out }: ParsedInput<'runs.predict'>) {
      const dir = finishedRun(id);
      const dataPath = existing(path);
      writableOutput(resolve(out), dataPath);
      const metrics = await runModelJob({
        kind: 'predict',
        runId: id,
        artifactsDir: dir,
        dataPath,
        fileName: basename(path),
        outPath: resolve(out),
      });
      return { rows: metrics.rows ?? 0, out: resolve(out) };
    },
    async evaluate({ id, path, target }: ParsedInput<'runs.evaluate'>) {
      const dir = finishedRun(id);
      const dataPath = existing(path);
      return {
        metrics: await runModelJob({
          kind: 'evaluate',
          runId: id,
          artifactsDir: dir,
          dataPath,
          fileName: basename(path),
          target,
        }),
      };
    },
    details(id: number): RunDetails {
      const run = store.runs.get(id);
      if (!run) throw new UserError(`no run with id ${id}`);
      const file = join(artifactsDir(id), 'evaluation.json');
      const evaluation = existsSync(file)
        ? z.record(z.string(), z.unknown()).parse(JSON.parse(readFileSync(file, 'utf8')))
        : null;
      const ended = run.status === 'finished' || run.status === 'failed';
      return {
        environment: repo.environment(id),
        evaluation: repo.evaluation(id),
        evaluation_details: evaluation,
        artifacts: repo.artifacts(id),
        logs: repo.logs(id),
        sweep_id: store.sweeps.sweepOf(id),
        advice:
          ended && isTrained(run)
            ? runAdvice({
                model: run.model,
                task: run.task,
                params: store.params.forRun(id),
                loss: store.metrics.series(id, ['loss'])[0]?.values ?? [],
                error: run.error,
                evaluation,
              })
            : [],
      };
    },
  };
}
export type TrainingService = ReturnType<typeof createTrainingService>;
