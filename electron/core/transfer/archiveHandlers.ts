import type { Output, ParsedInput } from '../../../shared/api.js';
import { createBackup } from '../backup/createBackup.js';
import type { EventBus } from '../eventBus.js';
import { appVersion } from '../reports/renderReport.js';
import type { Store } from '../store/store.js';
import { exportExperiments } from './exportExperiments.js';
import { importExperiments } from './importExperiments.js';
import { progressEvents } from './transferHandlers.js';

type ArchiveMethod = 'backup.create' | 'experiments.exportTo' | 'experiments.importFrom';
type ArchiveHandlers = { [M in ArchiveMethod]: (input: ParsedInput<M>) => Promise<Output<M>> };

/** Archives at a path on this machine: `benchtop backup`, `export experiments`, `experiments import`, the desktop's save dialog. */
export function createArchiveHandlers(
  store: Store,
  dataDir: string,
  events: EventBus,
): ArchiveHandlers {
  return {
    'backup.create': ({ out, progressId }) =>
      createBackup({
        store,
        dataDir,
        out,
        appVersion: appVersion(),
        onProgress: progressEvents(events, 'backup', progressId),
      }),
    'experiments.exportTo': ({ experiments, out, progressId }) =>
      exportExperiments({
        store,
        dataDir,
        experiments,
        out,
        appVersion: appVersion(),
        onProgress: progressEvents(events, 'export', progressId),
      }),
    'experiments.importFrom': ({ path, progressId }) =>
      importExperiments({
        store,
        dataDir,
        archive: path,
        onProgress: progressEvents(events, 'import', progressId),
      }),
  };
}
