import { z } from 'zod';
import { ExperimentsImported, ProgressId } from './transferApi.js';

/**
 * Archives written to and read from a path on the machine the core runs on: `benchtop backup`,
 * `export experiments` and `experiments import`, and the desktop's save dialog. (Browser mode
 * downloads and uploads instead: backup.prepare, experiments.prepareExport, experiments.upload.)
 */

export const BackupWritten = z.object({
  path: z.string(),
  bytes: z.number().int(),
  files: z.number().int(),
  counts: z.object({ runs: z.number().int(), datasets: z.number().int(), model_versions: z.number().int() }),
});
export type BackupWritten = z.infer<typeof BackupWritten>;

export const ExperimentsExported = z.object({
  path: z.string(),
  bytes: z.number().int(),
  files: z.number().int(),
  counts: z.object({ experiments: z.number().int(), runs: z.number().int(), datasets: z.number().int() }),
});
export type ExperimentsExported = z.infer<typeof ExperimentsExported>;

const OutPath = z.string().min(1, 'an output file is required');

export const archivesApi = {
  /** The database (online backup) and every data file in one archive at `out`, written whole or not at all. */
  'backup.create': { input: z.object({ out: OutPath, progressId: ProgressId }), output: BackupWritten },
  /** The named experiments (runs, their files and datasets) in one archive at `out`. */
  'experiments.exportTo': {
    input: z.object({ experiments: z.array(z.string()).min(1, 'pick at least one experiment'), out: OutPath, progressId: ProgressId }),
    output: ExperimentsExported,
  },
  /** Adds an archive's runs not already here (same uid); dataset versions already here are reused. */
  'experiments.importFrom': { input: z.object({ path: z.string().min(1, 'an archive path is required'), progressId: ProgressId }), output: ExperimentsImported },
} as const;
