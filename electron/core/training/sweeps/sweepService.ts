import type { ParsedInput } from '../../../../shared/api.js';
import { TrainParams } from '../../../../shared/domain.js';
import { evaluationName, testName } from '../../../../shared/metricNames.js';
import type { Store } from '../../store/store.js';
import type { SweepsRepo } from '../../store/sweepsRepo.js';
import type { TrainingRepo } from '../../store/trainingRepo.js';
import { UserError } from '../../userError.js';
import { planTraining } from '../planTraining.js';
import type { TrainingService } from '../trainingService.js';
import {
  bestOf,
  defaultMetric,
  gridTrials,
  halvingRungs,
  metricGoal,
  randomTrials,
  type Trial,
} from './sweepPlan.js';

type SweepInput = ParsedInput<'sweeps.create'>;

interface Deps {
  store: Store;
  repo: TrainingRepo;
  sweeps: SweepsRepo;
  training: TrainingService;
}

/**
 * A sweep is a parent of child runs, one per trial (per rung with successive halving). Trials go
 * through the job queue, so they run in parallel up to its limit; the best run by the metric is marked.
 */
export function createSweepService({ store, repo, sweeps, training }: Deps) {
  sweeps.markInterrupted();
  const running = new Map<number, { cancelled: boolean; done: Promise<void> }>();

  function plan(input: SweepInput) {
    const dataset = store.datasets.get(input.datasetId);
    if (!dataset) throw new UserError(`no dataset with id ${input.datasetId}`);
    const base = input.params;
    const { task } = planTraining(
      dataset,
      input.target,
      input.model,
      TrainParams.parse(base),
      input.task,
    );
    // A sweep ranks by the test split: stored as `test_f1_macro` whether asked as that or `f1_macro`.
    const metric = testName(input.metric ?? defaultMetric(task));
    const goal = metricGoal(metric, task);
    const trials: Trial[] = input.grid
      ? gridTrials(input.grid)
      : randomTrials(input.random!.trials, input.random!.ranges, input.seed);
    trials.forEach((trial, i) => {
      const checked = TrainParams.safeParse({ ...base, ...trial });
      if (!checked.success) {
        const issue = checked.error.issues[0];
        throw new UserError(
          `trial ${i + 1}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid value'}`,
        );
      }
    });
    return { dataset, task, metric, goal, trials };
  }

  function create(input: SweepInput): { id: number; runIds: number[] } {
    const { dataset, task, metric, goal, trials } = plan(input);
    const id = sweeps.create({
      experiment_id: store.experiments.ensure(input.experiment),
      dataset_id: dataset.id,
      target: input.target,
      model: input.model,
      spec: input,
      metric,
    });
    const state = { cancelled: false, done: Promise.resolve() };
    const score = (runId: number) => ({
      runId,
      value: repo.evaluation(runId)?.[evaluationName(metric)],
    });
    const launch = (trial: Trial, index: number, epochs?: number) =>
      training.train(
        {
          datasetId: dataset.id,
          target: input.target,
          model: input.model,
          task,
          experiment: input.experiment,
          params: {
            ...input.params,
            ...(trial as Partial<TrainParams>),
            ...(epochs ? { epochs } : {}),
          },
        },
        (runId) => sweeps.addRun(id, runId, index),
      );

    let first: { runId: number; done: Promise<unknown> }[];
    // With halving the best is chosen among the last rung: earlier rungs trained for fewer epochs.
    let finalists: number[] | null = null;
    try {
      const rungs = input.halving ? halvingRungs(trials.length, input.params.epochs ?? 50) : null;
      first = trials.map((t, i) => launch(t, i, rungs?.[0]?.epochs));
      state.done = (async () => {
        let current = first.map((r, i) => ({ ...r, trial: i }));
        for (const rung of rungs?.slice(1) ?? []) {
          await Promise.all(current.map((r) => r.done));
          // Cancelled, or the app is closing (its store is gone): start no further rung.
          if (state.cancelled || !store.isOpen()) return;
          const ranked = current
            .map((r) => ({ ...r, value: score(r.runId).value }))
            .filter((r) => r.value !== undefined);
          ranked.sort((a, b) => (goal === 'max' ? b.value! - a.value! : a.value! - b.value!));
          current = ranked
            .slice(0, rung.keep)
            .map((r) => ({ ...launch(trials[r.trial]!, r.trial, rung.epochs), trial: r.trial }));
        }
        await Promise.all(current.map((r) => r.done));
        if (rungs) finalists = current.map((r) => r.runId);
      })().finally(() => {
        running.delete(id);
        // Closed while running: startup marks the sweep interrupted next time.
        if (!store.isOpen()) return;
        const runIds = sweeps.runIds(id);
        const best = bestOf((finalists ?? runIds).map(score), goal);
        const statuses = runIds.map((r) => store.runs.get(r)?.status);
        const status = state.cancelled
          ? 'cancelled'
          : statuses.includes('interrupted')
            ? 'interrupted'
            : statuses.includes('finished')
              ? 'finished'
              : 'failed';
        sweeps.end(id, status, best);
      });
    } catch (e) {
      sweeps.end(id, 'failed', null);
      throw e;
    }
    running.set(id, state);
    return { id, runIds: first.map((r) => r.runId) };
  }

  return {
    create,
    /** Resolves when the sweep has ended (for the CLI). */
    async whenDone(id: number): Promise<void> {
      await running.get(id)?.done;
    },
    goalOf(id: number): 'max' | 'min' {
      const s = sweeps.get(id);
      if (!s) throw new UserError(`no sweep with id ${id}`);
      const task = store.runs.get(sweeps.runIds(id)[0] ?? -1)?.task ?? 'binary';
      return metricGoal(s.metric, task);
    },
    /** Stops the sweep: queued trials never start, running ones are cancelled. */
    cancel(id: number, cancelRun: (runId: number) => boolean): number {
      if (!sweeps.get(id)) throw new UserError(`no sweep with id ${id}`);
      const state = running.get(id);
      if (state) state.cancelled = true;
      return sweeps.runIds(id).filter((runId) => cancelRun(runId)).length;
    },
  };
}
export type SweepService = ReturnType<typeof createSweepService>;
