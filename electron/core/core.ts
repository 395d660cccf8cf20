import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api, type Method, type Output, type ParsedInput } from '../../shared/api.js';
import { TrainParams, type Run } from '../../shared/domain.js';
import { importBytes, importFile } from './datasets/importDataset.js';
import { SAMPLES } from './datasets/samples.js';
import { samplesDir } from './appPaths.js';
import { createEventBus } from './eventBus.js';
import { createJobSupervisor } from './jobs/jobSupervisor.js';
import { createMetricWriter } from './jobs/metricWriter.js';
import { openStore } from './store/store.js';
import type { RunRecord } from './store/runsRepo.js';
import { planTraining } from './training/planTraining.js';
import { UserError } from './userError.js';

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

  const withDetails = (run: RunRecord): Run => ({
    ...run,
    params: store.params.forRun(run.id),
    metrics: store.metrics.latest(run.id),
  });
  const getRun = (id: number): Run => {
    const run = store.runs.get(id);
    if (!run) throw new UserError(`no run with id ${id}`);
    return withDetails(run);
  };
  const getDataset = (id: number) => {
    const dataset = store.datasets.get(id);
    if (!dataset) throw new UserError(`no dataset with id ${id}`);
    return dataset;
  };
  const publicDataset = ({ storage_path: _path, ...d }: ReturnType<typeof getDataset>) => d;

  const handlers: Handlers = {
    'datasets.import': ({ path, name }) => publicDataset(importFile(store, dataDir, path, name)),
    'datasets.upload': ({ fileName, content, name }) =>
      publicDataset(importBytes(store, dataDir, new TextEncoder().encode(content), fileName, name)),
    'datasets.list': () => store.datasets.list().map(publicDataset),
    'datasets.samples': () => [...SAMPLES],
    'datasets.importSample': ({ name }) => {
      const sample = SAMPLES.find((s) => s.name === name);
      if (!sample) throw new UserError(`no sample named ${name}`);
      const bytes = readFileSync(join(samplesDir(), sample.file_name));
      return publicDataset(importBytes(store, dataDir, bytes, sample.file_name, sample.name));
    },
    'runs.list': () => {
      const params = store.params.byRun();
      const metrics = store.metrics.latestByRun();
      return store.runs.list().map((r) => ({ ...r, params: params.get(r.id) ?? {}, metrics: metrics.get(r.id) ?? {} }));
    },
    'runs.get': ({ id }) => getRun(id),
    'runs.metrics': ({ id, keys }) => {
      getRun(id);
      return store.metrics.series(id, keys);
    },
    'jobs.train': (input) => {
      const dataset = getDataset(input.datasetId);
      const { task, features } = planTraining(dataset, input.target);
      const params = TrainParams.parse(input.params);
      const runId = store.db.transaction(() => {
        const id = store.runs.create({
          experiment_id: store.experiments.ensure(input.experiment),
          dataset_id: dataset.id,
          model: input.model,
          task,
          target: input.target,
        });
        store.params.set(id, { ...params, optimizer: 'adam' });
        return id;
      })();
      events.emit({ type: 'run.status', runId, status: 'queued', error: null });
      const { jobId } = jobs.run({
        kind: 'train',
        runId,
        datasetPath: dataset.storage_path,
        fileName: dataset.file_name,
        target: input.target,
        features,
        task,
        params,
      });
      return { jobId, runId };
    },
    'jobs.cancel': ({ runId }) => {
      getRun(runId);
      return { cancelled: jobs.cancel(runId) };
    },
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
    call,
    /** Waits for a run to reach a terminal status (for the CLI). */
    async close(): Promise<void> {
      await jobs.shutdown();
      writer.flush();
      store.close();
    },
  };
}
export type Core = ReturnType<typeof createCore>;
