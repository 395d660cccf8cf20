import {
  api,
  type ApiEvent,
  type CoreCall,
  type Method,
  type Output,
  type ParsedInput,
} from '../../shared/api.js';
import type { Run } from '../../shared/domain.js';
import { parseKeepingNonFinite, stringifyKeepingNonFinite } from '../../shared/nonFiniteJson.js';
import { createDatasetHandlers } from './datasets/datasetHandlers.js';
import { createEventBus } from './eventBus.js';
import { createJobSupervisor } from './jobs/jobSupervisor.js';
import { createMetricWriter } from './jobs/metricWriter.js';
import { watchOutsideWrites } from './store/outsideWrites.js';
import { openStore } from './store/store.js';
import type { RunRecord } from './store/runsRepo.js';
import { createTraining } from './training/trainingModule.js';
import { InvalidInput, UserError } from './userError.js';
import { storageError } from './store/storageErrors.js';
import { createExplorerHandlers } from './runs/runHandlers.js';
import { createDriftHandlers } from './drift/driftHandlers.js';
import { createRegistryHandlers } from './registry/registryHandlers.js';
import { createReportRenderer } from './reports/renderReport.js';
import { createAutomation } from './automation/automationModule.js';
import { isAlive } from './processAlive.js';
import { checkOutput, outputChecksOn } from './outputCheck.js';
import { createDownloads } from './transfer/downloads.js';
import { createTransferHandlers } from './transfer/transferHandlers.js';
import { createTrackingHandlers } from './tracking/trackingHandlers.js';
import { createRunImportHandlers } from './importers/runImportHandlers.js';
import { createLoggedModelHandlers } from './tracking/loggedModelHandlers.js';
import { createArchiveHandlers } from './transfer/archiveHandlers.js';
import { createDownloadHandlers } from './transfer/downloadHandlers.js';
import { createRemoteHandlers } from './remote/remoteHandlers.js';
import { createDemoHandlers } from './runs/demoHandlers.js';
import { createArtifactViewHandlers } from './artifacts/artifactViewHandlers.js';
import { createRunWaiter } from './runs/runWaiter.js';
import { createReadRouter } from './reads/heavyReadRouter.js';
import { spawnReadWorker } from './reads/spawnReadWorker.js';

// Beside the core itself, what a transport may use before or around it: where data lives, where
// the built renderer is, a restore into a data directory no core has opened, and writing a file
// whole or not at all (a report the desktop printed).
export { resolveDataDir } from './dataDir.js';
export { appRoot, rendererDir } from './appPaths.js';
export { restoreBackup } from './backup/restoreBackup.js';
export { writeOutput } from './reports/writeOutput.js';

export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Output<M> | Promise<Output<M>> };

export interface CoreOptions {
  dataDir: string;
  nativeBinding?: string;
}

/**
 * The one door: what every transport (CLI, IPC, HTTP, the MLflow API, desktop helpers) holds.
 * Everything else the core does is a contract method in shared/api.ts.
 */
export interface CoreHandle {
  /** Validates the raw input against the contract, then runs the method. */
  readonly call: CoreCall;
  /**
   * `call`, answered as the output's UTF-8 JSON: what the HTTP transport sends. Reads the worker
   * answers (readProtocol.ts) arrive serialised, so main does no JSON work for them.
   */
  readonly callJson?: (method: Method, rawInput: unknown) => Promise<Uint8Array | string>;
  /** Whether callJson answers `method` with JSON serialised off main (IPC then passes it on unparsed). */
  readonly answersAsJson?: (method: Method) => boolean;
  readonly events: { subscribe(listener: (event: ApiEvent) => void): () => void };
  /** Watched folders, schedules and the watch for other processes' writes: `serve` and the desktop app. */
  start(): void;
  /** Stops every job (their runs end interrupted), writes pending metrics, closes the store. */
  close(): Promise<void>;
}

/** Opens the core behind a transport: the data directory's store, jobs and services, reached through a CoreHandle. */
export function openCore(options: CoreOptions): CoreHandle {
  const { call, callJson, answersAsJson, events, start, close } = createCore(options);
  return { call, callJson, answersAsJson, events: { subscribe: events.subscribe }, start, close };
}

/**
 * The core services behind every transport, with the services themselves in reach: for the core's
 * own tests and the benches. Transports open it with openCore and hold only a CoreHandle.
 */
export function createCore(options: CoreOptions) {
  try {
    return startCore(options);
  } catch (e) {
    throw storageError(e, options.dataDir); // a damaged store can first show anywhere in start-up
  }
}

