import { z } from 'zod';
import { MetricSeries, MetricValue, Run, RunStatus } from '../domain.js';
import { LoggedKey } from './keyRule.js';
import {
  ImportId,
  FollowedSource,
  MlflowCredentials,
  PullSummary,
  PushSummary,
  RunImportSummary,
} from './otherTrackers.js';
import {
  Comparison,
  ExplorerRun,
  LoggedPoint,
  MAX_SERIES_RUNS,
  RunDetails,
  RunsWaited,
  SeriesSlice,
  TrackedRun,
  XAxis,
} from './runRecords.js';

/**
 * Every runs.* method: reading runs and their metrics, the explorer's edits, runs a script logs
 * into, predict/evaluate with a trained run's model, imports and copies from other trackers.
 * The shapes they answer are in runRecords.ts and otherTrackers.ts.
 */

const id = z.number().int();
const Ids = z.array(id).min(1, 'pick at least one run').max(10_000, 'at most 10000 runs at once');
const Changed = z.object({ changed: z.number().int() });
const Tags = z.record(LoggedKey, z.string().max(8000, 'a tag value has at most 8000 characters'));
const pathInput = z.string().min(1, 'a path to import is required');
const experimentInput = z.string().trim().min(1).max(500).optional();
/** Checked by the method itself (http or https, no query), with a message naming the CLI's flag. */
const ServerUrl = z.string();
const count = (min: number, max: number) => z.number().int().min(min).max(max);

