import { basename, dirname } from 'node:path';
import { statSync } from 'node:fs';
import type { RunImportSummary } from '../../../shared/api/otherTrackers.js';
import type { EventBus } from '../eventBus.js';
import type { Store } from '../store/store.js';
import { UserError } from '../userError.js';
import { createFollows } from './followSources.js';
import { importModelVersions } from './importRegistry.js';
import type { FollowState, ImportRequest } from './importRequest.js';
import { detectSource } from './mlflow/detectSource.js';
import { openFileStore } from './mlflow/fileStoreReader.js';
import { openSqliteHistory } from './mlflow/sqliteReader.js';
import { mlflowSourceRuns } from './mlflowSource.js';
import { scanLogdir } from './tensorboard/logdir.js';
import { TensorboardTail, tensorboardSourceRuns } from './tensorboardSource.js';
import { writeImportedRuns } from './writeImportedRuns.js';

const MAX_WARNINGS = 200;

/**
 * `runs.import` and the follows: MLflow file stores and databases and TensorBoard logdirs, into
 * ordinary runs. Imports run one at a time (a follow's round waits for an import and the other
 * way round), each cancellable by its id and reporting progress as `runs.import.progress`.
 */
export function createRunImportHandlers(store: Store, dataDir: string, events: EventBus) {
  // Runs an import began before the app stopped mid-way were never shown: they go now.
  store.runImports.purgeAbandoned();
  const cancelled = new Map<string, boolean>();
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const importOnce = (request: ImportRequest, follow?: FollowState): Promise<RunImportSummary> => {
    const importId = request.importId;
    if (importId !== undefined) {
      if (cancelled.has(importId))
        throw new UserError(`an import with id ${importId} is already running`);
      cancelled.set(importId, false);
    }
    return oneAtATime(() => runImport(request, follow)).finally(() => {
      if (importId !== undefined) cancelled.delete(importId);
    });
  };

  async function runImport(
    { path, experiment, preview, importId }: ImportRequest,
    follow?: FollowState,
  ): Promise<RunImportSummary> {
    const source = detectSource(path);
    const summary: RunImportSummary = {
      source: source.kind,
      experiments: 0,
      runs_added: 0,
      runs_skipped: 0,
      params: 0,
      metric_points: 0,
      images: 0,
      warnings: [],
    };
    let omitted = 0;
    const warn = (message: string) => {
      if (summary.warnings.length < MAX_WARNINGS) summary.warnings.push(message);
      else omitted++;
    };
    const control = {
      preview,
      // A follow's later rounds read only the bytes written since the last one.
      skipKnown: follow === undefined || follow.rounds === 0 || source.kind !== 'tensorboard',
      runsTotal: 0,
      what: `the import of ${basename(source.path)}`,
      cancelled: () => (importId !== undefined && cancelled.get(importId)) === true,
      progress: (p: { runs_done: number; runs_total: number; metric_points: number }) => {
        if (importId !== undefined) events.emit({ type: 'runs.import.progress', importId, ...p });
      },
    };
    let touched: number[];
    let registryChanged = false;
    if (source.kind === 'tensorboard') {
      const scan = await scanLogdir(source.path);
      for (const p of scan.problems) warn(`${p.path}: ${p.what}`);
      if (!scan.runs.length) throw new UserError(`${source.path} holds no TensorBoard event files`);
      const folder = statSync(source.path).isFile()
        ? basename(dirname(source.path))
        : basename(source.path);
      control.runsTotal = scan.runs.length;
      const tail = follow?.tail ?? new TensorboardTail(true);
      touched = await writeImportedRuns(
        store,
        dataDir,
        tensorboardSourceRuns(scan, experiment ?? folder, warn, tail),
        summary,
        control,
      );
    } else {
      const reader =
        source.kind === 'mlflow-filestore'
          ? openFileStore(source.path)
          : openSqliteHistory(source.path);
      try {
        const runs = [...reader.runs()];
        control.runsTotal = runs.length;
        touched = await writeImportedRuns(
          store,
          dataDir,
          mlflowSourceRuns(reader, warn, { runs, followed: follow !== undefined }),
          summary,
          control,
        );
        summary.experiments = reader.experiments().length; // the store's, empty ones included
        for (const w of reader.warnings) warn(w);
        // After the runs (revealed, their artifacts copied): versions link to them and their files.
        const registry = importModelVersions(
          store,
          dataDir,
          reader.modelVersions(),
          (id) => store.trackedRuns.byTag('benchtop.source_run_id', id),
          {
            preview,
            warn,
            models: reader.registeredModels(),
          },
        );
        registryChanged = !preview && registry.models + registry.versions > 0;
      } finally {
        reader.close();
      }
    }
    if (follow) follow.rounds++;
    if (omitted) summary.warnings.push(`… and ${omitted} more warnings`);
    const areas: ('runs' | 'models')[] = [
      ...(!preview && touched.length ? (['runs'] as const) : []),
      ...(registryChanged ? (['models'] as const) : []),
    ];
    if (areas.length) events.emit({ type: 'store.changed', areas });
    return summary;
  }

  const follows = createFollows(importOnce, events);

  return {
    handlers: {
      'runs.import': (input: ImportRequest) => importOnce(input),
      'runs.cancelImport': ({ importId }: { importId: string }) => {
        if (!cancelled.has(importId)) return { cancelled: false };
        cancelled.set(importId, true);
        return { cancelled: true };
      },
      ...follows.handlers,
    },
    /** Stops every follow and waits for the import in progress to end. */
    async close(): Promise<void> {
      follows.stopAll();
      for (const id of cancelled.keys()) cancelled.set(id, true);
      await queue;
    },
  };
}
