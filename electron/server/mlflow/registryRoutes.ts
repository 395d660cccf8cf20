import { z } from 'zod';
import {
  reservedAlias,
  type ModelSummary,
  type ModelVersion,
} from '../../../shared/api/registry.js';
import {
  matchesEntity,
  parseEntityFilter,
  sortEntities,
  type EntityKind,
  type SearchableEntity,
} from '../../../shared/mlflow/entityFilter.js';
import { MlflowSearchError } from '../../../shared/mlflow/searchFilter.js';
import { NotFound } from '../../core/userError.js';
import { invalid, missing } from './mlflowErrors.js';
import { KeyValue, offsetOf, pageToken, parseMessage, uidFromWire, WireInt } from './mlflowWire.js';
import {
  checkSource,
  latestVersions,
  modelEntity,
  modelToWire,
  repeated,
  stageFromWire,
  versionEntity,
  versionToWire,
  WireBool,
  WireVersion,
  wireSource,
} from './registryWire.js';
import type { Call, Route } from './routeSupport.js';

/**
 * MLflow's model registry onto Benchtop's: a registered model is a model, a model version is a
 * version in its tree (from the run that made it, or from a source URI), its description is the
 * version's note, and aliases, tags and stages are the same ones in MLflow's words. Deleting
 * takes a model or version out of every listing; Benchtop keeps its record (see shared/api/registry.ts).
 */

const tagRecord = (tags: { key: string; value: string }[]) =>
  Object.fromEntries(tags.map((t) => [t.key, t.value]));

async function model(call: Call, name: string): Promise<ModelSummary> {
  try {
    return await call('registry.model', { name });
  } catch (e) {
    if (e instanceof NotFound) throw missing(`Registered Model with name=${name} not found`);
    throw e;
  }
}

async function version(call: Call, name: string, number: number): Promise<ModelVersion> {
  const found = (await model(call, name)).versions.find((v) => v.version === number);
  if (!found) throw missing(`Model Version (name=${name}, version=${number}) not found`);
  return found;
}

/** The local run a version comes from: `run_id` must name one; a `runs:/` source links one when it is here. */
async function sourceRun(
  call: Call,
  runId: string,
  source: string,
  modelId: string,
): Promise<number | undefined> {
  const fromSource = /^runs:\/([0-9a-f]{32})(?:\/|$)/.exec(source)?.[1];
  // MLflow 3's log_model registers `models:/m-…` with the model's id and no run_id; the version
  // belongs to the run that logged the model, as MLflow's store reads it from the logged model.
  const model = modelId || /^models:\/(m-[0-9a-f]{32})\/?$/.exec(source)?.[1];
  if (!runId && model && /^m-[0-9a-f]{32}$/.test(model)) {
    const logged = await call('loggedModels.get', { id: model }).catch((e: unknown) => {
      if (e instanceof NotFound) return null;
      throw e;
    });
    if (logged) return logged.run_id;
  }
  const wire = runId || fromSource;
  if (!wire) return undefined;
  const uid = uidFromWire(wire);
  try {
    if (uid) return (await call('runs.tracked', { uids: [uid] }))[0]?.id;
  } catch (e) {
    if (!(e instanceof NotFound)) throw e;
  }
  // A version belongs to a run in this registry's tree; an id this server never issued has none.
  if (runId) throw missing(`Run with id=${runId} not found`);
  return undefined;
}

function filtered<T extends SearchableEntity>(
  items: T[],
  filter: string,
  orderBy: string[],
  kind: EntityKind,
): T[] {
  try {
    const parsed = parseEntityFilter(filter, kind);
    return sortEntities(
      items.filter((item) => matchesEntity(parsed, item)),
      orderBy,
      kind,
    );
  } catch (e) {
    if (e instanceof MlflowSearchError) throw invalid(e.message);
    throw e;
  }
}

function page<T>(items: T[], token: string | undefined, max: number) {
  const offset = offsetOf(token);
  return {
    items: items.slice(offset, offset + max),
    next: offset + max < items.length ? pageToken(offset + max) : undefined,
  };
}

