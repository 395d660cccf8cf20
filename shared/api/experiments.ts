import { z } from 'zod';
import { PreparedDownload } from './downloads.js';
import { LoggedKey } from './keyRule.js';
import { ProgressId } from './transferProgress.js';

/**
 * Experiments as first-class records, and experiments moved between installs: as an archive at a
 * path on the machine the core runs on (`exportTo`, `importFrom`: the CLI and the desktop's save
 * dialog), or downloaded and uploaded in browser mode (`prepareExport`, `upload`).
 */

export const ExperimentSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  runs: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
  deleted: z.boolean(),
  tags: z.record(z.string(), z.string()),
});

/** An experiment as every method returns it (the same record `experiments.list` lists). */
export const Experiment = ExperimentSummary;
export type Experiment = z.infer<typeof Experiment>;

export const ExperimentsExported = z.object({
  path: z.string(),
  bytes: z.number().int(),
  files: z.number().int(),
  counts: z.object({
    experiments: z.number().int(),
    runs: z.number().int(),
    datasets: z.number().int(),
  }),
});
export type ExperimentsExported = z.infer<typeof ExperimentsExported>;

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

const ExperimentName = z
  .string()
  .trim()
  .min(1, 'an experiment needs a name')
  .max(500, 'an experiment name has at most 500 characters');
const TagValue = z.string().max(8000, 'a tag value has at most 8000 characters');

export const experimentsApi = {
  'experiments.list': {
    input: z
      .object({ view: z.enum(['active', 'deleted', 'all']).default('active') })
      .default({ view: 'active' }),
    output: z.array(ExperimentSummary),
  },
  'experiments.get': {
    input: z.union([z.object({ id: z.number().int() }), z.object({ name: z.string() })]),
    output: Experiment,
  },
  'experiments.create': {
    input: z.object({ name: ExperimentName, tags: z.record(LoggedKey, TagValue).default({}) }),
    output: Experiment,
  },
  'experiments.rename': {
    input: z.object({ id: z.number().int(), name: ExperimentName }),
    output: Experiment,
  },
  /** Deleting hides an experiment and its runs; restoring brings both back. */
  'experiments.delete': { input: z.object({ id: z.number().int() }), output: Experiment },
  'experiments.restore': { input: z.object({ id: z.number().int() }), output: Experiment },
  'experiments.setTag': {
    input: z.object({ id: z.number().int(), key: LoggedKey, value: TagValue }),
    output: Experiment,
  },
  /** The named experiments (runs, their files and datasets) in one archive at `out`. */
  'experiments.exportTo': {
    input: z.object({
      experiments: z.array(z.string()).min(1, 'pick at least one experiment'),
      out: z.string().min(1, 'an output file is required'),
      progressId: ProgressId,
    }),
    output: ExperimentsExported,
  },
  /** Adds an archive's runs not already here (same uid); dataset versions already here are reused. */
  'experiments.importFrom': {
    input: z.object({
      path: z.string().min(1, 'an archive path is required'),
      progressId: ProgressId,
    }),
    output: ExperimentsImported,
  },
  /** Browser mode: selected experiments as an archive, prepared for download. */
  'experiments.prepareExport': {
    input: z.object({ experiments: ExperimentNames, progressId: ProgressId }),
    output: PreparedDownload,
  },
  /** Browser mode: an uploaded experiments archive (base64); runs already here are skipped. */
  'experiments.upload': {
    input: z.object({
      fileName: z.string().min(1),
      base64: z.string().min(1, 'the archive is empty'),
      progressId: ProgressId,
    }),
    output: ExperimentsImported,
  },
} as const;
