import { z } from 'zod';
import { MetricPoint, MetricValue, ParamValue, Run, RunStatus } from '../domain.js';

/** What the runs.* methods answer (runs as the explorer and tracking clients see them, series, comparisons) and the runs' events. */

/** A run as the explorer shows it: the run's fields plus tags, its note and whether it is archived. */
export const ExplorerRun = Run.extend({
  tags: z.record(z.string(), z.string()),
  note: z.string(),
  archived: z.boolean(),
});
export type ExplorerRun = z.infer<typeof ExplorerRun>;

/** A run's uid: a UUID; MLflow's 32-hex run id is the same digits without dashes. */
export const RunUid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a run uid is a UUID');

export const LoggedPoint = z.object({
  key: z.string(),
  value: MetricValue,
  step: z.number().int(),
  time: z.number(),
});
export type LoggedPoint = z.infer<typeof LoggedPoint>;

/** A run as a tracking client sees it: the explorer's row plus its identity and latest points. */
export const TrackedRun = ExplorerRun.extend({
  uid: RunUid,
  experiment_id: z.number().int(),
  deleted: z.boolean(),
  /** The point at the largest step of each metric (its value is also in `metrics`). */
  latest: z.array(LoggedPoint),
  /** Params exactly as logged, as text (numbers as their shortest form). */
  param_text: z.record(z.string(), z.string()),
});
export type TrackedRun = z.infer<typeof TrackedRun>;

export const XAxis = z.enum(['step', 'time', 'relative']);
export type XAxis = z.infer<typeof XAxis>;

/** One run's metric over a range, downsampled on the main side when it has more points than asked. */
export const SeriesSlice = z.object({
  runId: z.number().int(),
  key: z.string(),
  /** Points in the range at full resolution. */
  total: z.number().int().nonnegative(),
  x: z.array(z.number()),
  y: z.array(MetricValue),
  /** The min/max envelope per bucket; null when the points are raw (not downsampled). */
  lo: z.array(MetricValue).nullable(),
  hi: z.array(MetricValue).nullable(),
});
export type SeriesSlice = z.infer<typeof SeriesSlice>;

/** The compare view draws at most this many runs; it says so when asked for more. */
export const MAX_SERIES_RUNS = 200;

export const MetricSummary = z.object({
  last: MetricValue,
  min: MetricValue,
  max: MetricValue,
  best_step: z.number().int(),
});
export const Comparison = z.object({
  params: z.record(z.string(), z.record(z.string(), ParamValue)),
  metrics: z.record(z.string(), z.record(z.string(), MetricSummary)),
  differing_params: z.array(z.string()),
});
export type Comparison = z.infer<typeof Comparison>;

export const RunArtifactInfo = z.object({
  name: z.string(),
  path: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
});

/** What Benchtop's training left beside a run: environment, test metrics, artifacts, logs. */
export const RunDetails = z.object({
  environment: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).nullable(),
  /** Test-split metrics; null until the run has finished. */
  evaluation: z.record(z.string(), z.number()).nullable(),
  /** evaluation.json: confusion matrix, ROC and PR points (classification) or residuals (regression). */
  evaluation_details: z.record(z.string(), z.unknown()).nullable(),
  artifacts: z.array(RunArtifactInfo),
  logs: z.array(z.object({ level: z.enum(['info', 'warn', 'error']), message: z.string() })),
  sweep_id: z.number().int().nullable(),
  /** One line per problem with the run (a diverged loss, no better than a trivial answer), each with what to try. */
  advice: z.array(z.string()),
});
export type RunDetails = z.infer<typeof RunDetails>;

/** Waiting for work to end, for callers that have nothing to show meanwhile (`benchtop train`, `sweep`). */
export const RunsWaited = z.object({
  /** True when every run has a terminal status; false when `timeoutMs` passed first or the core closed. */
  ended: z.boolean(),
  runs: z.array(z.object({ id: z.number().int(), status: RunStatus })),
});
export type RunsWaited = z.infer<typeof RunsWaited>;

/** Points a run's metrics gained, once committed (a training job's epochs, a script's log, a follow). */
export const RunMetricEvent = z.object({
  type: z.literal('run.metric'),
  runId: z.number().int(),
  points: z.array(MetricPoint),
});

export const RunStatusEvent = z.object({
  type: z.literal('run.status'),
  runId: z.number().int(),
  status: RunStatus,
  error: z.string().nullable(),
});
