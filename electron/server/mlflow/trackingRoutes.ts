import { z } from 'zod';
import { NotFound } from '../../core/userError.js';
import type { TrackedRun } from '../../../shared/api/runRecords.js';
import { translateRunSearch } from '../../../shared/mlflow/searchFilter.js';
import { inputTagKey, inputTagValue } from '../../../shared/mlflow/datasetInputs.js';
import { invalid, missing, MlflowError } from './mlflowErrors.js';
import {
  KeyValue,
  offsetOf,
  pageToken,
  parseMessage,
  pointToWire,
  runInfoToWire,
  runToWire,
  statusFromWire,
  uidFromWire,
  WireDouble,
  WireInt,
} from './mlflowWire.js';
import {
  experimentById,
  List,
  MaxResults,
  searchError,
  ViewType,
  type Call,
  type Route,
} from './routeSupport.js';

const RunRef = { run_id: z.string().optional(), run_uuid: z.string().optional() };
/** MLflow's server cuts long values to its limits rather than refusing them (MLFLOW_TRUNCATE_LONG_VALUES). */
const PARAM_MAX = 6000;
const TAG_MAX = 8000;
const params = (list: { key: string; value: string }[]) =>
  list.map((p) => ({ key: p.key, value: p.value.slice(0, PARAM_MAX) }));
const tagList = (list: { key: string; value: string }[]) =>
  list.map((t) => ({ key: t.key, value: t.value.slice(0, TAG_MAX) }));
const DELETED = { ACTIVE_ONLY: 'exclude', DELETED_ONLY: 'only', ALL: 'include' } as const;
/** The run a message names by `run_id` (or the legacy `run_uuid`), as a uid. */
function uidOf(message: { run_id?: string | undefined; run_uuid?: string | undefined }): string {
  const given = message.run_id || message.run_uuid;
  if (!given) throw invalid("Missing value for required parameter 'run_id'.");
  const uid = uidFromWire(given);
  if (!uid) throw missing(`Run with id=${given} not found`);
  return uid;
}

async function runById(call: Call, uid: string): Promise<TrackedRun> {
  const [run] = await call('runs.tracked', { uids: [uid] }).catch((e: unknown) => {
    throw e instanceof NotFound ? missing(`Run with id=${uid.replaceAll('-', '')} not found`) : e;
  });
  return run!;
}

/** Runs in MLflow's shape, with their experiments looked up once per request. */
async function runsToWire(call: Call, runs: TrackedRun[]) {
  const experiments = new Map(
    (await call('experiments.list', { view: 'all' })).map((e) => [e.id, e]),
  );
  const outputs = new Map<string, { model_id: string; step: number }[]>();
  const declared = runs.length
    ? await call('loggedModels.outputs', { runUids: runs.map((r) => r.uid) })
    : [];
  for (const o of declared) outputs.set(o.run_uid, [...(outputs.get(o.run_uid) ?? []), o]);
  return runs.map((r) =>
    runToWire(
      r,
      experiments.get(r.experiment_id) ?? { id: r.experiment_id, name: r.experiment },
      outputs.get(r.uid) ?? [],
    ),
  );
}

/** The points of a request that name a logged model, kept as that model's metrics too. */
async function logModelMetrics(
  call: Call,
  runUid: string,
  points: (z.output<typeof LogMetric> | z.output<typeof LogBatch>['metrics'][number])[],
): Promise<void> {
  const linked = points.filter((p) => p.model_id);
  if (!linked.length) return;
  await call('loggedModels.logMetrics', {
    metrics: linked.map((p) => ({
      id: p.model_id!,
      runUid,
      key: p.key,
      value: p.value,
      step: p.step,
      time: p.timestamp,
      datasetName: p.dataset_name ?? '',
      datasetDigest: p.dataset_digest ?? '',
    })),
  });
}

/** MLflow 3 links a metric to a logged model (and the dataset it was measured on). */
const ModelLink = {
  model_id: z.string().optional(),
  dataset_name: z.string().optional(),
  dataset_digest: z.string().optional(),
};
const LogMetric = z.object({
  ...RunRef,
  key: z.string(),
  value: WireDouble,
  timestamp: WireInt,
  step: WireInt.default(0),
  ...ModelLink,
});
const LogBatch = z.object({
  ...RunRef,
  metrics: z
    .array(
      z.object({
        key: z.string(),
        value: WireDouble,
        timestamp: WireInt,
        step: WireInt.default(0),
        ...ModelLink,
      }),
    )
    .default([]),
  params: z.array(KeyValue).default([]),
  tags: z.array(KeyValue).default([]),
});

