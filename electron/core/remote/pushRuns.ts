import type { TrackedRun } from '../../../shared/api/runRecords.js';
import { UserError } from '../userError.js';
import { isMissing, RemoteError, type MlflowClient } from './mlflowClient.js';
import { pushArtifacts } from './remoteArtifacts.js';
import {
  doubleToWire,
  quote,
  STATUS_TO_WIRE,
  UID_TAG,
  SOURCE_TAG,
  type Call,
} from './remoteWire.js';

/**
 * Copies local runs to an MLflow tracking server over its REST wire: each run keeps its start
 * time, name, params, tags, every metric point and its artifacts. The tag `benchtop.uid` marks
 * what was pushed, so pushing again skips those runs.
 */

export interface PushSummary {
  to: string;
  runs_pushed: number;
  runs_skipped: number;
  params: number;
  metric_points: number;
  artifacts: number;
  warnings: string[];
}

export interface PushOptions {
  call: Call;
  client: MlflowClient;
  /** A Benchtop query (shared/query/GRAMMAR.md); empty: every run. */
  filter?: string | undefined;
  /** Only runs of this local experiment. */
  experiment?: string | undefined;
}

// The limits MLflow's log-batch enforces per request.
const METRICS_PER_BATCH = 1000;
const PARAMS_PER_BATCH = 100;
// Points read from the store at a time, so a long history never sits in memory whole.
const HISTORY_PAGE = 10_000;
const RUNS_PER_READ = 200;

const ms = (iso: string | null) => (iso === null ? undefined : Date.parse(iso));

interface WireExperiment {
  experiment_id: string;
  lifecycle_stage?: string;
}
interface WireRun {
  info: { run_id: string; artifact_uri?: string; lifecycle_stage?: string };
}

export async function pushRuns({
  call,
  client,
  filter = '',
  experiment,
}: PushOptions): Promise<PushSummary> {
  const summary: PushSummary = {
    to: client.url,
    runs_pushed: 0,
    runs_skipped: 0,
    params: 0,
    metric_points: 0,
    artifacts: 0,
    warnings: [],
  };
  const ids = await selectRuns(call, filter, experiment);
  // Asked even with nothing to push: a wrong URL or token must not pass for "0 runs pushed".
  await client.post('experiments/search', { max_results: 1, view_type: 'ACTIVE_ONLY' });
  const remoteExperiments = new Map<string, string>();
  for (let i = 0; i < ids.length; i += RUNS_PER_READ) {
    for (const run of await call('runs.tracked', { ids: ids.slice(i, i + RUNS_PER_READ) })) {
      if (run.status === 'running' || run.status === 'queued') {
        // Its results are not in yet, and a pushed run is never pushed again: it waits to go whole.
        summary.runs_skipped++;
        summary.warnings.push(
          `run ${run.id} (${run.name}) is ${run.status}: not pushed; push again once it has ended`,
        );
        continue;
      }
      let experimentId = remoteExperiments.get(run.experiment);
      if (experimentId === undefined)
        remoteExperiments.set(
          run.experiment,
          (experimentId = await ensureExperiment(client, run.experiment)),
        );
      if (await alreadyThere(client, experimentId, run)) {
        summary.runs_skipped++;
        continue;
      }
      await pushRun(call, client, experimentId, run, summary);
      summary.runs_pushed++;
    }
  }
  return summary;
}

/** The runs to push, archived ones included (they are still results); deleted ones stay home. */
async function selectRuns(
  call: Call,
  filter: string,
  experiment: string | undefined,
): Promise<number[]> {
  const parts = filter.trim() ? [`(${filter})`] : [];
  if (experiment !== undefined) {
    await call('experiments.get', { name: experiment }).catch(() => {
      throw new UserError(`no experiment named ${JSON.stringify(experiment)} here`);
    });
    parts.push(`experiment = ${quote(experiment)}`);
  }
  const { ids } = await call('runs.query', {
    filter: parts.join(' and '),
    archived: 'include',
    deleted: 'exclude',
  });
  return [...ids].sort((a, b) => a - b); // oldest first: the remote lists them in the order they were made
}

