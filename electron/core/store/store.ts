import { join } from 'node:path';
import { openDatabase, type Db, type OpenOptions } from './db.js';
import { createDatasetsRepo } from './datasetsRepo.js';
import { createExperimentsRepo } from './experimentsRepo.js';
import { createDriftRepo } from './driftRepo.js';
import { createRegistryRepo } from './registryRepo.js';
import { createMetricsRepo } from './metricsRepo.js';
import { createParamsRepo } from './paramsRepo.js';
import { createRunsRepo } from './runsRepo.js';
import { createTrackedRunsRepo } from './trackedRunsRepo.js';
import { createMetricHistoryRepo } from './metricHistoryRepo.js';
import { createLoggedModelsRepo } from './loggedModelsRepo.js';
import { createRunImportRepo } from './runImportRepo.js';
import { createImportedRegistryRepo } from './importedRegistryRepo.js';
import { createTrainingRepo } from './trainingRepo.js';
import { createSweepsRepo } from './sweepsRepo.js';
import { createAutomationRepo } from './automationRepo.js';
import { createExplorerRepo } from './explorerRepo.js';
import { createRunTableRepo } from './runTableRepo.js';
import { createRunQueryRepo } from './runQueryRepo.js';
import { createMetricTilesRepo } from './metricTilesRepo.js';
import { createMetricRangeRepo } from './metricRangeRepo.js';
import { createRunArchiveRepo } from './runArchiveRepo.js';
import { createMaintenanceRepo } from './maintenanceRepo.js';

export interface Store {
  db: Db;
  experiments: ReturnType<typeof createExperimentsRepo>;
  datasets: ReturnType<typeof createDatasetsRepo>;
  runs: ReturnType<typeof createRunsRepo>;
  params: ReturnType<typeof createParamsRepo>;
  metrics: ReturnType<typeof createMetricsRepo>;
  drift: ReturnType<typeof createDriftRepo>;
  registry: ReturnType<typeof createRegistryRepo>;
  trackedRuns: ReturnType<typeof createTrackedRunsRepo>;
  metricHistory: ReturnType<typeof createMetricHistoryRepo>;
  loggedModels: ReturnType<typeof createLoggedModelsRepo>;
  runImports: ReturnType<typeof createRunImportRepo>;
  importedRegistry: ReturnType<typeof createImportedRegistryRepo>;
  training: ReturnType<typeof createTrainingRepo>;
  sweeps: ReturnType<typeof createSweepsRepo>;
  automation: ReturnType<typeof createAutomationRepo>;
  explorer: ReturnType<typeof createExplorerRepo>;
  runTable: ReturnType<typeof createRunTableRepo>;
  runQueries: ReturnType<typeof createRunQueryRepo>;
  metricTiles: ReturnType<typeof createMetricTilesRepo>;
  metricRanges: ReturnType<typeof createMetricRangeRepo>;
  runArchive: ReturnType<typeof createRunArchiveRepo>;
  maintenance: ReturnType<typeof createMaintenanceRepo>;
  /** Runs `fn` in one transaction (a savepoint when nested) and returns what it returns. */
  transaction<T>(fn: () => T): T;
  /** False once closed: work finishing after the app closed its store writes nothing. */
  isOpen(): boolean;
  close(): void;
}

/** The store: one SQLite file in the data directory and one repository per table group. */
export function openStore(dataDir: string, options: OpenOptions = {}): Store {
  const db = openDatabase(join(dataDir, 'benchtop.db'), options);
  const metrics = createMetricsRepo(db);
  return {
    db,
    experiments: createExperimentsRepo(db),
    datasets: createDatasetsRepo(db),
    runs: createRunsRepo(db),
    params: createParamsRepo(db),
    metrics,
    drift: createDriftRepo(db),
    registry: createRegistryRepo(db),
    trackedRuns: createTrackedRunsRepo(db),
    metricHistory: createMetricHistoryRepo(db, metrics),
    loggedModels: createLoggedModelsRepo(db),
    runImports: createRunImportRepo(db),
    importedRegistry: createImportedRegistryRepo(db),
    training: createTrainingRepo(db),
    sweeps: createSweepsRepo(db),
    automation: createAutomationRepo(db),
    explorer: createExplorerRepo(db),
    runTable: createRunTableRepo(db),
    runQueries: createRunQueryRepo(db),
    metricTiles: createMetricTilesRepo(db),
    metricRanges: createMetricRangeRepo(db),
    runArchive: createRunArchiveRepo(db),
    maintenance: createMaintenanceRepo(db),
    transaction: (fn) => db.transaction(fn)(),
    isOpen: () => db.open,
    close: () => db.close(),
  };
}
