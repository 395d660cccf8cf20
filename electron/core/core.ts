import { api, type Method, type Output, type ParsedInput } from '../../shared/api.js';
import type { Run } from '../../shared/domain.js';
import { createDatasetHandlers } from './datasets/datasetHandlers.js';
import { createEventBus } from './eventBus.js';
import { createJobSupervisor } from './jobs/jobSupervisor.js';
import { createMetricWriter } from './jobs/metricWriter.js';
import { openStore } from './store/store.js';
import type { RunRecord } from './store/runsRepo.js';
import { createTraining } from './training/trainingModule.js';
import { UserError } from './userError.js';
import { createExplorerHandlers } from './runs/runHandlers.js';
import { createDriftHandlers } from './drift/driftHandlers.js';
import { createRegistryHandlers } from './registry/registryHandlers.js';
import { createReportRenderer } from './reports/renderReport.js';

export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Output<M> | Promise<Output<M>> };

export interface CoreOptions {
  dataDir: string;
  nativeBinding?: string;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The core services behind every transport: desktop IPC, `benchtop serve` and the CLI. */
export function createCore({ dataDir, nativeBinding }: CoreOptions) {
  const store = openStore(dataDir, nativeBinding ? { nativeBinding } : {});
  store.runs.markOrphansInterrupted(isAlive);
  const events = createEventBus();
  const writer = createMetricWriter(store, events);
  const jobs = createJobSupervisor(store, writer, events);
  const training = createTraining({ dataDir, store, events, jobs });

  const withDetails = (run: RunRecord): Run => ({
    ...run,
    params: store.params.forRun(run.id),
    metrics: training.service.metricsOf(run.id),
  });
  const getRun = (id: number): Run => {
    const run = store.runs.get(id);
    if (!run) throw new UserError(`no run with id ${id}`);
    return withDetails(run);
  };

  const handlers: Handlers = {
    ...createExplorerHandlers(store),
    ...createDriftHandlers(store, events),
    ...createRegistryHandlers(store, dataDir, getRun),
    // Reports read through `call`, the same validated contract every client uses.
    'reports.render': createReportRenderer((method, input) => call(method, input)),
    ...createDatasetHandlers(store, dataDir, events),
    'runs.list': () => {
      const params = store.params.byRun();
      const metrics = store.metrics.latestByRun();
      const tested = training.repo.evaluationsByRun();
      return store.runs
        .list()
        .map((r) => ({ ...r, params: params.get(r.id) ?? {}, metrics: tested.get(r.id) ?? metrics.get(r.id) ?? {} }));
    },
    'runs.get': ({ id }) => getRun(id),
    'runs.metrics': ({ id, keys }) => {
      getRun(id);
      return store.metrics.series(id, keys);
    },
    ...training.handlers(getRun),
  };

  /** Validates the raw input against the contract, then runs the method. */
  async function call<M extends Method>(method: M, rawInput: unknown): Promise<Output<M>> {
    const parsed = api[method].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      throw new UserError(`${method}: ${where}${issue?.message ?? 'invalid input'}`);
    }
    const handler = handlers[method] as (input: unknown) => Output<M> | Promise<Output<M>>;
    return handler(parsed.data);
  }

  return {
    dataDir,
    store,
    events,
    jobs,
    training,
    call,
    /** Stops every job (their runs end interrupted), writes pending metrics, closes the store. */
    async close(): Promise<void> {
      await training.queue.shutdown();
      writer.flush();
      store.close();
    },
  };
}
export type Core = ReturnType<typeof createCore>;
