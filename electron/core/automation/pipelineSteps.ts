import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { join } from 'node:path';
import type { PipelineStatus, PipelineSummary, StepName } from '../../../shared/api/automation.js';
import type { DriftReport } from '../../../shared/api/drift.js';
import { evaluationName, testValue } from '../../../shared/metricNames.js';
import { datasetNameOf, type createImportService } from '../datasets/importService.js';
import type { createDriftService } from '../drift/driftService.js';
import { startJob } from '../jobs/jobProcess.js';
import type { RegistryService } from '../registry/registryService.js';
import type { AutomationRepo, PipelineConfig, PipelinePatch } from '../store/automationRepo.js';
import type { StoredDataset } from '../store/datasetsRepo.js';
import type { Store } from '../store/store.js';
import { defaultMetric, metricGoal } from '../training/sweeps/sweepPlan.js';
import type { TrainingService } from '../training/trainingService.js';
import { UserError } from '../userError.js';
import type { AssembleJob } from './assembleJobSpec.js';
import type { Champion } from './champion.js';
import {
  decayDecision,
  fmt,
  missingFeatures,
  promotionDecision,
  seedOf,
  windowSize,
} from './decisions.js';

export const CHALLENGER = 'challenger';
const HOLDOUT_FRACTION = 0.2;

export interface StepDeps {
  dataDir: string;
  store: Store;
  repo: AutomationRepo;
  imports: ReturnType<typeof createImportService>;
  drift: ReturnType<typeof createDriftService>;
  training: TrainingService;
  registry: RegistryService;
}

export interface StepContext {
  id: number;
  pipeline: PipelineSummary;
  config: PipelineConfig;
  champion: Champion;
}

/** What a step ends with: a line for the timeline, fields for the pipeline, and maybe the pipeline's end. */
export interface StepOutcome {
  detail: string;
  patch?: PipelinePatch;
  /** Ends the pipeline after this step; the later steps are skipped. */
  end?: { status: Exclude<PipelineStatus, 'running'>; reason: string };
  /** The step itself waits (for an approval). */
  waiting?: boolean;
}

/** The row counts of a pipeline's training set and holdout, written beside them. */
const SplitRows = z.object({ trainRows: z.number().int(), holdoutRows: z.number().int() });
const need = <T>(value: T | null | undefined, what: string): T => {
  if (value === null || value === undefined)
    throw new Error(`the pipeline has no ${what} (an earlier step did not record it)`);
  return value;
};

