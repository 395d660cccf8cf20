import { z } from 'zod';
import type { ModelSummary, ModelVersion } from '../../../shared/registryApi.js';
import { matchesEntity, parseEntityFilter, sortEntities, type EntityKind, type SearchableEntity } from '../../../shared/mlflow/entityFilter.js';
import { MlflowSearchError } from '../../../shared/mlflow/searchFilter.js';
import { invalid, missing } from './mlflowErrors.js';
import { offsetOf, pageToken, parseMessage, runWireId, uidFromWire, WireInt } from './mlflowWire.js';
import type { Call, Route } from './trackingRoutes.js';

/**
 * MLflow's model registry onto Benchtop's: a registered model is a model name, a model version
 * is a version in its tree (registered from the run that made it), and aliases are the same
 * aliases. Stages are Benchtop's stages in MLflow's words.
 */

const STAGE_TO_WIRE = { none: 'None', staging: 'Staging', production: 'Production', archived: 'Archived' } as const;
const ms = (iso: string) => Date.parse(iso);

async function runUidOf(call: Call, id: number | null): Promise<string | undefined> {
  if (id === null) return undefined;
  const [run] = await call('runs.tracked', { ids: [id] }).catch(() => []);
  return run?.uid;
}

async function versionToWire(call: Call, v: ModelVersion) {
  const uid = await runUidOf(call, v.run_id);
  const runId = uid && runWireId(uid);
  return {
    name: v.model,
    version: String(v.version),
    creation_timestamp: ms(v.created_at),
    last_updated_timestamp: ms(v.created_at),
    current_stage: STAGE_TO_WIRE[v.stage],
    description: v.note,
    ...(runId ? { source: `runs:/${runId}/model`, run_id: runId } : {}),
    status: 'READY',
    run_link: '',
    ...(v.aliases.length ? { aliases: v.aliases } : {}),
  };
}

async function modelToWire(call: Call, m: ModelSummary) {
  const created = m.versions.length ? Math.min(...m.versions.map((v) => ms(v.created_at))) : Date.now();
  const updated = m.versions.length ? Math.max(...m.versions.map((v) => ms(v.created_at))) : created;
  const latest = m.versions.at(-1);
  const aliases = m.versions.flatMap((v) => v.aliases.map((alias) => ({ alias, version: String(v.version) })));
  return {
    name: m.name,
    creation_timestamp: created,
    last_updated_timestamp: updated,
    ...(latest ? { latest_versions: [await versionToWire(call, latest)] } : {}),
    ...(aliases.length ? { aliases } : {}),
  };
}

async function model(call: Call, name: string): Promise<ModelSummary> {
  const found = (await call('registry.models', {})).find((m) => m.name === name);
  if (!found) throw missing(`Registered Model with name=${name} not found`);
  return found;
}

async function version(call: Call, name: string, number: number): Promise<ModelVersion> {
  const found = (await model(call, name)).versions.find((v) => v.version === number);
  if (!found) throw missing(`Model Version (name=${name}, version=${number}) not found`);
  return found;
}

function filtered<T extends SearchableEntity>(items: T[], filter: string, orderBy: string[], kind: EntityKind): T[] {
  try {
    const parsed = parseEntityFilter(filter, kind);
    return sortEntities(items.filter((item) => matchesEntity(parsed, item)), orderBy, kind);
  } catch (e) {
    if (e instanceof MlflowSearchError) throw invalid(e.message);
    throw e;
  }
}

const Search = z.object({
  filter: z.string().default(''),
  max_results: WireInt.default(100),
  order_by: z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(z.string())).default([]),
  page_token: z.string().optional(),
});
const VersionRef = z.object({ name: z.string(), version: z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(Number) });

function page<T>(items: T[], token: string | undefined, max: number) {
  const offset = offsetOf(token);
  return { items: items.slice(offset, offset + max), next: offset + max < items.length ? pageToken(offset + max) : undefined };
}

