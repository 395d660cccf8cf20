import { randomUUID } from 'node:crypto';
import type { Method, Output, ParsedInput } from '../../../shared/api.js';
import type { RunStatus } from '../../../shared/domain.js';
import type { TrackedRun } from '../../../shared/api/runRecords.js';
import type { EventBus } from '../eventBus.js';
import type { Store } from '../store/store.js';
import type { RunIdentity } from '../store/trackedRunsRepo.js';
import { AlreadyExists, InvalidInput, NotFound, UserError } from '../userError.js';
import { createRunArtifacts } from './runArtifacts.js';
import { logToRun } from './logToRun.js';
import { mlflowParamText as paramText } from '../../../shared/mlflow/searchFilter.js';
import { trackingToken } from './trackingToken.js';
import { readTrackingSettings, writeTrackingSettings } from './trackingSettings.js';

type TrackingMethod = Extract<
  Method,
  | `experiments.${'get' | 'create' | 'rename' | 'delete' | 'restore' | 'setTag'}`
  | `runs.${'start' | 'tracked' | 'log' | 'update' | 'history'}`
  | `artifacts.${'list' | 'locate' | 'prepareUpload' | 'commitUpload' | 'delete'}`
  | `tracking.${string}`
>;
export type TrackingHandlers = {
  [M in TrackingMethod]: (input: ParsedInput<M>) => Output<M> | Promise<Output<M>>;
};

const TERMINAL: readonly RunStatus[] = ['finished', 'failed', 'cancelled', 'interrupted'];