/** The steps of a pipeline, in order; each is safe to run again after a restart. */
export function createSteps(
  deps: StepDeps,
): Record<StepName, (ctx: StepContext) => Promise<StepOutcome>> {
  const { store, training, registry } = deps;
  const dataset = (id: number): StoredDataset => need(store.datasets.get(id), `dataset ${id}`);
  const folder = (id: number) => {
    const dir = join(deps.dataDir, 'automation', 'pipelines', String(id));
    mkdirSync(dir, { recursive: true });
    return {
      train: join(dir, 'train.csv'),
      holdout: join(dir, 'holdout.csv'),
      rows: join(dir, 'rows.json'),
    };
  };
  const metricOf = (ctx: StepContext) => {
    // Both models are scored on the same labelled rows, in the scorer's names: a policy's
    // `accuracy` and `test_accuracy` (the name its run stores the test split under) are one metric.
    const metric = evaluationName(ctx.config.metric ?? defaultMetric(ctx.champion.task));
    return { metric, goal: metricGoal(metric, ctx.champion.task) };
  };
  const scoreOn = async (runId: number, path: string, ctx: StepContext): Promise<number | null> => {
    const { metrics } = await training.evaluate({
      id: runId,
      path,
      target: ctx.champion.run.target,
    });
    return metrics[metricOf(ctx).metric] ?? null;
  };

  /** Older rows for the strategy: none, the champion's training data, or the window's earlier versions. */
  function earlierSources(ctx: StepContext, fresh: StoredDataset): StoredDataset[] {
    const { strategy } = ctx.config;
    if (strategy === 'new') return [];
    const k = windowSize(strategy);
    if (k === null) {
      if (!ctx.champion.dataset)
        throw new UserError(
          `the champion's training data is not in this data directory; use --strategy new`,
        );
      return ctx.champion.dataset.id === fresh.id ? [] : [ctx.champion.dataset];
    }
    return store.datasets
      .list()
      .filter((d) => d.name === fresh.name && d.version < fresh.version)
      .sort((a, b) => b.version - a.version)
      .slice(0, k - 1);
  }

  /** Writes the training set and the holdout (idempotent: a resumed pipeline writes the same files). */
  async function assemble(ctx: StepContext, fresh: StoredDataset) {
    const out = folder(ctx.id);
    const earlier = earlierSources(ctx, fresh);
    const job: AssembleJob = {
      kind: 'assemble',
      newData: { path: fresh.storage_path, fileName: fresh.file_name },
      earlier: earlier.map((d) => ({ path: d.storage_path, fileName: d.file_name })),
      columns: [...ctx.champion.features, ctx.champion.run.target],
      target: ctx.champion.run.target,
      holdoutFraction: HOLDOUT_FRACTION,
      seed: seedOf(fresh.hash),
      trainOut: out.train,
      holdoutOut: out.holdout,
    };
    const outcome = await startJob(job, () => {}).done;
    if (outcome.kind === 'error')
      throw outcome.user ? new UserError(outcome.message) : new Error(outcome.message);
    if (outcome.kind !== 'result')
      throw new Error(
        `preparing the training data failed: ${outcome.kind === 'crashed' ? outcome.message : 'cancelled'}`,
      );
    const rows = {
      trainRows: outcome.metrics.train_rows ?? 0,
      holdoutRows: outcome.metrics.holdout_rows ?? 0,
    };
    writeFileSync(out.rows, JSON.stringify(rows));
    return { ...out, ...rows, earlier };
  }

  return {
    async import(ctx) {
      const name =
        ctx.config.dataset ?? ctx.champion.dataset?.name ?? datasetNameOf(ctx.pipeline.data_path);
      let fresh: StoredDataset;
      let how: string;
      if (ctx.pipeline.dataset_id !== null) {
        fresh = dataset(ctx.pipeline.dataset_id);
        how = 'uses';
      } else {
        const imported = await deps.imports.importPath(ctx.pipeline.data_path, { name });
        fresh = dataset(imported.id);
        how = imported.existing ? 'already imported as' : 'imported as';
      }
      const lacking = missingFeatures(
        ctx.champion.features,
        fresh.columns.map((c) => c.name),
      );
      if (lacking.length > 0) {
        throw new UserError(
          `${fresh.file_name} lacks the model's feature${lacking.length > 1 ? 's' : ''} ${lacking.map((c) => `"${c}"`).join(', ')}; nothing was retrained or registered`,
        );
      }
      return {
        detail: `${how} ${fresh.name} v${fresh.version} (${fresh.rows} rows)`,
        patch: { dataset_id: fresh.id, champion_version_id: ctx.champion.version.id },
      };
    },

    async drift(ctx) {
      const fresh = dataset(need(ctx.pipeline.dataset_id, 'dataset'));
      const reference = ctx.champion.dataset;
      let report: DriftReport | null = null;
      if (reference) {
        const wanted = [...ctx.champion.features, ctx.champion.run.target];
        const columns = wanted.filter((c) => reference.columns.some((r) => r.name === c));
        report = await deps.drift.check({
          model: ctx.pipeline.model,
          currentId: fresh.id,
          columns,
        });
      } else if (ctx.config.trigger === 'drift') {
        throw new UserError(
          `the champion's training data is not in this data directory, so drift cannot be checked`,
        );
      }
      const driftLine = report
        ? `${report.dataset_drift ? 'drift' : 'no drift'}: ${report.drifted_columns} of ${report.tested_columns} columns drifted (share ${fmt(report.drift_share)}, threshold ${fmt(report.drift_share_threshold)})`
        : 'drift not checked (no reference data)';
      const patch: PipelinePatch = report ? { drift_report_id: report.id } : {};
      let triggered: boolean;
      let why: string;
      if (ctx.config.trigger === 'always') {
        triggered = true;
        why = `${driftLine}; the policy retrains always`;
      } else if (ctx.config.trigger === 'drift') {
        triggered = report!.dataset_drift;
        why = driftLine;
      } else {
        if (!fresh.columns.some((c) => c.name === ctx.champion.run.target)) {
          throw new UserError(
            `the decay trigger needs labelled new data, and ${fresh.file_name} has no column "${ctx.champion.run.target}"`,
          );
        }
        const { metric, goal } = metricOf(ctx);
        const current = await scoreOn(
          ctx.champion.run.id,
          fresh.original_path ?? fresh.storage_path,
          ctx,
        );
        if (current === null)
          throw new UserError(
            `the champion's evaluation on the new data has no metric "${metric}"`,
          );
        const decision = decayDecision({
          metric,
          goal,
          current,
          // The champion's test split when it was registered, never its last training epoch.
          recorded: testValue(ctx.champion.version.metrics, metric) ?? null,
          margin: ctx.config.margin,
          threshold: ctx.config.threshold,
        });
        triggered = decision.decayed;
        why = `${decision.reason}; ${driftLine}`;
      }
      patch.triggered = triggered;
      if (!triggered)
        return {
          detail: why,
          patch,
          end: { status: 'finished', reason: `not triggered (${why}); nothing retrained` },
        };
      return { detail: why, patch };
    },

    async train(ctx) {
      const previous =
        ctx.pipeline.run_id === null ? undefined : store.runs.get(ctx.pipeline.run_id);
      if (previous?.status === 'finished')
        return { detail: `run ${previous.id} had already finished before the restart` };
      const fresh = dataset(need(ctx.pipeline.dataset_id, 'dataset'));
      const data = await assemble(ctx, fresh);
      const set = await deps.imports.importPath(data.train, {
        name: `${ctx.pipeline.model}-retraining`,
        fileName: `${ctx.pipeline.model}-retraining.csv`,
      });
      const { run, params, task } = ctx.champion;
      const started = training.train(
        {
          datasetId: set.id,
          target: run.target,
          model: run.model,
          task,
          experiment: run.experiment,
          params,
        },
        (runId) => deps.repo.patch(ctx.id, { run_id: runId, training_dataset_id: set.id }),
      );
      const outcome = await started.done;
      const status = store.runs.get(started.runId)?.status;
      if (outcome.kind !== 'result' || status !== 'finished') {
        const why =
          outcome.kind === 'error' || outcome.kind === 'crashed'
            ? outcome.message
            : outcome.kind === 'cancelled'
              ? 'it was cancelled'
              : `it ended ${status}`;
        throw new UserError(`retraining run ${started.runId} did not finish: ${why}`);
      }
      const from = data.earlier.length
        ? ` + ${data.earlier.map((d) => `${d.name} v${d.version}`).join(', ')}`
        : '';
      return {
        detail: `run ${started.runId} trained ${run.model} on ${data.trainRows} rows (${ctx.config.strategy}: new data${from}); ${data.holdoutRows} new rows held out`,
      };
    },

    async evaluate(ctx) {
      const fresh = dataset(need(ctx.pipeline.dataset_id, 'dataset'));
      const out = folder(ctx.id);
      const written = [out.holdout, out.train, out.rows].every((f) => existsSync(f));
      const { trainRows, holdoutRows } = written
        ? SplitRows.parse(JSON.parse(readFileSync(out.rows, 'utf8')))
        : await assemble(ctx, fresh);
      const runId = need(ctx.pipeline.run_id, 'retraining run');
      const { metric, goal } = metricOf(ctx);
      const [challenger, champion] = [
        await scoreOn(runId, out.holdout, ctx),
        await scoreOn(ctx.champion.run.id, out.holdout, ctx),
      ];
      return {
        detail: `on the same ${holdoutRows} holdout rows of the new data: challenger ${metric} ${challenger === null ? '—' : fmt(challenger)}, champion ${champion === null ? '—' : fmt(champion)}`,
        patch: {
          evaluation: {
            metric,
            goal,
            challenger,
            champion,
            margin: ctx.config.margin,
            holdout_rows: holdoutRows,
            train_rows: trainRows,
          },
        },
      };
    },

    async register(ctx) {
      if (ctx.pipeline.candidate_version_id !== null)
        return {
          detail: `version ${ctx.pipeline.candidate_version_id} was registered before the restart`,
        };
      const runId = need(ctx.pipeline.run_id, 'retraining run');
      const parentId = need(ctx.pipeline.champion_version_id, 'champion');
      const ev = need(ctx.pipeline.evaluation, 'evaluation');
      // One transaction: the version, its alias and the pipeline's link to it land together or not at all.
      const v = store.transaction(() => {
        const version = registry.register({
          runId,
          name: ctx.pipeline.model,
          parentId,
          note: `pipeline #${ctx.id} (${ctx.pipeline.source}, ${ctx.config.trigger} trigger, ${ctx.config.strategy})`,
        });
        registry.alias({
          model: version.model,
          version: version.version,
          set: CHALLENGER,
          reason: `pipeline #${ctx.id}`,
        });
        deps.repo.patch(ctx.id, { candidate_version_id: version.id });
        return version;
      });
      return {
        detail: `registered ${v.model} v${v.version} (id ${v.id}) as a child of version ${parentId}, alias ${CHALLENGER}; ${ev.metric} ${ev.challenger === null ? '—' : fmt(ev.challenger)}`,
      };
    },

    async promote(ctx) {
      const ev = need(ctx.pipeline.evaluation, 'evaluation');
      const candidate = registry.publicOf(
        need(ctx.pipeline.candidate_version_id, 'candidate version'),
      );
      if (ev.challenger === null || ev.champion === null) {
        const reason = `kept as ${CHALLENGER}: the holdout gave no ${ev.metric} to compare`;
        return { detail: reason, end: { status: 'finished', reason } };
      }
      const decision = promotionDecision({
        ...ev,
        challenger: ev.challenger,
        champion: ev.champion,
        autoPromote: ctx.config.autoPromote,
      });
      if (decision.outcome === 'promote') {
        promoteCandidate(deps, candidate.model, candidate.version, decision.reason);
        return {
          detail: decision.reason,
          patch: { promoted: true },
          end: { status: 'finished', reason: decision.reason },
        };
      }
      if (decision.outcome === 'await-approval')
        return {
          detail: decision.reason,
          waiting: true,
          end: { status: 'waiting', reason: decision.reason },
        };
      return { detail: decision.reason, end: { status: 'finished', reason: decision.reason } };
    },
  };
}

/** Moves `champion` to the candidate and takes `challenger` off it, in one transaction. */
export function promoteCandidate(
  deps: Pick<StepDeps, 'store' | 'registry'>,
  model: string,
  version: number,
  reason: string,
): void {
  deps.store.transaction(() => {
    deps.registry.promote({ model, version, reason });
    const v = deps.registry.find(model, version);
    if (v.aliases.includes(CHALLENGER))
      deps.registry.alias({ model, version, unset: CHALLENGER, reason });
  });
}
