import { z } from 'zod';
import { ExplorerRun } from './explorerApi.js';
import { RunStatus } from './domain.js';
import { ExperimentSummary } from './transferApi.js';

/**
 * Tracking from anywhere: experiments as first-class records, and runs that a script starts,
 * logs into and ends (the MLflow-compatible API translates its wire onto these methods).
 * Runs are named here by `uid`, the identity a run keeps across installs and servers.
 */

/** A run's uid: a UUID; MLflow's 32-hex run id is the same digits without dashes. */
export const RunUid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a run uid is a UUID');

/** Any double, NaN and ±Infinity included (a diverged loss is data too). */
export const AnyNumber = z.custom<number>((v) => typeof v === 'number', 'expected a number');

export const KEY_RULE =
  'names may only contain letters, digits, underscores (_), dashes (-), periods (.), spaces ( ), colons (:) and slashes (/)';
const checked = new Map<string, string | null>();
/** MLflow's rule for metric, param and tag keys; a batch repeats a few keys a thousand times, so answers are kept. */
export function badKey(key: string): string | null {
  let answer = checked.get(key);
  if (answer === undefined) {
    if (checked.size > 10_000) checked.clear();
    checked.set(key, (answer = checkKey(key)));
  }
  return answer;
}

/** Letters, digits and `_-. :/`; no `..` or `.` segment and no leading `/`. */
function checkKey(key: string): string | null {
  if (key.length === 0) return 'a key must not be empty';
  if (key.length > 250) return `the key ${JSON.stringify(key.slice(0, 40))}… is longer than 250 characters`;
  if (!/^[\w\-. :/]+$/.test(key)) return `invalid key ${JSON.stringify(key)}: ${KEY_RULE}`;
  if (key.startsWith('/') || key.split('/').some((part) => part === '..' || part === '.')) {
    return `invalid key ${JSON.stringify(key)}: it may not be an absolute path or contain . or .. segments`;
  }
  return null;
}
const Key = z.string().superRefine((key, ctx) => {
  const problem = badKey(key);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** An experiment as every method returns it (the same record `experiments.list` lists). */
export const Experiment = ExperimentSummary;
export type Experiment = z.infer<typeof Experiment>;

export const LoggedPoint = z.object({ key: z.string(), value: AnyNumber, step: z.number().int(), time: z.number() });
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

const ExperimentName = z.string().trim().min(1, 'an experiment needs a name').max(500, 'an experiment name has at most 500 characters');
const Tags = z.record(Key, z.string().max(8000, 'a tag value has at most 8000 characters'));
const ArtifactPath = z.string().max(4096, 'the artifact path is too long');

export const ArtifactEntry = z.object({ path: z.string(), is_dir: z.boolean(), size: z.number().int() });

export const DEFAULT_TRACKING_PORT = 7788;
export const TrackingSettings = z.object({ port: z.number().int() });
export type TrackingSettings = z.infer<typeof TrackingSettings>;
/** Sent when the tracking settings change, so the desktop app can move its listener. */
export const TrackingSettingsEvent = z.object({ type: z.literal('tracking.settings'), port: z.number().int() });

/** The tracking methods, spread into the contract in api.ts. */
export const trackingApi = {
  'experiments.get': {
    input: z.union([z.object({ id: z.number().int() }), z.object({ name: z.string() })]),
    output: Experiment,
  },
  'experiments.create': { input: z.object({ name: ExperimentName, tags: Tags.default({}) }), output: Experiment },
  'experiments.rename': { input: z.object({ id: z.number().int(), name: ExperimentName }), output: Experiment },
  /** Deleting hides an experiment and its runs; restoring brings both back. */
  'experiments.delete': { input: z.object({ id: z.number().int() }), output: Experiment },
  'experiments.restore': { input: z.object({ id: z.number().int() }), output: Experiment },
  'experiments.setTag': {
    input: z.object({ id: z.number().int(), key: Key, value: z.string().max(8000, 'a tag value has at most 8000 characters') }),
    output: Experiment,
  },
  /** A run a script logs into: running from now (or `startTime`, ms since the epoch). */
  'runs.start': {
    input: z.object({
      experimentId: z.number().int(),
      name: z.string().trim().max(250, 'a run name has at most 250 characters').optional(),
      startTime: z.number().int().nonnegative().optional(),
      tags: Tags.default({}),
      /** `import` for runs copied from another tracker (a pull, an import); `script` otherwise. */
      source: z.enum(['script', 'import']).default('script'),
    }),
    output: TrackedRun,
  },
  /** Runs by uid or id, deleted ones included, in the order asked. */
  'runs.tracked': {
    input: z.object({
      uids: z.array(z.string()).max(50_000).default([]),
      ids: z.array(z.number().int()).max(50_000).default([]),
    }),
    output: z.array(TrackedRun),
  },
  /**
   * Metrics, params and tags in one transaction. Params are write-once: logging a different
   * value for a key is refused, the same value again is fine.
   */
  'runs.log': {
    input: z.object({
      uid: z.string(),
      metrics: z
        .array(z.object({ key: Key, value: AnyNumber, time: z.number().int(), step: z.number().int().min(-(2 ** 53)).max(2 ** 53) }))
        .max(1000, 'at most 1000 metrics per request')
        .default([]),
      params: z
        .array(z.object({ key: Key, value: z.string().max(6000, 'a param value has at most 6000 characters') }))
        .max(100, 'at most 100 params per request')
        .default([]),
      tags: z
        .array(z.object({ key: Key, value: z.string().max(8000, 'a tag value has at most 8000 characters') }))
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
  'artifacts.list': {
    input: z.object({ uid: z.string(), path: ArtifactPath.default('') }),
    output: z.object({ files: z.array(ArtifactEntry) }),
  },
  /** Where a transport streams one artifact from: the file and its size. */
  'artifacts.locate': {
    input: z.object({ uid: z.string(), path: ArtifactPath }),
    output: z.object({ file: z.string(), size: z.number().int() }),
  },
  /** A fresh file in the data directory for an upload to be streamed into, then committed. */
  'artifacts.prepareUpload': {
    input: z.object({ uid: z.string(), path: ArtifactPath }),
    output: z.object({ tempFile: z.string() }),
  },
  /** Moves a prepared upload into the run's artifacts under `path`. */
  'artifacts.commitUpload': {
    input: z.object({ uid: z.string(), path: ArtifactPath, tempFile: z.string() }),
    output: z.object({ size: z.number().int() }),
  },
  /** The token scripts log with (kept in the data directory); `rotate` replaces it. */
  'tracking.token': {
    input: z.object({ rotate: z.boolean().default(false) }),
    output: z.object({ token: z.string() }),
  },
  /** Where the desktop app listens for scripts (127.0.0.1:port); kept in the data directory. */
  'tracking.settings': { input: z.object({}).default({}), output: TrackingSettings },
  /** Changes the port; the desktop app moves its listener at once (a `tracking.settings` event). */
  'tracking.setPort': {
    input: z.object({ port: z.number().int('the port is a whole number').min(1024, 'use a port from 1024 to 65535').max(65535, 'use a port from 1024 to 65535') }),
    output: TrackingSettings,
  },
  'artifacts.delete': {
    input: z.object({ uid: z.string(), path: ArtifactPath }),
    output: z.object({ changed: z.number().int() }),
  },
} as const;
