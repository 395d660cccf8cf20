import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  STEP_NAMES,
  type Pipeline,
  type PipelineSource,
  type PipelineSummary,
} from '../../../shared/api/automation.js';
import type { EventBus } from '../eventBus.js';
import type { PipelineConfig } from '../store/automationRepo.js';
import { isAlive } from '../processAlive.js';
import { isUserError, oneLine, UserError } from '../userError.js';
import { championOf, versionsOf } from './champion.js';
import { createSteps, promoteCandidate, type StepDeps, type StepOutcome } from './pipelineSteps.js';

/** `pipeline run` without a policy: drift trigger, reference + new data, no automatic promotion. */
export const DEFAULT_CONFIG: PipelineConfig = {
  trigger: 'drift',
  metric: null,
  margin: 0,
  threshold: null,
  strategy: 'reference+new',
  autoPromote: false,
  dataset: null,
};

const sha256File = (path: string): Promise<string> =>
  new Promise((done, fail) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', fail)
      .on('end', () => done(`sha256:${hash.digest('hex')}`));
  });

export interface RunRequest {
  model: string;
  path?: string | undefined;
  datasetId?: number | undefined;
  source: PipelineSource;
  wait: boolean;
}

/**
 * Pipeline runs: a persisted state machine (each step written as it starts and ends), at most one
 * running per model, the same data for the same model and policy never retrained twice.
 */