/** Experiments and script-logged runs: what the MLflow-compatible API (and any client) calls. */
export function createTrackingHandlers(
  store: Store,
  dataDir: string,
  events: EventBus,
): TrackingHandlers {
  const { experiments, trackedRuns } = store;
  const artifacts = createRunArtifacts(dataDir);

  const experiment = (id: number) => {
    const e = experiments.get(id);
    if (!e) throw new NotFound(`no experiment with id ${id}`);
    return e;
  };
  const identity = (uid: string): RunIdentity => {
    const run = trackedRuns.byUid(uid);
    if (!run) throw new NotFound(`no run with uid ${uid}`);
    return run;
  };
  const activeRun = (uid: string): RunIdentity => {
    const run = identity(uid);
    if (run.deleted)
      throw new InvalidInput(`the run ${uid} is deleted; restore it before logging to it`);
    return run;
  };
  const tracked = (id: number): TrackedRun => {
    const record = store.runs.get(id);
    const who = trackedRuns.byId(id);
    if (!record || !who) throw new NotFound(`no run with id ${id}`);
    const params = store.params.forRun(id);
    const latest = trackedRuns.latest(id);
    return {
      ...record,
      ...trackedRuns.extras(id),
      params,
      metrics: Object.fromEntries(latest.map((p) => [p.key, p.value])),
      uid: who.uid,
      experiment_id: who.experiment_id,
      deleted: who.deleted,
      latest,
      param_text: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, paramText(v)])),
    };
  };
  const changed = (id: number, status: RunStatus) =>
    events.emit({ type: 'run.status', runId: id, status, error: null });

  return {
    'experiments.get': (input) => {
      const e = 'id' in input ? experiments.get(input.id) : experiments.named(input.name);
      if (!e)
        throw new NotFound(
          'id' in input
            ? `no experiment with id ${input.id}`
            : `no experiment named ${JSON.stringify(input.name)}`,
        );
      return e;
    },
    'experiments.create': ({ name, tags }) => {
      if (experiments.named(name))
        throw new AlreadyExists(`an experiment named ${JSON.stringify(name)} already exists`);
      return experiment(experiments.create(name, tags));
    },
    'experiments.rename': ({ id, name }) => {
      experiment(id);
      const other = experiments.named(name);
      if (other && other.id !== id)
        throw new AlreadyExists(`an experiment named ${JSON.stringify(name)} already exists`);
      experiments.rename(id, name);
      events.emit({ type: 'store.changed', areas: ['runs'] });
      return experiment(id);
    },
    'experiments.delete': ({ id }) => {
      if (experiment(id).name === 'Default')
        throw new InvalidInput('the Default experiment cannot be deleted');
      experiments.setDeleted(id, true);
      events.emit({ type: 'store.changed', areas: ['runs'] });
      return experiment(id);
    },
    'experiments.restore': ({ id }) => {
      experiment(id);
      experiments.setDeleted(id, false);
      events.emit({ type: 'store.changed', areas: ['runs'] });
      return experiment(id);
    },
    'experiments.setTag': ({ id, key, value }) => {
      experiment(id);
      experiments.setTag(id, key, value);
      return experiment(id);
    },
    'runs.start': ({ experimentId, name, startTime, tags, source }) => {
      const e = experiment(experimentId);
      if (e.deleted)
        throw new InvalidInput(
          `the experiment ${JSON.stringify(e.name)} is deleted; restore it first`,
        );
      const runName = name || tags['mlflow.runName'] || undefined;
      const started = new Date(startTime ?? Date.now()).toISOString();
      const id = trackedRuns.start(
        {
          experiment_id: experimentId,
          name: runName,
          uid: randomUUID(),
          started_at: started,
          source,
        },
        tags,
      );
      changed(id, 'running');
      return tracked(id);
    },
    'runs.tracked': ({ uids, ids }) =>
      [...uids.map((uid) => identity(uid).id), ...ids].map(tracked),
    'runs.log': (input) => {
      const run = activeRun(input.uid);
      const points = logToRun(store, events, run.id, input);
      // A restarted server marks its scripts' runs interrupted; a script still logging is running
      // (MLflow never changed its status), and this process now serves it.
      if (run.status === 'interrupted' && store.runs.get(run.id)?.source === 'script') {
        trackedRuns.setStatus(run.id, 'running', null);
        changed(run.id, 'running');
      } else if (input.params.length || input.tags.length) changed(run.id, run.status);
      return { points };
    },
    'runs.update': ({ uid, status, endTime, name }) => {
      const run = identity(uid);
      // A job owns the status of a run Benchtop trains; a client ends it with jobs.cancel.
      if (
        status !== undefined &&
        store.runs.get(run.id)?.source === 'benchtop' &&
        (run.status === 'queued' || run.status === 'running')
      ) {
        throw new InvalidInput(
          `run ${run.id} is being trained by Benchtop; cancel it instead of setting its status`,
        );
      }
      if (name !== undefined) trackedRuns.rename(run.id, name);
      if (status !== undefined) {
        const ended = TERMINAL.includes(status)
          ? new Date(endTime ?? Date.now()).toISOString()
          : null;
        trackedRuns.setStatus(run.id, status, ended);
      }
      changed(run.id, status ?? run.status);
      return tracked(run.id);
    },
    'runs.history': ({ uid, key, offset, limit }) => {
      const all = store.metricHistory.history(identity(uid).id, key);
      return { points: all.slice(offset, offset + limit), total: all.length };
    },
    'tracking.token': ({ rotate }) => {
      const token = trackingToken(dataDir, rotate);
      // A listener in this process (the desktop app's) restarts to take the new token.
      if (rotate)
        events.emit({ type: 'tracking.settings', port: readTrackingSettings(dataDir).port });
      return { token };
    },
    'tracking.settings': () => readTrackingSettings(dataDir),
    'tracking.setPort': ({ port }) => {
      const settings = writeTrackingSettings(dataDir, { ...readTrackingSettings(dataDir), port });
      events.emit({ type: 'tracking.settings', port });
      return settings;
    },
    'artifacts.list': ({ uid, path }) => ({ files: artifacts.list(identity(uid).id, path) }),
    'artifacts.locate': ({ uid, path }) => artifacts.locate(identity(uid).id, path),
    'artifacts.prepareUpload': ({ uid, path }) => ({
      tempFile: artifacts.prepareUpload(activeRun(uid).id, path),
    }),
    'artifacts.commitUpload': ({ uid, path, tempFile }) => ({
      size: artifacts.commitUpload(activeRun(uid).id, path, tempFile),
    }),
    'artifacts.delete': ({ uid, path }) => {
      const run = activeRun(uid);
      if (!path) throw new UserError('name the artifact to delete');
      return { changed: artifacts.remove(run.id, path) };
    },
  };
}
