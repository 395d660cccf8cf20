import { z } from 'zod';

/**
 * Runs from and to other trackers: imports and follows of MLflow file stores and databases and
 * TensorBoard logdirs (`runs.import`, `runs.follow`), and copies to and from an MLflow server
 * over its REST wire (`runs.push`, `runs.pull`).
 */

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
  /** Images logged per step (MLflow's log_image, TensorBoard's image summaries). */
  images: z.number().int(),
  warnings: z.array(z.string()),
});
export type RunImportSummary = z.infer<typeof RunImportSummary>;

/** Names the caller gives an import so it can cancel it and pick its progress events out of the stream. */
export const ImportId = z
  .string()
  .regex(/^[\w-]{1,64}$/, 'an import id is 1 to 64 letters, digits, - or _');

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

export const FollowEvent = z.object({
  type: z.literal('runs.follow.changed'),
  following: z.array(FollowedSource),
});

/** The credentials MLflow's own client reads from its environment: a bearer token, else basic auth. */
export const MlflowCredentials = z
  .object({
    MLFLOW_TRACKING_TOKEN: z.string().optional(),
    MLFLOW_TRACKING_USERNAME: z.string().optional(),
    MLFLOW_TRACKING_PASSWORD: z.string().optional(),
  })
  .default({});

export const PushSummary = z.object({
  to: z.string(),
  runs_pushed: z.number().int(),
  runs_skipped: z.number().int(),
  params: z.number().int(),
  metric_points: z.number().int(),
  artifacts: z.number().int(),
  warnings: z.array(z.string()),
});
export type PushSummary = z.infer<typeof PushSummary>;

export const PullSummary = z.object({
  from: z.string(),
  experiments: z.number().int(),
  runs_added: z.number().int(),
  runs_skipped: z.number().int(),
  params: z.number().int(),
  metric_points: z.number().int(),
  artifacts: z.number().int(),
  warnings: z.array(z.string()),
});
export type PullSummary = z.infer<typeof PullSummary>;