export const runsApi = {
  // Reading
  'runs.list': { input: z.object({}).default({}), output: z.array(Run) },
  'runs.get': { input: z.object({ id }), output: Run },
  'runs.metrics': {
    input: z.object({ id, keys: z.array(z.string()).optional() }),
    output: z.array(MetricSeries),
  },
  'runs.details': { input: z.object({ id }), output: RunDetails },
  /** Every run; `limit`: only the newest (a first screen while the rest loads); `ids`: only those. */
  'runs.table': {
    input: z
      .object({
        limit: z.number().int().positive().optional(),
        /** Only runs older than this id (newest first): with `limit`, the next page of the table. */
        before: id.optional(),
        ids: z.array(id).max(10_000).optional(),
      })
      .default({}),
    output: z.array(ExplorerRun),
  },
  'runs.query': {
    input: z.object({
      filter: z.string().max(10_000, 'the query is too long').default(''),
      sort: z.string().optional(),
      limit: z.number().int().positive().optional(),
      archived: z.enum(['exclude', 'include', 'only']).default('exclude'),
      deleted: z.enum(['exclude', 'include', 'only']).default('exclude'),
    }),
    /** `warnings`: a metric the query names that no run has, with the closest keys that exist. */
    output: z.object({ ids: z.array(id), warnings: z.array(z.string()) }),
  },
  'runs.series': {
    input: z.object({
      ids: z
        .array(id)
        .min(1, 'pick at least one run')
        .max(MAX_SERIES_RUNS, `at most ${MAX_SERIES_RUNS} runs per chart`),
      keys: z.array(z.string().min(1)).min(1, 'pick a metric').max(50),
      xAxis: XAxis.default('step'),
      range: z
        .object({ min: z.number(), max: z.number() })
        .refine((r) => r.min <= r.max, 'range min must not exceed max')
        .optional(),
      maxPoints: z.number().int().min(2).max(20_000).default(1000),
    }),
    output: z.array(SeriesSlice),
  },
  'runs.compare': { input: z.object({ ids: Ids }), output: Comparison },
  /** Runs by uid or id, deleted ones included, in the order asked. */
  'runs.tracked': {
    input: z.object({
      uids: z.array(z.string()).max(50_000).default([]),
      ids: z.array(id).max(50_000).default([]),
    }),
    output: z.array(TrackedRun),
  },
  /** Every point of one metric in step order (NaN points included), a page at a time. */
  'runs.history': {
    input: z.object({
      uid: z.string(),
      key: z.string(),
      offset: z.number().int().nonnegative().default(0),
      limit: z.number().int().positive().max(1_000_000).default(1_000_000),
    }),
    output: z.object({ points: z.array(LoggedPoint), total: z.number().int() }),
  },
  /** Resolves once every run has ended (finished, failed, cancelled or interrupted), or after `timeoutMs`. */
  'runs.wait': {
    input: z.object({
      ids: z.array(id).min(1, 'name at least one run'),
      timeoutMs: z.number().int().min(0).optional(),
    }),
    output: RunsWaited,
  },

  // The explorer's edits
  'runs.setTag': {
    input: z.object({
      ids: Ids,
      key: z.string().trim().min(1, 'a tag needs a name').max(200),
      value: z.string().max(10_000).default(''),
    }),
    output: Changed,
  },
  'runs.removeTag': { input: z.object({ ids: Ids, key: z.string().min(1) }), output: Changed },
  'runs.setNote': {
    input: z.object({
      id,
      note: z.string().max(100_000, 'a note holds at most 100000 characters'),
    }),
    output: Changed,
  },
  'runs.archive': { input: z.object({ ids: Ids, archived: z.boolean() }), output: Changed },
  /** Hides runs at once; `runs.restore` undoes it; the first start an hour later purges them. */
  'runs.delete': { input: z.object({ ids: Ids }), output: Changed },
  'runs.restore': { input: z.object({ ids: Ids }), output: Changed },

  // Runs a script logs into (the MLflow-compatible API translates its wire onto these), named by uid
  /** A run a script logs into: running from now (or `startTime`, ms since the epoch). */
  'runs.start': {
    input: z.object({
      experimentId: id,
      name: z.string().trim().max(250, 'a run name has at most 250 characters').optional(),
      startTime: z.number().int().nonnegative().optional(),
      tags: Tags.default({}),
      /** `import` for runs copied from another tracker (a pull, an import); `script` otherwise. */
      source: z.enum(['script', 'import']).default('script'),
    }),
    output: TrackedRun,
  },
  /**
   * Metrics, params and tags in one transaction. Params are write-once: logging a different
   * value for a key is refused, the same value again is fine.
   */
  'runs.log': {
    input: z.object({
      uid: z.string(),
      metrics: z
        .array(
          z.object({
            key: LoggedKey,
            value: MetricValue,
            time: z.number().int(),
            step: z
              .number()
              .int()
              .min(-(2 ** 53))
              .max(2 ** 53),
          }),
        )
        .max(1000, 'at most 1000 metrics per request')
        .default([]),
      params: z
        .array(
          z.object({
            key: LoggedKey,
            value: z.string().max(6000, 'a param value has at most 6000 characters'),
          }),
        )
        .max(100, 'at most 100 params per request')
        .default([]),
      tags: z
        .array(
          z.object({
            key: LoggedKey,
            value: z.string().max(8000, 'a tag value has at most 8000 characters'),
          }),
        )
        .max(100, 'at most 100 tags per request')
        .default([]),
    }),
    output: z.object({ points: z.number().int() }),
  },
  /** Status, end time and name of a run, as its script reports them. */
  'runs.update': {
    input: z.object({
      uid: z.string(),
      status: RunStatus.optional(),
      endTime: z.number().int().nonnegative().optional(),
      name: z.string().trim().min(1).max(250).optional(),
    }),
    output: TrackedRun,
  },

  // A trained run's model applied to a file
  'runs.predict': {
    input: z.object({ id, path: z.string().min(1), out: z.string().min(1) }),
    output: z.object({ rows: z.number().int(), out: z.string() }),
  },
  'runs.evaluate': {
    input: z.object({ id, path: z.string().min(1), target: z.string().min(1) }),
    output: z.object({ metrics: z.record(z.string(), z.number()) }),
  },

  // Other trackers
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
  'runs.cancelImport': {
    input: z.object({ importId: ImportId }),
    output: z.object({ cancelled: z.boolean() }),
  },
  /** Imports `path`, then keeps bringing in what is written there every second until unfollowed. */
  'runs.follow': {
    input: z.object({ path: pathInput, experiment: experimentInput }),
    output: FollowedSource,
  },
  'runs.unfollow': {
    input: z.object({ followId: z.string().min(1) }),
    output: z.object({ stopped: z.boolean() }),
  },
  'runs.following': { input: z.object({}).default({}), output: z.array(FollowedSource) },
  /** Copies local runs (every metric point, params, tags, artifacts) to the server at `to`; runs already there are skipped. */
  'runs.push': {
    input: z.object({
      to: ServerUrl,
      filter: z.string().optional(),
      experiment: z.string().optional(),
      credentials: MlflowCredentials,
    }),
    output: PushSummary,
  },
  /** Copies runs from the server at `from` (one experiment, else every active one); runs already here are skipped. */
  'runs.pull': {
    input: z.object({
      from: ServerUrl,
      experiment: z.string().optional(),
      credentials: MlflowCredentials,
    }),
    output: PullSummary,
  },

  /** Synthetic finished runs written through the real store, for demos and benchmarks (`benchtop demo`). */
  'runs.demo': {
    input: z.object({
      runs: count(1, 1_000_000).default(100),
      /** Points per curve (loss, accuracy, …), one per step. */
      points: count(1, 10_000_000).default(1000),
      params: count(0, 1000).optional(),
      /** Metrics per run: the first `curves` have `points` steps, the rest one final value. */
      metrics: count(0, 1000).optional(),
      curves: count(0, 4).optional(),
      seed: z.number().int().optional(),
    }),
    output: z.object({
      runs: z.number().int(),
      first_id: z.number().int().nullable(),
      last_id: z.number().int().nullable(),
    }),
  },
} as const;
