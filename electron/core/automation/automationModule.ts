import type { Method, Output, ParsedInput } from '../../../shared/api.js';
import type { Run } from '../../../shared/domain.js';
import { createImportService } from '../datasets/importService.js';
import { createDriftService } from '../drift/driftService.js';
import type { EventBus } from '../eventBus.js';
import { createRegistryService } from '../registry/registryService.js';
import { createAutomationRepo } from '../store/automationRepo.js';
import type { Store } from '../store/store.js';
import type { TrainingService } from '../training/trainingService.js';
import { UserError } from '../userError.js';
import { createPipelineService } from './pipelineService.js';
import { createPolicyService } from './policyService.js';
import { createPolicyWatcher } from './policyWatcher.js';

type AutomationMethod = Extract<Method, `automation.${string}`>;
type AutomationHandlers = {
  [M in AutomationMethod]: (input: ParsedInput<M>) => Output<M> | Promise<Output<M>>;
};

/** How often the long-lived app looks at watched folders and datasets (a policy's schedule may be slower). */
const POLL_MS = Number(process.env.BENCHTOP_WATCH_POLL_MS) || 2000;

/**
 * Continuous training wired for the core: policies, pipelines and the watcher. The watcher runs only once the
 * long-lived app (serve, desktop) calls start(); one-shot CLI commands leave no timers behind.
 */
export function createAutomation(deps: {
  dataDir: string;
  store: Store;
  events: EventBus;
  training: TrainingService;
  getRun: (id: number) => Run;
}) {
  const { dataDir, store, events, training } = deps;
  const repo = createAutomationRepo(store.db);
  const getDataset = (id: number) => {
    const d = store.datasets.get(id);
    if (!d) throw new UserError(`no dataset with id ${id}`);
    return d;
  };
  const pipelines = createPipelineService({
    dataDir,
    store,
    repo,
    events,
    training,
    imports: createImportService(store, dataDir, events),
    drift: createDriftService(store, events, getDataset),
    registry: createRegistryService(store, deps.getRun),
  });
  const policies = createPolicyService({
    store,
    repo,
    events,
    artifactsDir: training.artifactsDir,
  });
  const watcher = createPolicyWatcher({
    store,
    repo,
    policies,
    pipelines,
    log: (m) => console.error(`benchtop: ${m}`),
  });
  pipelines.recover();

  const handlers: AutomationHandlers = {
    'automation.policies': () => policies.list(),
    'automation.createPolicy': (input) => policies.create(input),
    'automation.updatePolicy': (input) => policies.update(input),
    'automation.deletePolicy': ({ id }) => ({ deleted: policies.remove(id) }),
    'automation.checkNow': ({ id }) => {
      const p = policies.get(id);
      if (p.watch_dir === null && p.dataset === null)
        throw new UserError(
          `policy ${id} watches no folder or dataset; run a pipeline on a file instead`,
        );
      return watcher.check(p);
    },
    'automation.run': ({ model, path, datasetId, wait }) =>
      pipelines.run({ model, path, datasetId, wait, source: 'manual' }),
    'automation.pipelines': ({ model }) => pipelines.list(model),
    'automation.pipeline': ({ id }) => pipelines.detail(id),
    'automation.resume': ({ id, wait }) => pipelines.resume(id, wait),
    'automation.approve': ({ id, reason }) => pipelines.approve(id, reason),
    'automation.reject': ({ id, reason }) => pipelines.reject(id, reason),
  };

  return {
    handlers,
    policies,
    pipelines,
    /** Starts watching folders and datasets (serve and the desktop app). */
    start: (pollMs = POLL_MS) => watcher.start(pollMs),
    /** Stops the watcher; pipelines cut short by the shutdown end interrupted. */
    stop(): void {
      watcher.stop();
      pipelines.stop();
    },
    settled: () => pipelines.settled(),
  };
}
export type Automation = ReturnType<typeof createAutomation>;