const Name = z.object({ name: z.string().min(1) });
const VersionRef = Name.extend({ version: WireVersion });
const Search = z.object({
  filter: z.string().default(''),
  max_results: WireInt.default(100),
  order_by: repeated(z.string()).default([]),
  page_token: z.string().optional(),
});
const LatestVersions = Name.extend({ stages: repeated(z.string()).default([]) });

const getLatestVersions: Route = async (call, message) => {
  const m = parseMessage(LatestVersions, message);
  const stages = new Set(m.stages.map(stageFromWire));
  const found = latestVersions(await model(call, m.name), stages).map(versionToWire);
  return found.length ? { model_versions: found } : {};
};

// Empty repeated fields are left out, as protobuf's JSON leaves them: an empty search answers `{}`.
export const registryRoutes: Record<string, Route> = {
  'POST registered-models/create': async (call, message) => {
    const m = parseMessage(
      Name.extend({ tags: z.array(KeyValue).default([]), description: z.string().default('') }),
      message,
    );
    const created = await call('registry.createModel', {
      name: m.name,
      description: m.description,
      tags: tagRecord(m.tags),
    });
    return { registered_model: modelToWire(created) };
  },
  'GET registered-models/get': async (call, message) => {
    const m = parseMessage(Name, message);
    return { registered_model: modelToWire(await model(call, m.name)) };
  },
  'PATCH registered-models/update': async (call, message) => {
    const m = parseMessage(Name.extend({ description: z.string().default('') }), message);
    await model(call, m.name);
    return {
      registered_model: modelToWire(
        await call('registry.describeModel', { model: m.name, description: m.description }),
      ),
    };
  },
  'POST registered-models/rename': async (call, message) => {
    const m = parseMessage(Name.extend({ new_name: z.string().min(1) }), message);
    await model(call, m.name);
    return {
      registered_model: modelToWire(
        await call('registry.renameModel', { model: m.name, to: m.new_name }),
      ),
    };
  },
  'DELETE registered-models/delete': async (call, message) => {
    const m = parseMessage(Name, message);
    await model(call, m.name);
    await call('registry.deleteModel', { model: m.name });
    return {};
  },
  'POST registered-models/set-tag': async (call, message) => {
    const m = parseMessage(
      Name.extend({ key: z.string(), value: z.string().default('') }),
      message,
    );
    await model(call, m.name);
    await call('registry.modelTags', { model: m.name, set: { [m.key]: m.value } });
    return {};
  },
  'DELETE registered-models/delete-tag': async (call, message) => {
    const m = parseMessage(Name.extend({ key: z.string() }), message);
    await model(call, m.name);
    await call('registry.modelTags', { model: m.name, unset: [m.key] });
    return {};
  },
  'GET registered-models/get-latest-versions': getLatestVersions,
  'POST registered-models/get-latest-versions': getLatestVersions,
  'GET registered-models/search': async (call, message) => {
    const m = parseMessage(Search, message);
    const models = (await call('registry.models', {})).map(modelEntity);
    const { items, next } = page(
      filtered(models, m.filter, m.order_by, 'registered_model'),
      m.page_token,
      m.max_results,
    );
    return {
      ...(items.length ? { registered_models: items.map((x) => modelToWire(x.model)) } : {}),
      ...(next ? { next_page_token: next } : {}),
    };
  },

  'POST model-versions/create': async (call, message) => {
    const m = parseMessage(
      Name.extend({
        source: z.string().min(1),
        run_id: z.string().default(''),
        model_id: z.string().default(''),
        description: z.string().default(''),
        tags: z.array(KeyValue).default([]),
      }),
      message,
    );
    checkSource(m.source);
    await model(call, m.name); // MLflow registers into an existing model only
    const runId = await sourceRun(call, m.run_id, m.source, m.model_id);
    const v = await call('registry.register', {
      ...(runId === undefined ? {} : { runId }),
      name: m.name,
      note: m.description,
      source_uri: m.source,
      tags: tagRecord(m.tags),
      createModel: false,
    });
    return { model_version: versionToWire(v) };
  },
  'GET model-versions/get': async (call, message) => {
    const m = parseMessage(VersionRef, message);
    return { model_version: versionToWire(await version(call, m.name, m.version)) };
  },
  'PATCH model-versions/update': async (call, message) => {
    const m = parseMessage(VersionRef.extend({ description: z.string().default('') }), message);
    await version(call, m.name, m.version);
    return {
      model_version: versionToWire(
        await call('registry.note', { model: m.name, version: m.version, note: m.description }),
      ),
    };
  },
  'POST model-versions/transition-stage': async (call, message) => {
    const m = parseMessage(
      VersionRef.extend({ stage: z.string(), archive_existing_versions: WireBool.default(false) }),
      message,
    );
    const to = stageFromWire(m.stage);
    await version(call, m.name, m.version);
    const v = await call('registry.stage', {
      model: m.name,
      version: m.version,
      to,
      archiveOthers: m.archive_existing_versions,
    });
    return { model_version: versionToWire(v) };
  },
  'DELETE model-versions/delete': async (call, message) => {
    const m = parseMessage(VersionRef, message);
    await version(call, m.name, m.version);
    await call('registry.deleteVersion', { model: m.name, version: m.version });
    return {};
  },
  'POST model-versions/set-tag': async (call, message) => {
    const m = parseMessage(
      VersionRef.extend({ key: z.string(), value: z.string().default('') }),
      message,
    );
    await version(call, m.name, m.version);
    await call('registry.versionTags', {
      model: m.name,
      version: m.version,
      set: { [m.key]: m.value },
    });
    return {};
  },
  'DELETE model-versions/delete-tag': async (call, message) => {
    const m = parseMessage(VersionRef.extend({ key: z.string() }), message);
    await version(call, m.name, m.version);
    await call('registry.versionTags', { model: m.name, version: m.version, unset: [m.key] });
    return {};
  },
  'GET model-versions/get-download-uri': async (call, message) => {
    const m = parseMessage(VersionRef, message);
    return { artifact_uri: wireSource(await version(call, m.name, m.version)) };
  },
  'GET model-versions/search': async (call, message) => {
    const m = parseMessage(Search.extend({ max_results: WireInt.default(10_000) }), message);
    const entities = (await call('registry.models', {})).flatMap((x) =>
      x.versions.map(versionEntity),
    );
    const { items, next } = page(
      filtered(entities, m.filter, m.order_by, 'model_version'),
      m.page_token,
      m.max_results,
    );
    return {
      ...(items.length ? { model_versions: items.map((e) => versionToWire(e.mv)) } : {}),
      ...(next ? { next_page_token: next } : {}),
    };
  },

  'POST registered-models/alias': async (call, message) => {
    const m = parseMessage(VersionRef.extend({ alias: z.string() }), message);
    const reserved = reservedAlias(m.alias);
    if (reserved) throw invalid(reserved);
    await version(call, m.name, m.version);
    await call('registry.alias', { model: m.name, version: m.version, set: m.alias });
    return {};
  },
  'GET registered-models/alias': async (call, message) => {
    const m = parseMessage(Name.extend({ alias: z.string() }), message);
    const found = await model(call, m.name);
    // `latest` is the first of the model's latest versions, exactly as MLflow's store answers it.
    const holder =
      m.alias.toLowerCase() === 'latest'
        ? latestVersions(found)[0]
        : found.versions.find((v) => v.aliases.includes(m.alias));
    if (!holder && m.alias.toLowerCase() === 'latest')
      throw missing(`Latest version not found for model ${m.name}.`);
    if (!holder) throw invalid(`Registered model alias ${m.alias} not found.`);
    return { model_version: versionToWire(holder) };
  },
  'DELETE registered-models/alias': async (call, message) => {
    const m = parseMessage(Name.extend({ alias: z.string() }), message);
    const holder = (await model(call, m.name)).versions.find((v) => v.aliases.includes(m.alias));
    if (holder)
      await call('registry.alias', { model: m.name, version: holder.version, unset: m.alias });
    return {};
  },
};
