import { z } from 'zod';
import type { ModelSummary, ModelVersion, Stage } from '../../../shared/api/registry.js';
import { invalid } from './mlflowErrors.js';
import { runWireId } from './mlflowWire.js';

/** Translations between MLflow's registry shapes (model_registry.proto) and the contract's records; no state. */

const STAGE_TO_WIRE: Record<Stage, string> = {
  none: 'None',
  staging: 'Staging',
  production: 'Production',
  archived: 'Archived',
};
const STAGE_FROM_WIRE = new Map<string, Stage>(
  Object.entries(STAGE_TO_WIRE).map(([stage, wire]) => [wire.toLowerCase(), stage as Stage]),
);

/** MLflow's stage names, in any case (its `get_canonical_stage`). */
export function stageFromWire(stage: string): Stage {
  const found = STAGE_FROM_WIRE.get(stage.toLowerCase());
  if (!found)
    throw invalid(
      `Invalid Model Version stage: ${stage}. Value must be one of None, Staging, Production, Archived.`,
    );
  return found;
}

const ms = (iso: string) => Date.parse(iso);
const keyValues = (tags: Record<string, string>) =>
  Object.entries(tags).map(([key, value]) => ({ key, value }));
export const wireRunId = (v: ModelVersion): string => (v.run_uid ? runWireId(v.run_uid) : '');
/** The source a client registered from; versions Benchtop registered from a run point at that run's model. */
export const wireSource = (v: ModelVersion): string =>
  v.source_uri || (v.run_uid ? `runs:/${runWireId(v.run_uid)}/model` : '');

/** A ModelVersion message; empty repeated fields are left out, as protobuf's JSON leaves them. */
export function versionToWire(v: ModelVersion) {
  const tags = keyValues(v.tags);
  return {
    name: v.model,
    version: String(v.version),
    creation_timestamp: ms(v.created_at),
    last_updated_timestamp: ms(v.updated_at),
    current_stage: STAGE_TO_WIRE[v.stage],
    description: v.note,
    source: wireSource(v),
    run_id: wireRunId(v),
    status: 'READY',
    ...(tags.length ? { tags } : {}),
    run_link: '',
    ...(v.aliases.length ? { aliases: v.aliases } : {}),
  };
}

/**
 * The newest version in each stage, in MLflow's order: stages as they first appear going up the
 * versions (its registered model keeps a dict keyed by stage, filled in version order).
 */
export function latestVersions(m: ModelSummary, stages?: ReadonlySet<Stage>): ModelVersion[] {
  const latest = new Map<Stage, ModelVersion>();
  for (const v of [...m.versions].sort((a, b) => a.version - b.version)) latest.set(v.stage, v);
  return [...latest.values()].filter((v) => !stages || stages.size === 0 || stages.has(v.stage));
}

/** A RegisteredModel message. */
export function modelToWire(m: ModelSummary) {
  const latest = latestVersions(m).map(versionToWire);
  const tags = keyValues(m.tags);
  const aliases = m.versions.flatMap((v) =>
    v.aliases.map((alias) => ({ alias, version: String(v.version) })),
  );
  return {
    name: m.name,
    creation_timestamp: ms(m.created_at),
    last_updated_timestamp: ms(m.updated_at),
    ...(m.description ? { description: m.description } : {}),
    ...(latest.length ? { latest_versions: latest } : {}),
    ...(tags.length ? { tags } : {}),
    ...(aliases.length ? { aliases } : {}),
  };
}

/** What registered-model and model-version searches filter and sort on. */
export const modelEntity = (m: ModelSummary) => ({
  name: m.name,
  tags: m.tags,
  creation_time: ms(m.created_at),
  last_update_time: ms(m.updated_at),
  model: m,
});
export function versionEntity(v: ModelVersion) {
  const runId = wireRunId(v);
  const source = wireSource(v);
  return {
    name: v.model,
    tags: v.tags,
    version: v.version,
    creation_time: ms(v.created_at),
    last_update_time: ms(v.updated_at),
    ...(runId ? { run_id: runId } : {}),
    ...(source ? { source } : {}),
    mv: v,
  };
}

/** `unquote_plus`, leaving a broken escape as it is (Python's does). */
function unquotePlus(text: string): string {
  return text.replace(/\+/g, ' ').replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

const LOCAL_SOURCE =
  'To use a local path as a model version source, the run_id request parameter has to be specified and the local path has to be contained within the artifact directory of the run specified by the run_id.';
const RELATIVE_SOURCE =
  'If supplying a source as an http, https, local file path, ftp, objectstore, or mlflow-artifacts uri, an absolute path must be provided without relative path references present. Please provide an absolute path.';

/**
 * The real server's checks on a version's `source`. A local path (no scheme, or `file:`) is only
 * taken inside its run's local artifact folder; a run's artifacts here are `mlflow-artifacts:`
 * URIs, as behind a proxying MLflow server, so a local path is always refused. Any other URI must
 * have an absolute path without `.` or `..` segments, also once percent-decoded.
 */
export function checkSource(source: string): void {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(source)?.[1]?.toLowerCase() ?? '';
  if (scheme === '' || scheme === 'file')
    throw invalid(`Invalid model version source: '${source}'. ${LOCAL_SOURCE}`);
  let decoded = source;
  for (let next = unquotePlus(decoded); next !== decoded; next = unquotePlus(decoded))
    decoded = next;
  const rest = decoded.slice(scheme.length + 1).split(/[?#]/, 1)[0]!;
  const rawPath = rest.startsWith('//') ? rest.slice(2).replace(/^[^/]*/, '') : rest;
  const path = rawPath.replace(/\/+/g, '/').replace(/\/+$/, '');
  const segments = path.split('/');
  if (
    path.includes('\0') ||
    decoded.split('/').includes('..') ||
    !path.startsWith('/') ||
    segments.includes('.') ||
    segments.includes('..')
  ) {
    throw invalid(`Invalid model version source: '${source}'. ${RELATIVE_SOURCE}`);
  }
}

// Request fields as MLflow's JSON parser and GET query strings carry them.
export const WireVersion = z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(Number);
export const WireBool = z.union([
  z.boolean(),
  z.enum(['true', 'false']).transform((v) => v === 'true'),
]);
/** A repeated field: a GET query gives one value as a string. */
export const repeated = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(item));
