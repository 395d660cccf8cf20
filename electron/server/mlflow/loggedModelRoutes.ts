import { z } from 'zod';
import type { LoggedModel } from '../../../shared/api/loggedModels.js';
import { matchesEntity, parseEntityFilter } from '../../../shared/mlflow/entityFilter.js';
import { MlflowSearchError } from '../../../shared/mlflow/searchFilter.js';
import { NotFound } from '../../core/userError.js';
import { invalid, missing } from './mlflowErrors.js';
import {
  doubleToWire,
  experimentWireId,
  KeyValue,
  parseMessage,
  runWireId,
  uidFromWire,
  WireInt,
} from './mlflowWire.js';
import type { Call, Route } from './routeSupport.js';

/** MLflow 3's logged models, as `log_model` creates, fills and finalizes them. */

const MODEL_ID = /^m-[0-9a-f]{32}$/;

const STATUS_TO_WIRE = {
  pending: 'LOGGED_MODEL_PENDING',
  ready: 'LOGGED_MODEL_READY',
  failed: 'LOGGED_MODEL_UPLOAD_FAILED',
} as const;
const STATUS_FROM_WIRE: Record<string, LoggedModel['status']> = {
  LOGGED_MODEL_PENDING: 'pending',
  LOGGED_MODEL_READY: 'ready',
  LOGGED_MODEL_UPLOAD_FAILED: 'failed',
};

async function toWire(call: Call, m: LoggedModel) {
  const experiment = await call('experiments.get', { id: m.experiment_id });
  const exp = experimentWireId(experiment);
  const pairs = (record: Record<string, string>) =>
    Object.entries(record).map(([key, value]) => ({ key, value }));
  return {
    info: {
      experiment_id: exp,
      model_id: m.id,
      name: m.name,
      artifact_uri: `mlflow-artifacts:/${exp}/models/${m.id}/artifacts`,
      creation_timestamp_ms: m.created_ms,
      last_updated_timestamp_ms: m.updated_ms,
      model_type: m.model_type,
      source_run_id: runWireId(m.run_uid),
      status: STATUS_TO_WIRE[m.status],
      tags: pairs(m.tags),
    },
    data: {
      params: pairs(m.params),
      metrics: (await call('loggedModels.metrics', { id: m.id })).map((p) => ({
        key: p.key,
        value: doubleToWire(p.value),
        timestamp: p.time,
        step: p.step,
        ...(p.dataset_name ? { dataset_name: p.dataset_name } : {}),
        ...(p.dataset_digest ? { dataset_digest: p.dataset_digest } : {}),
        model_id: p.model_id,
        ...(p.run_uid ? { run_id: runWireId(p.run_uid) } : {}),
      })),
    },
  };
}

const record = (pairs: { key: string; value: string }[]) =>
  Object.fromEntries(pairs.map((p) => [p.key, p.value]));

/** Routes whose path carries the model id: `logged-models/<id>[/tags[/<key>]|/params]`. */
export async function loggedModelRoute(
  call: Call,
  method: string,
  endpoint: string,
  message: Record<string, unknown>,
): Promise<object | null> {
  const match = /^logged-models\/(m-[0-9a-f]{32})(?:\/(tags|params)(?:\/(.+))?)?$/.exec(endpoint);
  if (!match) return null;
  const [, id = '', sub, key] = match;
  if (!sub && method === 'GET')
    return { model: await toWire(call, await call('loggedModels.get', { id })) };
  if (!sub && method === 'PATCH') {
    const m = parseMessage(z.object({ status: z.string() }).passthrough(), message);
    const status = STATUS_FROM_WIRE[m.status];
    if (!status) throw invalid(`Invalid value ${JSON.stringify(m.status)} for parameter 'status'`);
    return { model: await toWire(call, await call('loggedModels.update', { id, status })) };
  }
  if (!sub && method === 'DELETE') {
    await call('loggedModels.delete', { id });
    return {};
  }
  if (sub === 'tags' && !key && method === 'PATCH') {
    const m = parseMessage(
      z.object({ tags: z.array(KeyValue).default([]) }).passthrough(),
      message,
    );
    await call('loggedModels.update', { id, tags: record(m.tags) });
    return {};
  }
  if (sub === 'tags' && key && method === 'DELETE') {
    await call('loggedModels.update', { id, removeTag: decodeURIComponent(key) });
    return {};
  }
  if (sub === 'params' && !key && method === 'POST') {
    const m = parseMessage(
      z.object({ params: z.array(KeyValue).default([]) }).passthrough(),
      message,
    );
    await call('loggedModels.update', { id, params: record(m.params) });
    return {};
  }
  return null;
}

export const loggedModelRoutes: Record<string, Route> = {
  'POST logged-models': async (call, message) => {
    const m = parseMessage(
      z.object({
        experiment_id: z.string(),
        name: z.string().optional(),
        model_type: z.string().default(''),
        source_run_id: z.string().optional(),
        params: z.array(KeyValue).default([]),
        tags: z.array(KeyValue).default([]),
      }),
      message,
    );
    // A model with no run has nowhere to live in Benchtop: every run keeps its own files.
    const uid = uidFromWire(m.source_run_id ?? '');
    if (!uid)
      throw invalid(
        'Benchtop keeps a logged model with the run that made it: give source_run_id (log it inside mlflow.start_run())',
      );
    const model = await call('loggedModels.create', {
      runUid: uid,
      ...(m.name ? { name: m.name } : {}),
      modelType: m.model_type,
      tags: record(m.tags),
      params: record(m.params),
    });
    return { model: await toWire(call, model) };
  },
  'POST logged-models/search': async (call, message) => {
    const m = parseMessage(
      z
        .object({ experiment_ids: z.array(z.string()).default([]), filter: z.string().default('') })
        .passthrough(),
      message,
    );
    const ids = m.experiment_ids.filter((id) => /^\d{1,15}$/.test(id)).map(Number);
    const experiments = await call('experiments.list', { view: 'all' });
    const wanted = experiments
      .filter((e) => ids.includes(e.id) || (m.experiment_ids.includes('0') && e.name === 'Default'))
      .map((e) => e.id);
    let filter;
    try {
      filter = parseEntityFilter(m.filter, 'registered_model');
    } catch (e) {
      if (e instanceof MlflowSearchError) throw invalid(e.message);
      throw e;
    }
    const models = (await call('loggedModels.list', { experimentIds: wanted })).filter((x) =>
      matchesEntity(filter, { name: x.name, tags: x.tags }),
    );
    return models.length ? { models: await Promise.all(models.map((x) => toWire(call, x))) } : {};
  },
  // `log_model` declares its model as the run's output at a step; `register_model("runs:/…")` reads them back.
  'POST runs/outputs': async (call, message) => {
    const m = parseMessage(
      z
        .object({
          run_id: z.string(),
          models: z.array(
            z.object({ model_id: z.string(), step: WireInt.default(0) }).passthrough(),
          ),
        })
        .passthrough(),
      message,
    );
    const runUid = uidFromWire(m.run_id);
    if (!runUid) throw missing(`Run with id=${m.run_id} not found`);
    const outputs = m.models.map((o) => ({ id: o.model_id, step: o.step }));
    for (const { id } of outputs)
      if (!MODEL_ID.test(id)) throw missing(`Logged model with ID '${id}' not found`);
    await call('loggedModels.logOutputs', { runUid, outputs }).catch((e: unknown) => {
      throw e instanceof NotFound && /^no run/.test(e.message)
        ? missing(`Run with id=${m.run_id} not found`)
        : e;
    });
    return {};
  },
};
