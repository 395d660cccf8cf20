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
    close: () => db.close(),
  };
}
