import { basename, dirname } from 'node:path';
import { statSync } from 'node:fs';
import type { RunImportSummary } from '../../../shared/runImportApi.js';
import type { EventBus } from '../eventBus.js';
import type { Store } from '../store/store.js';
import { UserError } from '../userError.js';
import { detectSource } from './mlflow/detectSource.js';
import { openFileStore } from './mlflow/fileStoreReader.js';
import { openSqliteHistory } from './mlflow/sqliteReader.js';
import { mlflowSourceRuns } from './mlflowSource.js';
import { scanLogdir } from './tensorboard/logdir.js';
import { tensorboardSourceRuns } from './tensorboardSource.js';
import { writeImportedRuns } from './writeImportedRuns.js';

const MAX_WARNINGS = 200;

/** `runs.import`: MLflow file stores and databases and TensorBoard logdirs, into ordinary runs. */
export function createRunImportHandlers(store: Store, dataDir: string, events: EventBus) {
  return {
    'runs.import': async ({ path, experiment, preview }: { path: string; experiment?: string | undefined; preview: boolean }): Promise<RunImportSummary> => {
      const source = detectSource(path);
      const summary: RunImportSummary = { source: source.kind, experiments: 0, runs_added: 0, runs_skipped: 0, params: 0, metric_points: 0, warnings: [] };
      let omitted = 0;
      const warn = (message: string) => {
        if (summary.warnings.length < MAX_WARNINGS) summary.warnings.push(message);
        else omitted++;
      };
      let touched: number[];
      if (source.kind === 'tensorboard') {
        const scan = await scanLogdir(source.path);
        for (const p of scan.problems) warn(`${p.path}: ${p.what}`);
        if (!scan.runs.length) throw new UserError(`${source.path} holds no TensorBoard event files`);
        const folder = statSync(source.path).isFile() ? basename(dirname(source.path)) : basename(source.path);
        touched = writeImportedRuns(store, dataDir, tensorboardSourceRuns(scan, experiment ?? folder, warn), summary, preview);
      } else {
        const reader = source.kind === 'mlflow-filestore' ? openFileStore(source.path) : openSqliteHistory(source.path);
        try {
          touched = writeImportedRuns(store, dataDir, mlflowSourceRuns(reader, warn), summary, preview);
          summary.experiments = reader.experiments().length; // the store's, empty ones included
          for (const w of reader.warnings) warn(w);
          const versions = reader.modelVersions().length;
          if (versions) warn(`${versions} registered model version(s) were not imported: register the imported runs in Benchtop's registry`);
        } finally {
          reader.close();
        }
      }
      if (omitted) summary.warnings.push(`… and ${omitted} more warnings`);
      if (!preview && touched.length) events.emit({ type: 'store.changed', areas: ['runs'] });
      return summary;
    },
  };
}
