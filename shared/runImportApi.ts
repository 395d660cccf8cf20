import { z } from 'zod';

/** Runs brought from other trackers: MLflow file stores and databases, TensorBoard logdirs. */

export const RunImportSource = z.enum(['mlflow-filestore', 'mlflow-sqlite', 'tensorboard']);
export type RunImportSource = z.infer<typeof RunImportSource>;

/** What an import added (or, with `preview`, would add); the pinned `benchtop runs import --json` document. */
export const RunImportSummary = z.object({
  source: RunImportSource,
  experiments: z.number().int(),
  runs_added: z.number().int(),
  runs_skipped: z.number().int(),
  params: z.number().int(),
  metric_points: z.number().int(),
  warnings: z.array(z.string()),
});
export type RunImportSummary = z.infer<typeof RunImportSummary>;

/** Names the caller gives an import so it can cancel it and pick its progress events out of the stream. */
const ImportId = z.string().regex(/^[\w-]{1,64}$/, 'an import id is 1 to 64 letters, digits, - or _');

/** How far an import (or its preview) has read: sent at most a few times a second. */
export const RunImportProgress = z.object({
  type: z.literal('runs.import.progress'),
  importId: z.string(),
  /** Runs read so far, of `runs_total` in the source. */
  runs_done: z.number().int(),
  runs_total: z.number().int(),
  metric_points: z.number().int(),
});
export type RunImportProgress = z.infer<typeof RunImportProgress>;

/** A folder being followed: new points written there come in every second. */
export const FollowedSource = z.object({
  followId: z.string(),
  path: z.string(),
  source: RunImportSource,
  experiment: z.string().nullable(),
  since: z.string(),
  /** Totals over every round since it started. */
  runs_added: z.number().int(),
  metric_points: z.number().int(),
  last_checked: z.string().nullable(),
  /** The last round's failure, if it failed (the follow goes on and tries again). */
  error: z.string().nullable(),
  warnings: z.array(z.string()),
});
export type FollowedSource = z.infer<typeof FollowedSource>;

export const FollowEvent = z.object({ type: z.literal('runs.follow.changed'), following: z.array(FollowedSource) });

const pathInput = z.string().min(1, 'a path to import is required');
const experimentInput = z.string().trim().min(1).max(500).optional();

export const runImportApi = {
  /**
   * Imports every run at `path` once: a run already imported (same source identity) adds only
   * the points it gained since. `experiment` names where TensorBoard runs go (default: the
   * logdir's folder name); MLflow runs keep their experiments. A failure or a cancel adds nothing.
   */
  'runs.import': {
    input: z.object({
      path: pathInput,
      experiment: experimentInput,
      preview: z.boolean().default(false),
      importId: ImportId.optional(),
    }),
    output: RunImportSummary,
  },
  /** Stops an import (or preview) in progress; it then fails with "cancelled" and adds nothing. */
  'runs.cancelImport': { input: z.object({ importId: ImportId }), output: z.object({ cancelled: z.boolean() }) },
  /** Imports `path`, then keeps bringing in what is written there every second until unfollowed. */
  'runs.follow': { input: z.object({ path: pathInput, experiment: experimentInput }), output: FollowedSource },
  'runs.unfollow': { input: z.object({ followId: z.string().min(1) }), output: z.object({ stopped: z.boolean() }) },
  'runs.following': { input: z.object({}).default({}), output: z.array(FollowedSource) },
} as const;
