import type { Method, Output, ParsedInput } from '../../../shared/api.js';
import type { Run } from '../../../shared/domain.js';
import type { JobQueue } from '../jobs/jobQueue.js';
import type { SweepsRepo } from '../store/sweepsRepo.js';
import { UserError } from '../userError.js';
import type { SweepService } from './sweeps/sweepService.js';
import type { TrainingService } from './trainingService.js';

type TrainingMethod =
  | 'jobs.train'
  | 'jobs.cancel'
  | 'jobs.list'
  | 'runs.details'
  | 'runs.predict'
  | 'runs.evaluate'
  | 'sweeps.create'
  | 'sweeps.list'
  | 'sweeps.get'
  | 'sweeps.cancel';
type TrainingHandlers = {
  [M in TrainingMethod & Method]: (input: ParsedInput<M>) => Output<M> | Promise<Output<M>>;
};

interface Deps {
  training: TrainingService;
  sweepService: SweepService;
  sweeps: SweepsRepo;
  queue: JobQueue;
  runOf(id: number): Run;
}

/** The contract's training, queue and sweep methods (the core spreads them into its handler map). */
export function createTrainingHandlers({
  training,
  sweepService,
  sweeps,
  queue,
  runOf,
}: Deps): TrainingHandlers {
  const sweepOf = (id: number) => {
    const s = sweeps.get(id);
    if (!s) throw new UserError(`no sweep with id ${id}`);
    const { spec: _spec, ...rest } = s;
    return { ...rest, goal: sweepService.goalOf(id) };
  };
  return {
    'jobs.train': (input) => {
      const { runId } = training.train(input);
      return { jobId: `train-${runId}`, runId };
    },
    'jobs.cancel': ({ runId }) => {
      runOf(runId);
      return { cancelled: queue.cancel(runId) };
    },
    'jobs.list': () => ({ limit: queue.limit, jobs: queue.list() }),
    'runs.details': ({ id }) => training.details(id),
    'runs.predict': (input) => training.predict(input),
    'runs.evaluate': (input) => training.evaluate(input),
    'sweeps.create': (input) => sweepService.create(input),
    'sweeps.list': () => sweeps.list().map((s) => sweepOf(s.id)),
    'sweeps.get': ({ id }) => ({ ...sweepOf(id), runs: sweeps.runIds(id).map(runOf) }),
    'sweeps.cancel': ({ id }) => ({
      cancelled: sweepService.cancel(id, (runId) => queue.cancel(runId)),
    }),
  };
}
