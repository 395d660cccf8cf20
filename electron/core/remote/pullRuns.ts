import { badKey } from '../../../shared/api/keyRule.js';
import { UserError } from '../userError.js';
import { isMissing, type MlflowClient } from './mlflowClient.js';
import { pullArtifacts } from './remoteArtifacts.js';
import {
  doubleFromWire,
  quote,
  SOURCE_TAG,
  STATUS_FROM_WIRE,
  UID_TAG,
  type Call,
} from './remoteWire.js';

/**
 * Brings runs from an MLflow tracking server into the local store, through the contract only:
 * each becomes an imported run with its start time, name, tags, params, every metric point,
 * status and artifacts. The tag `benchtop.source_run_id` remembers where it came from, so
 * pulling again skips it, and a run that went out from here (`benchtop.uid`) never comes back.
 */

export interface PullSummary {
  from: string;
  experiments: number;
  runs_added: number;
  runs_skipped: number;
  params: number;
  metric_points: number;
  artifacts: number;
  warnings: string[];
}

export interface PullOptions {
  call: Call;
  client: MlflowClient;
  /** Only this remote experiment; else every active one. */
  experiment?: string | undefined;
}

type KeyValue = { key: string; value?: string };
interface RemoteExperiment {
  experiment_id: string;
  name: string;
  lifecycle_stage?: string;
}
interface RemoteRun {
  info: {
    run_id: string;
    run_name?: string;
    status?: string;
    start_time?: number | string;
    end_time?: number | string;
    artifact_uri?: string;
  };
  data?: { metrics?: { key: string }[]; params?: KeyValue[]; tags?: KeyValue[] };
}
interface RemotePoint {
  key: string;
  value?: number | string;
  timestamp?: number | string;
  step?: number | string;
}

// The contract's limits per runs.log request, and MLflow's largest history page.
const METRICS_PER_LOG = 1000;
const PARAMS_PER_LOG = 100;
const HISTORY_PAGE = 25_000;
const SEARCH_PAGE = 1000;

export async function pullRuns({ call, client, experiment }: PullOptions): Promise<PullSummary> {
  const summary: PullSummary = {
    from: client.url,
    experiments: 0,
    runs_added: 0,
    runs_skipped: 0,
    params: 0,
    metric_points: 0,
    artifacts: 0,
    warnings: [],
  };
  const experiments =
    experiment === undefined
      ? await allExperiments(client)
      : [await namedExperiment(client, experiment)];
  for (const remote of experiments) {
    summary.experiments++;
    let localId: number | undefined;
    for await (const run of remoteRuns(client, remote.experiment_id)) {
      if (await alreadyHere(call, run)) {
        summary.runs_skipped++;
        continue;
      }
      if (!STATUS_FROM_WIRE[run.info.status ?? '']) {
        // Its results are not in yet, and a pulled run is never pulled again: it waits to be pulled whole.
        summary.runs_skipped++;
        summary.warnings.push(
          `run ${run.info.run_id} (${run.info.run_name ?? ''}) is ${run.info.status ?? 'without a status'} on the server: not pulled; pull again once it has ended`,
        );
        continue;
      }
      localId ??= await localExperiment(call, remote.name);
      await pullRun(call, client, localId, run, summary);
      summary.runs_added++;
    }
  }
  return summary;
}

async function namedExperiment(client: MlflowClient, name: string): Promise<RemoteExperiment> {
  try {
    const { experiment } = await client.get<{ experiment: RemoteExperiment }>(
      'experiments/get-by-name',
      { experiment_name: name },
    );
    if (experiment.lifecycle_stage === 'deleted')
      throw new UserError(`the experiment ${JSON.stringify(name)} is deleted on ${client.url}`);
    return experiment;
  } catch (e) {
    if (isMissing(e))
      throw new UserError(`no experiment named ${JSON.stringify(name)} on ${client.url}`);
    throw e;
  }
}

async function allExperiments(client: MlflowClient): Promise<RemoteExperiment[]> {
  const all: RemoteExperiment[] = [];
  let token: string | undefined;
  do {
    const page = await client.post<{ experiments?: RemoteExperiment[]; next_page_token?: string }>(
      'experiments/search',
      {
        max_results: SEARCH_PAGE,
        view_type: 'ACTIVE_ONLY',
        ...(token ? { page_token: token } : {}),
      },
    );
    all.push(...(page.experiments ?? []));
    token = page.next_page_token;
  } while (token);
  return all;
}

async function* remoteRuns(client: MlflowClient, experimentId: string): AsyncGenerator<RemoteRun> {
  let token: string | undefined;
  do {
    const page = await client.post<{ runs?: RemoteRun[]; next_page_token?: string }>(
      'runs/search',
      {
        experiment_ids: [experimentId],
        filter: '',
        run_view_type: 'ACTIVE_ONLY',
        max_results: SEARCH_PAGE,
        ...(token ? { page_token: token } : {}),
      },
    );
    yield* page.runs ?? [];
    token = page.next_page_token;
  } while (token);
}