/** MLflow's run routes: create, get, update, delete, restore, logging, inputs, search, history. */
export const trackingRoutes: Record<string, Route> = {
  'POST runs/create': async (call, message) => {
    const m = parseMessage(
      z.object({
        experiment_id: z.string().default('0'),
        user_id: z.string().optional(),
        run_name: z.string().optional(),
        start_time: WireInt.optional(),
        tags: z.array(KeyValue).default([]),
      }),
      message,
    );
    const experiment = await experimentById(call, m.experiment_id);
    const tags = Object.fromEntries(tagList(m.tags).map((t) => [t.key, t.value]));
    const tagged = tags['mlflow.runName'];
    if (m.run_name && tagged !== undefined && tagged !== m.run_name) {
      throw invalid(
        `Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='${m.run_name}', mlflow.runName='${tagged}').`,
      );
    }
    if (m.user_id && tags['mlflow.user'] === undefined) tags['mlflow.user'] = m.user_id;
    const run = await call('runs.start', {
      experimentId: experiment.id,
      ...(m.run_name ? { name: m.run_name } : {}),
      ...(m.start_time !== undefined ? { startTime: m.start_time } : {}),
      tags,
    });
    if (run.tags['mlflow.runName'] === undefined)
      await call('runs.log', { uid: run.uid, tags: [{ key: 'mlflow.runName', value: run.name }] });
    return { run: (await runsToWire(call, [await runById(call, run.uid)]))[0]! };
  },
  'GET runs/get': async (call, message) => {
    const uid = uidOf(parseMessage(z.object(RunRef), message));
    return { run: (await runsToWire(call, [await runById(call, uid)]))[0]! };
  },
  'POST runs/update': async (call, message) => {
    const m = parseMessage(
      z.object({
        ...RunRef,
        status: z.string().optional(),
        end_time: WireInt.optional(),
        run_name: z.string().optional(),
      }),
      message,
    );
    const uid = uidOf(m);
    const run = await call('runs.update', {
      uid,
      ...(m.status ? { status: statusFromWire(m.status) } : {}),
      ...(m.end_time !== undefined ? { endTime: m.end_time } : {}),
      ...(m.run_name ? { name: m.run_name } : {}),
    });
    if (m.run_name)
      await call('runs.log', { uid, tags: [{ key: 'mlflow.runName', value: m.run_name }] });
    const experiment = await call('experiments.get', { id: run.experiment_id });
    return { run_info: runInfoToWire(run, experiment) };
  },
  'POST runs/delete': async (call, message) => {
    const run = await runById(call, uidOf(parseMessage(z.object(RunRef), message)));
    await call('runs.delete', { ids: [run.id] });
    return {};
  },
  'POST runs/restore': async (call, message) => {
    const run = await runById(call, uidOf(parseMessage(z.object(RunRef), message)));
    await call('runs.restore', { ids: [run.id] });
    return {};
  },
  'POST runs/log-metric': async (call, message) => {
    const m = parseMessage(LogMetric, message);
    const uid = uidOf(m);
    await call('runs.log', {
      uid,
      metrics: [{ key: m.key, value: m.value, time: m.timestamp, step: m.step }],
    });
    await logModelMetrics(call, uid, [m]);
    return {};
  },
  'POST runs/log-parameter': async (call, message) => {
    const m = parseMessage(z.object({ ...RunRef, key: z.string(), value: z.string() }), message);
    await call('runs.log', { uid: uidOf(m), params: params([m]) });
    return {};
  },
  'POST runs/set-tag': async (call, message) => {
    const m = parseMessage(
      z.object({ ...RunRef, key: z.string(), value: z.string().default('') }),
      message,
    );
    await call('runs.log', { uid: uidOf(m), tags: tagList([m]) });
    return {};
  },
  'POST runs/delete-tag': async (call, message) => {
    const m = parseMessage(z.object({ ...RunRef, key: z.string() }), message);
    const run = await runById(call, uidOf(m));
    const { changed } = await call('runs.removeTag', { ids: [run.id], key: m.key });
    if (!changed)
      throw missing(`No tag with name: ${m.key} in run with id ${m.run_id ?? m.run_uuid}`);
    return {};
  },
  'POST runs/log-batch': async (call, message) => {
    const m = parseMessage(LogBatch, message);
    const uid = uidOf(m);
    await call('runs.log', {
      uid,
      metrics: m.metrics.map((p) => ({
        key: p.key,
        value: p.value,
        time: p.timestamp,
        step: p.step,
      })),
      params: params(m.params),
      tags: tagList(m.tags),
    });
    await logModelMetrics(call, uid, m.metrics);
    return {};
  },
  'POST runs/log-inputs': async (call, message) => {
    const Dataset = z.object({
      tags: z.array(KeyValue).default([]),
      dataset: z
        .object({
          name: z.string(),
          digest: z.string().default(''),
          source_type: z.string().default(''),
          source: z.string().default(''),
          schema: z.string().optional(),
          profile: z.string().optional(),
        })
        .passthrough(),
    });
    const m = parseMessage(
      z.object({ ...RunRef, datasets: z.array(Dataset).default([]) }).passthrough(),
      message,
    );
    const tags = m.datasets.slice(0, 100).map((d) => ({
      key: inputTagKey(d.dataset.name),
      value: inputTagValue({
        tags: d.tags,
        dataset: {
          name: d.dataset.name,
          digest: d.dataset.digest,
          source_type: d.dataset.source_type,
          source: d.dataset.source,
          ...(d.dataset.schema ? { schema: d.dataset.schema } : {}),
          ...(d.dataset.profile ? { profile: d.dataset.profile } : {}),
        },
      }),
    }));
    await call('runs.log', { uid: uidOf(m), tags });
    return {};
  },
  'POST runs/search': async (call, message) => {
    const m = parseMessage(
      z.object({
        experiment_ids: List(z.string()).default([]),
        filter: z.string().default(''),
        run_view_type: ViewType,
        max_results: MaxResults(1000, 50_000),
        order_by: List(z.string()).default([]),
        page_token: z.string().optional(),
      }),
      message,
    );
    // An experiment id that names nothing matches no run, as in MLflow (not an error).
    const experiments = (
      await Promise.all(m.experiment_ids.map((id) => experimentById(call, id).catch(() => null)))
    ).filter((e) => e !== null);
    const query = searchError(() => translateRunSearch(m.filter, m.order_by));
    const names = experiments.map((e) => JSON.stringify(e.name)).join(', ');
    const scope = experiments.length ? `experiment in (${names})` : 'id < 0';
    const filter = query.filter ? `(${query.filter}) and ${scope}` : scope;
    const { ids } = await call('runs.query', {
      filter,
      ...(query.sort ? { sort: query.sort } : {}),
      archived: 'include',
      deleted: DELETED[m.run_view_type],
    });
    const offset = offsetOf(m.page_token);
    const page = ids.slice(offset, offset + m.max_results);
    const runs = page.length ? await call('runs.tracked', { ids: page }) : [];
    return {
      runs: await runsToWire(call, runs),
      ...(offset + m.max_results < ids.length
        ? { next_page_token: pageToken(offset + m.max_results) }
        : {}),
    };
  },
  'GET metrics/get-history': async (call, message) => {
    const m = parseMessage(
      z.object({
        ...RunRef,
        metric_key: z.string(),
        max_results: WireInt.optional(),
        page_token: z.string().optional(),
      }),
      message,
    );
    const offset = offsetOf(m.page_token);
    if (m.max_results !== undefined && m.max_results < 1)
      throw invalid('max_results must be at least 1');
    const { points, total } = await call('runs.history', {
      uid: uidOf(m),
      key: m.metric_key,
      offset,
      ...(m.max_results !== undefined ? { limit: Math.min(m.max_results, 1_000_000) } : {}),
    });
    const next = offset + points.length;
    return {
      metrics: points.map(pointToWire),
      ...(next < total ? { next_page_token: pageToken(next) } : {}),
    };
  },
};

export { MlflowError };
