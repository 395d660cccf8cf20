import { z } from 'zod';

/** The backup's table of contents, the archive's last entry: every other file with its checksum. */
export const MANIFEST_NAME = 'benchtop-backup.json';
export const DB_NAME = 'benchtop.db';

export const BackupManifest = z.object({
  format: z.literal('benchtop-backup'),
  format_version: z.literal(1),
  app_version: z.string(),
  schema_version: z.number().int(),
  created_at: z.string(),
  counts: z.object({
    runs: z.number().int(),
    datasets: z.number().int(),
    model_versions: z.number().int(),
  }),
  files: z.array(
    z.object({
      path: z.string(),
      bytes: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
export type BackupManifest = z.infer<typeof BackupManifest>;
