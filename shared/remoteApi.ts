import { z } from 'zod';

/** Runs copied to and from another MLflow tracking server over MLflow's REST wire (`benchtop runs push/pull`). */

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

/** Checked by the method itself (http or https, no query), with a message naming the CLI's flag. */
const ServerUrl = z.string();

export const remoteApi = {
  /** Copies local runs (every metric point, params, tags, artifacts) to the server at `to`; runs already there are skipped. */
  'runs.push': {
    input: z.object({ to: ServerUrl, filter: z.string().optional(), experiment: z.string().optional(), credentials: MlflowCredentials }),
    output: PushSummary,
  },
  /** Copies runs from the server at `from` (one experiment, else every active one); runs already here are skipped. */
  'runs.pull': {
    input: z.object({ from: ServerUrl, experiment: z.string().optional(), credentials: MlflowCredentials }),
    output: PullSummary,
  },
} as const;