/** The remote experiment with this name, made if missing. */
async function ensureExperiment(client: MlflowClient, name: string): Promise<string> {
  const byName = async () => {
    try {
      return (
        await client.get<{ experiment: WireExperiment }>('experiments/get-by-name', {
          experiment_name: name,
        })
      ).experiment;
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  };
  let found = await byName();
  if (!found) {
    try {
      const made = await client.post<{ experiment_id: string }>('experiments/create', { name });
      return String(made.experiment_id);
    } catch (e) {
      // Someone made it between our two requests: use theirs.
      if (
        !(e instanceof RemoteError && e.code === 'RESOURCE_ALREADY_EXISTS') ||
        !(found = await byName())
      )
        throw e;
    }
  }
  if (found.lifecycle_stage === 'deleted') {
    throw new UserError(
      `the experiment ${JSON.stringify(name)} is deleted on ${client.url}; restore it there (or rename it) before pushing`,
    );
  }
  return String(found.experiment_id);
}

/** Pushed before (its uid is there), or pulled from this very server (its source run is there). */
async function alreadyThere(
  client: MlflowClient,
  experimentId: string,
  run: TrackedRun,
): Promise<boolean> {
  const { runs = [] } = await client.post<{ runs?: WireRun[] }>('runs/search', {
    experiment_ids: [experimentId],
    filter: `tags.\`${UID_TAG}\` = '${run.uid}'`,
    run_view_type: 'ACTIVE_ONLY',
    max_results: 1,
  });
  if (runs.length) return true;
  const source = run.tags[SOURCE_TAG];
  if (!source) return false;
  try {
    const { run: there } = await client.get<{ run: WireRun }>('runs/get', {
      run_id: source,
      run_uuid: source,
    });
    return there.info.lifecycle_stage !== 'deleted';
  } catch (e) {
    if (isMissing(e)) return false;
    throw e;
  }
}

async function pushRun(
  call: Call,
  client: MlflowClient,
  experimentId: string,
  run: TrackedRun,
  summary: PushSummary,
): Promise<void> {
  const tags: Record<string, string> = { ...run.tags, 'mlflow.runName': run.name };
  delete tags[UID_TAG];
  if (run.note && tags['mlflow.note.content'] === undefined) tags['mlflow.note.content'] = run.note;
  const user = run.tags['mlflow.user'];
  const { run: created } = await client.post<{ run: WireRun }>('runs/create', {
    experiment_id: experimentId,
    run_name: run.name,
    start_time: ms(run.started_at ?? run.created_at),
    tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
    ...(user ? { user_id: user } : {}),
  });
  const runId = created.info.run_id;
  try {
    summary.params += await pushParams(client, runId, run);
    summary.metric_points += await pushMetrics(call, client, runId, run);
    summary.artifacts += await pushArtifacts(
      call,
      client,
      run,
      created.info.artifact_uri ?? '',
      summary.warnings,
    );
    await client.post('runs/update', {
      run_id: runId,
      run_uuid: runId,
      status: STATUS_TO_WIRE[run.status],
      end_time: ms(run.ended_at) ?? Date.now(),
    });
    // Last: only a run copied whole is taken for pushed next time.
    await client.post('runs/set-tag', {
      run_id: runId,
      run_uuid: runId,
      key: UID_TAG,
      value: run.uid,
    });
  } catch (e) {
    // A half-copied run would look like a result; remove it so the next push starts clean.
    await client.post('runs/delete', { run_id: runId }).catch(() => {});
    throw new UserError(
      `run ${run.id} (${run.name}) not pushed: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

async function pushParams(client: MlflowClient, runId: string, run: TrackedRun): Promise<number> {
  const params = Object.entries(run.param_text).map(([key, value]) => ({ key, value }));
  for (let i = 0; i < params.length; i += PARAMS_PER_BATCH) {
    await client.post('runs/log-batch', {
      run_id: runId,
      params: params.slice(i, i + PARAMS_PER_BATCH),
    });
  }
  return params.length;
}

/** Every point of every metric, in full batches across keys. */
async function pushMetrics(
  call: Call,
  client: MlflowClient,
  runId: string,
  run: TrackedRun,
): Promise<number> {
  let batch: { key: string; value: number | string; timestamp: number; step: number }[] = [];
  let sent = 0;
  const flush = async () => {
    if (!batch.length) return;
    await client.post('runs/log-batch', { run_id: runId, metrics: batch });
    sent += batch.length;
    batch = [];
  };
  for (const key of new Set(run.latest.map((p) => p.key))) {
    for (let offset = 0; ; offset += HISTORY_PAGE) {
      const { points, total } = await call('runs.history', {
        uid: run.uid,
        key,
        offset,
        limit: HISTORY_PAGE,
      });
      for (const p of points) {
        // MLflow's timestamps are whole milliseconds (int64).
        batch.push({
          key: p.key,
          value: doubleToWire(p.value),
          timestamp: Math.round(p.time),
          step: p.step,
        });
        if (batch.length === METRICS_PER_BATCH) await flush();
      }
      if (!points.length || offset + points.length >= total) break;
    }
  }
  await flush();
  return sent;
}