function startCore({ dataDir, nativeBinding }: CoreOptions) {
  const store = openStore(dataDir, nativeBinding ? { nativeBinding } : {});
  store.runs.markOrphansInterrupted(isAlive);
  const events = createEventBus();
  const writer = createMetricWriter(store, events);
  const jobs = createJobSupervisor(store, writer, events);
  const training = createTraining({ dataDir, store, events, jobs });
  const downloads = createDownloads();

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
  const automation = createAutomation({
    dataDir,
    store,
    events,
    training: training.service,
    getRun,
  });
  const outsideWrites = watchOutsideWrites(store.db, events);
  const runWaiter = createRunWaiter(store, events);
  const runImports = createRunImportHandlers(store, dataDir, events);
  // The explorer's whole-table reads run in a worker thread once started (serve, the desktop app).
  const reads = createReadRouter({
    spawn: () => spawnReadWorker({ dbFile: store.db.name, nativeBinding, checkpointEveryMs: 1000 }),
    beforeRead: () => writer.flush(),
    checkpointing: {
      toWorker: () => store.maintenance.walAutoCheckpoint(0),
      toMain: () => store.isOpen() && store.maintenance.walAutoCheckpoint(1000),
    },
  });

  const handlers: Handlers = {
    ...createExplorerHandlers(store),
    ...createDriftHandlers(store, events),
    ...createRegistryHandlers(store, dataDir, getRun),
    // Reports read through `call`, the same validated contract every client uses.
    'reports.render': createReportRenderer((method, input) => call(method, input)),
    ...createDatasetHandlers(store, dataDir, events),
    ...createTransferHandlers(store, dataDir, events, downloads),
    'runs.list': () => {
      const params = store.params.byRun();
      const metrics = store.metrics.latestByRun();
      return store.runs
        .list()
        .map((r) => ({ ...r, params: params.get(r.id) ?? {}, metrics: metrics.get(r.id) ?? {} }));
    },
    'runs.get': ({ id }) => getRun(id),
    'runs.metrics': ({ id, keys }) => {
      getRun(id);
      return store.metrics.series(id, keys);
    },
    ...training.handlers(getRun),
    ...automation.handlers,
    ...createTrackingHandlers(store, dataDir, events),
    ...runImports.handlers,
    ...createLoggedModelHandlers(store),
    ...createArchiveHandlers(store, dataDir, events),
    ...createDownloadHandlers(downloads, events),
    ...createRemoteHandlers((method, input) => call(method, input)),
    ...createDemoHandlers(store, dataDir),
    ...createArtifactViewHandlers(store, dataDir),
    ...runWaiter.handlers,
    'sweeps.wait': async ({ id }) => {
      await call('sweeps.get', { id }); // an unknown sweep is refused rather than waited for
      await training.sweepService.whenDone(id);
      return call('sweeps.get', { id });
    },
  };

  const checkOutputs = outputChecksOn();
  const parse = (method: Method, rawInput: unknown): unknown => {
    const parsed = api[method].input.safeParse(rawInput ?? {});
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new InvalidInput(`${method}: ${where}${issue?.message ?? 'invalid input'}`);
  };
  /** A routed read's answer from the worker, as JSON bytes (the worker checked it, when asked). */
  const readInWorker = async (method: Method, input: unknown): Promise<Uint8Array> => {
    try {
      return await reads.read(method as Parameters<typeof reads.read>[0], input);
    } catch (e) {
      throw storageError(e, dataDir);
    }
  };
  const decoder = new TextDecoder();

  /** Validates the raw input against the contract, then runs the method (its answer checked too, when asked). */
  async function call<M extends Method>(method: M, rawInput: unknown): Promise<Output<M>> {
    const input = parse(method, rawInput);
    if (reads.routes(method))
      return parseKeepingNonFinite(decoder.decode(await readInWorker(method, input))) as Output<M>;
    const handler = handlers[method] as (input: unknown) => Output<M> | Promise<Output<M>>;
    let output: Output<M>;
    try {
      output = await handler(input);
    } catch (e) {
      throw storageError(e, dataDir); // disk full, damaged store: one line, not an internal error
    }
    if (checkOutputs) checkOutput(method, api[method].output, output);
    return output;
  }

  /** `call` answered as JSON: routed reads straight from the worker's bytes. */
  async function callJson(method: Method, rawInput: unknown): Promise<Uint8Array | string> {
    if (reads.routes(method)) return readInWorker(method, parse(method, rawInput));
    return stringifyKeepingNonFinite(await call(method, rawInput));
  }

  return {
    dataDir,
    store,
    events,
    /** The metric writer's group commits (points jobs report are held until its next flush). */
    writer,
    jobs,
    training,
    downloads,
    automation,
    /** Started by `serve` and the desktop app: what a CLI beside them writes shows up live. */
    outsideWrites,
    call,
    callJson,
    answersAsJson: (method: Method): boolean => reads.routes(method),
    /** Routes the explorer's heavy reads to the read worker (started by start()). */
    reads,
    start(): void {
      automation.start(); // watched folders and schedules run while the app is open or served
      outsideWrites.start(); // runs, datasets and models a `benchtop` command adds show up live
      // BENCHTOP_READ_WORKER=0 keeps every read on main (the load bench's inline baseline).
      if (process.env.BENCHTOP_READ_WORKER !== '0') reads.start();
    },
    /** Stops every job (their runs end interrupted), writes pending metrics, closes the store. */
    async close(): Promise<void> {
      automation.stop();
      outsideWrites.stop();
      await runImports.close();
      await training.queue.shutdown();
      await automation.settled();
      runWaiter.close();
      await reads.stop(); // its last checkpoint, and main's autocheckpoint back, before the store closes
      writer.flush();
      store.close();
      downloads.close();
    },
  };
}
/** The core with its services (store, training, jobs, …): never handed to a transport. */
export type Core = ReturnType<typeof createCore>;
