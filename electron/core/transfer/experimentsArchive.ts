import { z } from 'zod';

/**
 * An experiments archive (`benchtop export experiments`): a tar.gz like a backup, holding
 * `experiments.json` (experiments, dataset versions, an index of runs), `runs.jsonl` (one run a
 * line with params, metrics, tags, notes, logs: streamed, never all in memory), the run artifacts under
 * `runs/<uid>/`, the referenced dataset files under `datasets/…`, and a manifest with checksums last.
 */
export const EXPERIMENTS_MANIFEST = 'benchtop-experiments.json';
export const EXPERIMENTS_DATA = 'experiments.json';
export const EXPERIMENTS_RUNS = 'runs.jsonl';

export const ExperimentsManifest = z.object({
  format: z.literal('benchtop-experiments'),
  format_version: z.literal(1),
  app_version: z.string(),
  created_at: z.string(),
  counts: z.object({
    experiments: z.number().int(),
    runs: z.number().int(),
    datasets: z.number().int(),
  }),
  files: z.array(
    z.object({
      path: z.string(),
      bytes: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
export type ExperimentsManifest = z.infer<typeof ExperimentsManifest>;

/** A path inside the archive: relative, no `..` (the extractor refuses anything else too). */
const ArchivePath = z.string().regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[^\\\0]+$/, 'an unsafe path');

export const ArchivedDataset = z.object({
  /** The id it had where it was exported; runs point at it. */
  id: z.number().int(),
  name: z.string().min(1),
  version: z.number().int(),
  hash: z.string().min(1),
  file_name: z.string(),
  bytes: z.number().int(),
  rows: z.number().int(),
  columns: z.unknown(),
  options: z.unknown(),
  profile: z.unknown().nullable(),
  created_at: z.string(),
  /** Archive paths of the original file and of what training reads (the columnar cache). */
  original: ArchivePath.nullable(),
  storage: ArchivePath.nullable(),
});
export type ArchivedDataset = z.infer<typeof ArchivedDataset>;

const Scalar = z.union([z.string(), z.number(), z.null()]);

export const ArchivedRun = z.object({
  // The uid also names the run's folder in the archive: only a UUID may arrive from a file.
  uid: z.string().uuid(),
  experiment: z.string().min(1),
  // Runs a script logged or an import brought have no dataset, model or target (archives before that always do).
  dataset_id: z.number().int().nullable(),
  source: z.enum(['benchtop', 'script', 'import']).default('benchtop'),
  name: z.string(),
  status: z.enum(['queued', 'running', 'finished', 'failed', 'cancelled', 'interrupted']),
  model: z.string().nullable(),
  task: z.string().nullable(),
  target: z.string().nullable(),
  backend: z.string().nullable(),
  error: z.string().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  ended_at: z.string().nullable(),
  archived: z.boolean(),
  note: z.string(),
  params: z.record(z.string(), z.unknown()),
  tags: z.array(z.object({ key: z.string(), value: z.string() })),
  metrics: z.array(
    z
      .object({
        key: z.string(),
        steps: z.array(z.number()),
        values: z.array(z.number()),
        times: z.array(z.number()),
      })
      .refine(
        (s) => s.values.length === s.steps.length && s.times.length === s.steps.length,
        'a metric series has columns of different lengths',
      ),
  ),
  environment: z.record(z.string(), Scalar).nullable(),
  evaluation: z.record(z.string(), z.number()).nullable(),
  logs: z.array(z.object({ level: z.enum(['info', 'warn', 'error']), message: z.string() })),
  /** Artifact rows; `file` is the name under the run's artifact folder. */
  artifacts: z.array(
    z.object({
      name: z.string(),
      file: ArchivePath.nullable(),
      sha256: z.string(),
      bytes: z.number().int(),
    }),
  ),
  /** Every file of the run's artifact folder, relative to it. */
  files: z.array(ArchivePath),
});
export type ArchivedRun = z.infer<typeof ArchivedRun>;

export const ExperimentsData = z.object({
  experiments: z.array(z.object({ name: z.string().min(1), created_at: z.string() })),
  datasets: z.array(ArchivedDataset),
  /** Which runs `runs.jsonl` holds, in its order, and the dataset each was trained on. */
  runs: z.array(z.object({ uid: z.string().uuid(), dataset_id: z.number().int().nullable() })),
});
export type ExperimentsData = z.infer<typeof ExperimentsData>;

export const runFolder = (uid: string) => `runs/${uid}`;
