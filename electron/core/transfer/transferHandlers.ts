import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { backupFileName, experimentsFileName } from '../../../shared/archiveNames.js';
import type { TransferProgress } from '../../../shared/api/transferProgress.js';
import { createBackup } from '../backup/createBackup.js';
import type { ArchiveProgress } from '../backup/writeTarGz.js';
import type { EventBus } from '../eventBus.js';
import { appVersion } from '../reports/renderReport.js';
import type { Store } from '../store/store.js';
import { UserError } from '../userError.js';
import { uploadBytes } from '../datasets/uploadLimit.js';
import type { Downloads } from './downloads.js';
import { exportExperiments } from './exportExperiments.js';
import { importExperiments } from './importExperiments.js';

/** Progress of a transfer as events on the bus, when the page named it. */
export function progressEvents(
  events: EventBus,
  phase: TransferProgress['phase'],
  progressId: string | undefined,
): ((p: ArchiveProgress) => void) | undefined {
  return progressId === undefined
    ? undefined
    : (p) => events.emit({ type: 'transfer.progress', progressId, phase, ...p });
}

/** backup.* and experiments.*: archives made for download in browser mode, and uploaded imports. */
export function createTransferHandlers(
  store: Store,
  dataDir: string,
  events: EventBus,
  downloads: Downloads,
) {
  return {
    'experiments.list': ({ view }: { view: 'active' | 'deleted' | 'all' }) =>
      store.experiments.list(view),
    'backup.location': () => ({ dataDir }),
    'backup.prepare': async ({ progressId }: { progressId?: string | undefined }) => {
      const fileName = backupFileName();
      const out = downloads.reserve(fileName);
      const result = await createBackup({
        store,
        dataDir,
        out,
        appVersion: appVersion(),
        onProgress: progressEvents(events, 'backup', progressId),
      });
      return { ...downloads.add(result.path, fileName), fileName, files: result.files };
    },
    'experiments.prepareExport': async ({
      experiments,
      progressId,
    }: {
      experiments: string[];
      progressId?: string | undefined;
    }) => {
      const fileName = experimentsFileName(experiments);
      const out = downloads.reserve(fileName);
      const result = await exportExperiments({
        store,
        dataDir,
        experiments,
        out,
        appVersion: appVersion(),
        onProgress: progressEvents(events, 'export', progressId),
      });
      return { ...downloads.add(result.path, fileName), fileName, files: result.files };
    },
    'experiments.upload': async ({
      fileName,
      base64,
      progressId,
    }: {
      fileName: string;
      base64: string;
      progressId?: string | undefined;
    }) => {
      const bytes = uploadBytes(fileName, { content: '', base64 }); // size-limited, as dataset uploads are
      if (!bytes.length) throw new UserError(`${fileName} is empty`);
      const file = join(downloads.reserve('upload.tar.gz'));
      try {
        writeFileSync(file, bytes);
        return await importExperiments({
          store,
          dataDir,
          archive: file,
          onProgress: progressEvents(events, 'import', progressId),
        });
      } catch (e) {
        // The message names the temporary copy; the user knows the file by its own name.
        if (e instanceof UserError) throw new UserError(e.message.replaceAll(file, fileName));
        throw e;
      } finally {
        rmSync(join(file, '..'), { recursive: true, force: true });
      }
    },
  };
}