export function createPipelineService(deps: StepDeps & { events: EventBus }) {
  const { store, repo, events } = deps;
  const steps = createSteps(deps);
  const active = new Map<number, Promise<void>>();
  let stopping = false;

  const emit = (id: number) => {
    const p = repo.pipeline(id)?.summary;
    if (p)
      events.emit({
        type: 'pipeline.status',
        pipelineId: id,
        model: p.model,
        status: p.status,
        reason: p.reason,
      });
  };

  function detail(id: number, existing = false): Pipeline {
    const found = repo.pipeline(id);
    if (!found) throw new UserError(`no pipeline with id ${id}`);
    const { summary } = found;
    const drift =
      summary.drift_report_id === null ? null : (store.drift.get(summary.drift_report_id) ?? null);
    return { ...summary, drift, existing };
  }

  function finish(id: number, outcome: Required<StepOutcome>['end']): void {
    store.transaction(() => {
      // An interrupted pipeline keeps its later steps pending: a resume runs them.
      if (outcome.status !== 'interrupted')
        for (const s of repo.pipeline(id)!.summary.steps)
          if (s.status === 'pending') repo.setStep(id, s.name, 'skipped');
      repo.patch(id, { reason: outcome.reason });
      repo.setStatus(id, outcome.status);
    });
    emit(id);
  }

  /** Runs the steps not yet done, in order, recording each before and after. */
  async function execute(id: number): Promise<void> {
    for (const name of STEP_NAMES) {
      const found = repo.pipeline(id)!;
      const step = found.summary.steps.find((s) => s.name === name)!;
      if (step.status === 'done' || step.status === 'skipped') continue;
      if (stopping) {
        // The app is closing between steps: leave the rest for a resume.
        store.transaction(() => {
          repo.patch(id, {
            reason: 'interrupted: the app stopped mid-pipeline; resume it or trigger it again',
          });
          repo.setStatus(id, 'interrupted');
        });
        return emit(id);
      }
      repo.setStep(id, name, 'running');
      let outcome: StepOutcome;
      try {
        const champion = championOf(
          store,
          deps.training.artifactsDir,
          found.summary.model,
          found.summary.champion_version_id,
        );
        outcome = await steps[name]({
          id,
          pipeline: found.summary,
          config: found.config,
          champion,
        });
      } catch (e) {
        const message = oneLine(e);
        if (stopping) {
          repo.setStep(id, name, 'interrupted', `the app stopped during this step: ${message}`);
          finish(id, {
            status: 'interrupted',
            reason: 'interrupted: the app stopped mid-pipeline; resume it or trigger it again',
          });
        } else {
          repo.setStep(id, name, 'failed', message);
          finish(id, { status: 'failed', reason: `${name} failed: ${message}` });
          if (!isUserError(e) && process.env.BENCHTOP_DEBUG) console.error(e);
        }
        return;
      }
      store.transaction(() => {
        repo.patch(id, outcome.patch ?? {});
        repo.setStep(id, name, outcome.waiting ? 'waiting' : 'done', outcome.detail);
      });
      if (outcome.end) return finish(id, outcome.end);
    }
    finish(id, { status: 'finished', reason: repo.pipeline(id)!.summary.reason || 'finished' });
  }

  function launch(id: number): Promise<void> {
    const run = execute(id).finally(() => active.delete(id));
    // A caller that does not wait (the app) must not crash on a fault no step caught; one that waits still sees it.
    run.catch((e: unknown) => console.error(`benchtop: pipeline ${id}: ${oneLine(e)}`));
    active.set(id, run);
    return run;
  }

  function ensureIdle(modelId: number, model: string): void {
    repo.markOrphansInterrupted(isAlive, (id) => active.has(id));
    const running = repo.runningOf(modelId);
    if (running) {
      throw new UserError(
        `model ${model} already has a pipeline running (#${running.id}); one pipeline runs at a time per model, try again when it ends`,
      );
    }
  }

  async function resumeById(id: number, wait: boolean): Promise<Pipeline> {
    const found = repo.pipeline(id);
    if (!found) throw new UserError(`no pipeline with id ${id}`);
    if (found.summary.status !== 'interrupted')
      throw new UserError(
        `pipeline ${id} is ${found.summary.status}; only an interrupted pipeline can be resumed`,
      );
    ensureIdle(found.modelId, found.summary.model);
    store.transaction(() => {
      for (const s of found.summary.steps)
        if (s.status === 'interrupted' || s.status === 'skipped')
          repo.setStep(id, s.name, 'pending');
      repo.patch(id, { reason: `resumed after an interruption` });
      repo.setStatus(id, 'running');
    });
    emit(id);
    const run = launch(id);
    if (wait) await run;
    return detail(id);
  }

  return {
    detail,
    list: (model?: string): PipelineSummary[] => repo.pipelines(model),
    /** At start-up: pipelines whose process died are marked interrupted. */
    recover: () => repo.markOrphansInterrupted(isAlive, (id) => active.has(id)),
    resume: resumeById,

    async run(request: RunRequest): Promise<Pipeline> {
      const modelId = versionsOf(store, request.model)[0]!.model_id;
      championOf(store, deps.training.artifactsDir, request.model); // can it be retrained at all?
      const policy = repo.policyOfModel(modelId);
      const config: PipelineConfig = policy
        ? {
            trigger: policy.trigger,
            metric: policy.metric,
            margin: policy.margin,
            threshold: policy.threshold,
            strategy: policy.strategy,
            autoPromote: policy.auto_promote,
            dataset: policy.dataset,
          }
        : DEFAULT_CONFIG;
      let dataPath: string;
      let dataHash: string;
      if (request.path !== undefined) {
        dataPath = resolve(request.path);
        if (!existsSync(dataPath)) throw new UserError(`no such file: ${request.path}`);
        if (statSync(dataPath).isDirectory())
          throw new UserError(`${request.path} is a folder; give a data file`);
        dataHash = await sha256File(dataPath);
      } else {
        const d = store.datasets.get(request.datasetId!);
        if (!d) throw new UserError(`no dataset with id ${request.datasetId}`);
        dataPath = d.original_path ?? d.storage_path;
        dataHash = d.hash;
      }
      repo.markOrphansInterrupted(isAlive, (id) => active.has(id));
      const earlier = repo.sameData(modelId, dataHash, policy?.id ?? null);
      const interrupted = earlier.find((p) => p.status === 'interrupted');
      const completed = earlier.find(
        (p) => p.status === 'finished' || p.status === 'waiting' || p.status === 'running',
      );
      if (completed) {
        const previous = detail(completed.id, true);
        return {
          ...previous,
          reason: `this data already went through pipeline #${completed.id} (${completed.status}); not retrained again — ${completed.reason}`,
        };
      }
      if (interrupted) return resumeById(interrupted.id, request.wait);
      ensureIdle(modelId, request.model);
      let id: number;
      try {
        id = repo.createPipeline({
          modelId,
          policyId: policy?.id ?? null,
          source: request.source,
          config,
          dataPath,
          dataHash,
        });
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
          ensureIdle(modelId, request.model);
        throw e;
      }
      if (request.datasetId !== undefined) repo.patch(id, { dataset_id: request.datasetId });
      emit(id);
      const run = launch(id);
      if (request.wait) await run;
      return detail(id);
    },

    approve(id: number, reason: string): Pipeline {
      const p = waiting(id);
      const candidate = deps.registry.publicOf(p.candidate_version_id!);
      const why = `promoted on approval${reason ? `: ${reason}` : ''} (${p.reason.replace(/^waiting for approval: /, '')})`;
      store.transaction(() => {
        promoteCandidate(deps, candidate.model, candidate.version, why);
        repo.setStep(id, 'promote', 'done', why);
        repo.patch(id, { promoted: true, reason: why });
        repo.setStatus(id, 'finished');
      });
      emit(id);
      return detail(id);
    },
    reject(id: number, reason: string): Pipeline {
      const p = waiting(id);
      const why = `rejected${reason ? `: ${reason}` : ''}; version ${p.candidate_version_id} stays challenger`;
      store.transaction(() => {
        repo.setStep(id, 'promote', 'done', why);
        repo.patch(id, { reason: why });
        repo.setStatus(id, 'finished');
      });
      emit(id);
      return detail(id);
    },

    /** The app is closing: failing steps now end interrupted, not failed. */
    stop(): void {
      stopping = true;
    },
    async settled(): Promise<void> {
      await Promise.allSettled([...active.values()]);
    },
    isBusy: (modelId: number) => repo.runningOf(modelId) !== undefined,
  };

  function waiting(id: number): PipelineSummary {
    const p = detail(id);
    if (p.status !== 'waiting' || p.candidate_version_id === null)
      throw new UserError(`pipeline ${id} is ${p.status}, not waiting for approval`);
    return p;
  }
}
export type PipelineService = ReturnType<typeof createPipelineService>;