/** Pulled before (deleted here counts: the user threw it away), or pushed from here. */
async function alreadyHere(call: Call, run: RemoteRun): Promise<boolean> {
  const any = async (filter: string) =>
    (await call('runs.query', { filter, archived: 'include', deleted: 'include' })).ids.length > 0;
  if (await any(`tags.${quote(SOURCE_TAG)} = ${quote(run.info.run_id)}`)) return true;
  const uid = run.data?.tags?.find((t) => t.key === UID_TAG)?.value;
  if (uid !== undefined && (await any(`uid = ${quote(uid)}`))) return true;
  // A run logged into a Benchtop server has its uid for a run id: pulling from yourself adds nothing.
  const hex = run.info.run_id.toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return false;
  return any(
    `uid = ${quote(`${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`)}`,
  );
}

async function localExperiment(call: Call, name: string): Promise<number> {
  try {
    return (await call('experiments.get', { name })).id;
  } catch {
    return (await call('experiments.create', { name })).id;
  }
}

/** Keys the contract takes; the rest are named in a warning instead of failing the run. */
function usable(
  entries: KeyValue[],
  what: string,
  runId: string,
  warnings: string[],
): { key: string; value: string }[] {
  const ok = entries.filter((e) => !badKey(e.key));
  const bad = entries.filter((e) => badKey(e.key)).map((e) => JSON.stringify(e.key));
  if (bad.length)
    warnings.push(
      `run ${runId}: ${what} with invalid names not pulled: ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ', …' : ''}`,
    );
  return ok.map((e) => ({ key: e.key, value: e.value ?? '' }));
}

async function pullRun(
  call: Call,
  client: MlflowClient,
  experimentId: number,
  run: RemoteRun,
  summary: PullSummary,
): Promise<void> {
  const { info } = run;
  const tags = usable(run.data?.tags ?? [], 'tags', info.run_id, summary.warnings).filter(
    (t) => t.key !== SOURCE_TAG,
  );
  const start = info.start_time === undefined ? undefined : Number(info.start_time);
  const local = await call('runs.start', {
    experimentId,
    ...(info.run_name?.trim() ? { name: info.run_name.slice(0, 250) } : {}),
    ...(start !== undefined && Number.isInteger(start) && start >= 0 ? { startTime: start } : {}),
    tags: Object.fromEntries(tags.map((t) => [t.key, t.value])),
    source: 'import',
  });
  try {
    const params = usable(run.data?.params ?? [], 'params', info.run_id, summary.warnings);
    for (let i = 0; i < params.length; i += PARAMS_PER_LOG)
      await call('runs.log', { uid: local.uid, params: params.slice(i, i + PARAMS_PER_LOG) });
    summary.params += params.length;
    for (const key of new Set((run.data?.metrics ?? []).map((m) => m.key))) {
      summary.metric_points += await pullHistory(
        call,
        client,
        local.uid,
        info.run_id,
        key,
        summary.warnings,
      );
    }
    summary.artifacts += await pullArtifacts(call, client, local.uid, info, summary.warnings);
    // Last: only a run copied whole is taken for pulled next time.
    await call('runs.log', { uid: local.uid, tags: [{ key: SOURCE_TAG, value: info.run_id }] });
    const end = info.end_time === undefined ? undefined : Number(info.end_time);
    await call('runs.update', {
      uid: local.uid,
      status: STATUS_FROM_WIRE[info.status ?? ''] ?? 'finished',
      ...(end !== undefined && Number.isInteger(end) && end >= 0 ? { endTime: end } : {}),
    });
  } catch (e) {
    // A half-copied run would look like a result: end it and put it in the trash.
    await call('runs.update', { uid: local.uid, status: 'failed' }).catch(() => {});
    await call('runs.delete', { ids: [local.id] }).catch(() => {});
    throw new UserError(
      `run ${info.run_id} (${info.run_name ?? ''}) not pulled: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

/** One metric's every point, read a page at a time and written in full batches. */
async function pullHistory(
  call: Call,
  client: MlflowClient,
  uid: string,
  runId: string,
  key: string,
  warnings: string[],
): Promise<number> {
  let written = 0;
  let negative = 0;
  let token: string | undefined;
  do {
    const page = await client.get<{ metrics?: RemotePoint[]; next_page_token?: string }>(
      'metrics/get-history',
      {
        run_id: runId,
        run_uuid: runId,
        metric_key: key,
        max_results: HISTORY_PAGE,
        ...(token ? { page_token: token } : {}),
      },
    );
    const points = (page.metrics ?? []).map((p) => ({
      key,
      value: doubleFromWire(p.value ?? 0),
      time: Number(p.timestamp ?? 0),
      step: Number(p.step ?? 0),
    }));
    // Benchtop's steps start at 0; MLflow lets a script log negative ones.
    const kept = points.filter((p) => p.step >= 0);
    negative += points.length - kept.length;
    for (let i = 0; i < kept.length; i += METRICS_PER_LOG)
      await call('runs.log', { uid, metrics: kept.slice(i, i + METRICS_PER_LOG) });
    written += kept.length;
    token = page.next_page_token;
  } while (token);
  if (negative)
    warnings.push(
      `run ${runId}: ${negative} points of ${JSON.stringify(key)} with a negative step not pulled`,
    );
  return written;
}
