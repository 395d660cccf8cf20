import type { Run } from '../../../shared/domain.js';
import type { EventBus } from '../eventBus.js';
import { createJobQueue } from '../jobs/jobQueue.js';
import type { JobSupervisor } from '../jobs/jobSupervisor.js';
import type { Store } from '../store/store.js';
import { createSweepService } from './sweeps/sweepService.js';
import { createTrainingHandlers } from './trainingHandlers.js';
import { createTrainingService } from './trainingService.js';

/** Wires training for the core: the queue in front of the supervisor, the repos, the services. */
export function createTraining({
  dataDir,
  store,
  events,
  jobs,
}: {
  dataDir: string;
  store: Store;
  events: EventBus;
  jobs: JobSupervisor;
}) {
  const queue = createJobQueue(jobs, store, events);
  const repo = store.training;
  const sweeps = store.sweeps;
  const service = createTrainingService({ dataDir, store, repo, queue, events });
  const sweepService = createSweepService({ store, repo, sweeps, training: service });
  return {
    queue,
    repo,
    sweeps,
    service,
    sweepService,
    handlers: (runOf: (id: number) => Run) =>
      createTrainingHandlers({ training: service, sweepService, sweeps, queue, runOf }),
  };
}
export type Training = ReturnType<typeof createTraining>;