export const registryRoutes: Record<string, Route> = {
  'POST registered-models/create': async (call, message) => {
    const m = parseMessage(z.object({ name: z.string().min(1) }), message);
    return { registered_model: await modelToWire(call, await call('registry.createModel', { name: m.name })) };
  },
  'GET registered-models/get': async (call, message) => {
    const m = parseMessage(z.object({ name: z.string() }), message);
    return { registered_model: await modelToWire(call, await model(call, m.name)) };
  },
  'GET registered-models/search': async (call, message) => {
    const m = parseMessage(Search, message);
    const models = await Promise.all(
      (await call('registry.models', {})).map(async (x) => {
        const wire = await modelToWire(call, x);
        return { ...x, tags: {}, creation_time: wire.creation_timestamp, last_update_time: wire.last_updated_timestamp };
      }),
    );
    const { items, next } = page(filtered(models, m.filter, m.order_by, 'registered_model'), m.page_token, m.max_results);
    return { registered_models: await Promise.all(items.map((x) => modelToWire(call, x))), ...(next ? { next_page_token: next } : {}) };
  },
  'POST model-versions/create': async (call, message) => {
    const m = parseMessage(z.object({ name: z.string().min(1), source: z.string().default(''), run_id: z.string().optional(), description: z.string().default('') }), message);
    const fromSource = /^runs:\/([0-9a-f]{32})\//.exec(m.source)?.[1];
    const uid = uidFromWire(m.run_id || fromSource || '');
    if (!uid) throw invalid('a model version is registered from a run: give run_id (or a runs:/<run_id>/… source)');
    const [run] = await call('runs.tracked', { uids: [uid] });
    await call('registry.createModel', { name: m.name }).catch(() => {}); // MLflow creates the name on first use too
    const v = await call('registry.register', { runId: run!.id, name: m.name, note: m.description });
    return { model_version: await versionToWire(call, v) };
  },
  'GET model-versions/get': async (call, message) => {
    const m = parseMessage(VersionRef, message);
    return { model_version: await versionToWire(call, await version(call, m.name, m.version)) };
  },
  'GET model-versions/search': async (call, message) => {
    const m = parseMessage(Search.extend({ max_results: WireInt.default(10_000) }), message);
    const all = (await call('registry.models', {})).flatMap((x) => x.versions);
    const wire = await Promise.all(all.map((v) => versionToWire(call, v)));
    const entities = wire.map((v, i) => ({
      i,
      name: v.name,
      tags: {},
      version: Number(v.version),
      creation_time: v.creation_timestamp,
      last_update_time: v.last_updated_timestamp,
      ...(v.run_id ? { run_id: v.run_id } : {}),
      ...(v.source ? { source: v.source } : {}),
    }));
    const { items, next } = page(filtered(entities, m.filter, m.order_by, 'model_version'), m.page_token, m.max_results);
    return { model_versions: items.map((e) => wire[e.i]), ...(next ? { next_page_token: next } : {}) };
  },
  'POST registered-models/alias': async (call, message) => {
    const m = parseMessage(z.object({ name: z.string(), alias: z.string(), version: z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(Number) }), message);
    await version(call, m.name, m.version);
    await call('registry.alias', { model: m.name, version: m.version, set: m.alias });
    return {};
  },
  'GET registered-models/alias': async (call, message) => {
    const m = parseMessage(z.object({ name: z.string(), alias: z.string() }), message);
    const holder = (await model(call, m.name)).versions.find((v) => v.aliases.includes(m.alias));
    if (!holder) throw invalid(`Registered model alias ${m.alias} not found.`);
    return { model_version: await versionToWire(call, holder) };
  },
  'DELETE registered-models/alias': async (call, message) => {
    const m = parseMessage(z.object({ name: z.string(), alias: z.string() }), message);
    const holder = (await model(call, m.name)).versions.find((v) => v.aliases.includes(m.alias));
    if (holder) await call('registry.alias', { model: m.name, version: holder.version, unset: m.alias });
    return {};
  },
};
