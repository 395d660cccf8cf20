import { z } from 'zod';
import { PreparedDownload } from './downloads.js';
import { ProgressId } from './transferProgress.js';

/**
 * Backups of the whole data directory: written to a path on the machine the core runs on
 * (`benchtop backup`, the desktop's save dialog), or prepared for download in browser mode.
 */

export const BackupWritten = z.object({
  path: z.string(),
  bytes: z.number().int(),
  files: z.number().int(),
  counts: z.object({
    runs: z.number().int(),
    datasets: z.number().int(),
    model_versions: z.number().int(),
  }),
});
export type BackupWritten = z.infer<typeof BackupWritten>;

export const backupApi = {
  /** The database (online backup) and every data file in one archive at `out`, written whole or not at all. */
  'backup.create': {
    input: z.object({
      out: z.string().min(1, 'an output file is required'),
      progressId: ProgressId,
    }),
    output: BackupWritten,
  },
  /** Browser mode: a backup of the whole data directory, prepared for download. */
  'backup.prepare': { input: z.object({ progressId: ProgressId }), output: PreparedDownload },
  /** Where the data lives, for the restore instructions. */
  'backup.location': { input: z.object({}).default({}), output: z.object({ dataDir: z.string() }) },
} as const;
