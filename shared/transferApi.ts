import { z } from 'zod';

/** Backups, and experiments moved between installs: the contract's backup.* and experiments.* methods. */

/** Names the page gives a long transfer so it can pick its own progress events out of the stream. */
export const ProgressId = z.string().regex(/^[\w-]{1,64}$/, 'a progress id is letters, digits, - or _').optional();

export const TransferProgress = z.object({
  type: z.literal('transfer.progress'),
  progressId: z.string(),
  phase: z.enum(['backup', 'export', 'import']),
  files: z.number().int(),
  total_files: z.number().int(),
  bytes: z.number(),
  total_bytes: z.number(),
});
export type TransferProgress = z.infer<typeof TransferProgress>;

/** A file made on the serving machine, fetched once by the page from `GET /api/download/<id>`. */
export const PreparedDownload = z.object({
  downloadId: z.string(),
  fileName: z.string(),
  bytes: z.number().int(),
  files: z.number().int(),
});
export type PreparedDownload = z.infer<typeof PreparedDownload>;

export const ExperimentSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  runs: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
  deleted: z.boolean(),
  tags: z.record(z.string(), z.string()),
});

export const ExperimentsImported = z.object({
  experiments_added: z.number().int(),
  runs_added: z.number().int(),
  runs_skipped: z.number().int(),
  datasets_added: z.number().int(),
  datasets_reused: z.number().int(),
  files_added: z.number().int(),
});
export type ExperimentsImported = z.infer<typeof ExperimentsImported>;

export const ExperimentNames = z.array(z.string().min(1)).min(1, 'pick at least one experiment');

export const transferApi = {
  'experiments.list': {
    input: z.object({ view: z.enum(['active', 'deleted', 'all']).default('active') }).default({ view: 'active' }),
    output: z.array(ExperimentSummary),
  },
  /** Browser mode: a backup of the whole data directory, prepared for download. */
  'backup.prepare': { input: z.object({ progressId: ProgressId }), output: PreparedDownload },
  /** Where the data lives, for the restore instructions. */
  'backup.location': { input: z.object({}).default({}), output: z.object({ dataDir: z.string() }) },
  /** Browser mode: selected experiments as an archive, prepared for download. */
  'experiments.prepareExport': { input: z.object({ experiments: ExperimentNames, progressId: ProgressId }), output: PreparedDownload },
  /** An uploaded experiments archive (base64); runs already here are skipped. */
  'experiments.upload': {
    input: z.object({ fileName: z.string().min(1), base64: z.string().min(1, 'the archive is empty'), progressId: ProgressId }),
    output: ExperimentsImported,
  },
} as const;
