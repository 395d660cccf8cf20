import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, lstatSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { runIdFromUid } from '../../../shared/mlflow/wireValues.js';
import { registryApi, type Stage } from '../../../shared/api/registry.js';
import { badKey } from '../../../shared/api/keyRule.js';
import type { Store } from '../store/store.js';
import {
  clip,
  type ImportedModelVersion,
  type ImportedRegisteredModel,
} from './mlflow/mlflowHistory.js';

/** How a second import knows a version it brought in before: MLflow's number, and its run. */
export const SOURCE_VERSION_TAG = 'benchtop.source_model_version';
export const SOURCE_RUN_TAG = 'benchtop.source_run_id';
/** MLflow's `source` as it was written, when the version's own source now points at its files here. */
export const SOURCE_URI_TAG = 'benchtop.source_uri';
/** An MLflow alias Benchtop's alias rules refuse is kept as a version tag under this prefix. */
export const ALIAS_TAG_PREFIX = 'mlflow.alias.';

export interface RegistryImportSummary {
  /** Registered models created. */
  models: number;
  /** Versions added. */
  versions: number;
  /** Versions an earlier import brought in (or that were deleted here since) and models Benchtop cannot name. */
  skipped: number;
}

export interface RegistryImportOptions {
  /** Counts and warns only: nothing is written or copied. */
  preview: boolean;
  warn(message: string): void;
  /** The registered models themselves (description, tags, and those without versions). */
  models?: readonly ImportedRegisteredModel[];
}

const STAGES: Record<string, Stage> = {
  none: 'none',
  staging: 'staging',
  production: 'production',
  archived: 'archived',
};
const MAX_DESCRIPTION = 10_000;
const MAX_TAG_VALUE = 100_000;
const iso = (ms: number | null) =>
  ms !== null && ms > 0 && Number.isFinite(ms)
    ? new Date(ms).toISOString()
    : new Date().toISOString();
const finite = (metrics: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(metrics).filter(([, v]) => typeof v === 'number' && Number.isFinite(v)),
  );

/** A name Benchtop's registry takes as it is (the contract's own rule: trimmed, 1–100 characters). */
const takesName = (name: string) =>
  registryApi['registry.createModel'].input.safeParse({ name }).data?.name === name;
const takesAlias = (alias: string) =>
  registryApi['registry.alias'].input.safeParse({ model: 'm', version: 1, set: alias }).success;

/**
 * MLflow's registered models and versions into Benchtop's registry. A version keeps MLflow's
 * number unless this model already has it, its description (as the note), tags, stage and
 * aliases; it belongs to the Benchtop run imported from its MLflow run, and its files, when
 * found beside the store, are copied where Benchtop keeps a version's files: the run's artifacts
 * (already there when they were in the run's artifacts), or the version's own folder when it
 * has no run here. Call after the runs are written, so `runIdOf` finds them.
 */
export function importModelVersions(
  store: Store,
  dataDir: string,
  versions: readonly ImportedModelVersion[],
  runIdOf: (mlflowRunId: string) => number | undefined,
  opts: RegistryImportOptions,
): RegistryImportSummary {
  const summary: RegistryImportSummary = { models: 0, versions: 0, skipped: 0 };
  const repo = store.importedRegistry;
  const warn = opts.warn;
  const infos = new Map((opts.models ?? []).map((m) => [m.name, m]));
  const byModel = new Map<string, ImportedModelVersion[]>(
    [...infos.keys()].map((name) => [name, []]),
  );
  for (const v of versions) {
    const list = byModel.get(v.model);
    if (list) list.push(v);
    else byModel.set(v.model, [v]);
  }
  const copies: { from: string; to: string; what: string }[] = [];

  const validTags = (tags: Record<string, string>, what: string): [string, string][] =>
    Object.entries(tags).filter(([key, value]) => {
      const problem =
        badKey(key) ??
        (value.length > MAX_TAG_VALUE
          ? `its value is longer than ${MAX_TAG_VALUE} characters`
          : null);
      if (problem) warn(`${what}: tag ${clip(key)} was left out: ${problem}`);
      return !problem;
    });
  const described = (text: string, what: string) => {
    if (text.length <= MAX_DESCRIPTION) return text;
    warn(`${what}: the description was cut to ${MAX_DESCRIPTION} characters`);
    return text.slice(0, MAX_DESCRIPTION);
  };

  const createModel = (name: string): number => {
    const info = infos.get(name);
    const what = `model ${clip(name)}`;
    const id = repo.insertModel(
      name,
      described(info?.description ?? '', what),
      iso(info?.creationTime ?? null),
    );
    for (const [key, value] of validTags(info?.tags ?? {}, what))
      store.registry.setModelTag(id, key, value);
    return id;
  };

  const addVersion = (modelId: number, v: ImportedModelVersion, number: number) => {
    const what = `model ${clip(v.model)} v${v.version}`;
    const runId = v.runSourceId === null ? undefined : runIdOf(v.runSourceId);
    if (v.runSourceId !== null && runId === undefined)
      warn(`${what}: its MLflow run ${v.runSourceId} is not in Benchtop; registered without a run`);
    const uid = randomUUID();
    const runUid = runId === undefined ? undefined : store.trackedRuns.byId(runId)?.uid;
    // Where Benchtop keeps a version's files: its run's artifacts, else its own folder (bundles.ts's versionFilesDir).
    let sourceUri = v.source;
    if (v.files !== null) {
      const isFile = isRegularFile(v.files.path);
      if (runId !== undefined && runUid !== undefined) {
        const sub =
          v.files.inRun ??
          (v.files.loggedModelId
            ? `models/${v.files.loggedModelId}`
            : `models/${v.model.replace(/[^\w.-]+/g, '_')}-v${number}`);
        const to = join(
          dataDir,
          'artifacts',
          'runs',
          String(runId),
          ...sub.split('/').filter(Boolean),
        );
        copies.push({ from: v.files.path, to, what });
        sourceUri = `runs:/${runIdFromUid(runUid)}${sub ? `/${sub}` : ''}`;
      } else {
        const folder = join(dataDir, 'artifacts', 'versions', uid);
        copies.push({
          from: v.files.path,
          to: isFile ? join(folder, basename(v.files.path)) : folder,
          what,
        });
      }
    }
    const stage = STAGES[v.stage.toLowerCase()];
    if (stage === undefined)
      warn(
        `${what}: MLflow stage ${clip(v.stage)} is none of None, Staging, Production, Archived; imported as none`,
      );
    const id = repo.insertVersion({
      uid,
      model_id: modelId,
      version: number,
      run_id: runId ?? null,
      stage: stage ?? 'none',
      note: described(v.description, what),
      source: {
        run:
          runId === undefined
            ? { params: {}, metrics: {} }
            : { params: store.params.forRun(runId), metrics: finite(store.metrics.latest(runId)) },
        dataset: null,
        parent_uid: null,
      },
      source_uri: sourceUri,
      created_at: iso(v.creationTime),
    });
    const tags: [string, string][] = [
      ...validTags(v.tags, what),
      [SOURCE_VERSION_TAG, String(v.version)],
    ];
    if (v.runSourceId !== null) tags.push([SOURCE_RUN_TAG, v.runSourceId]);
    if (sourceUri !== v.source) tags.push([SOURCE_URI_TAG, v.source]);
    const aliases: string[] = [];
    for (const alias of v.aliases) {
      if (takesAlias(alias)) aliases.push(alias);
      else {
        warn(
          `${what}: MLflow alias ${clip(alias)} is not one Benchtop takes; kept as tag ${ALIAS_TAG_PREFIX}${alias}`,
        );
        if (badKey(`${ALIAS_TAG_PREFIX}${alias}`) === null)
          tags.push([`${ALIAS_TAG_PREFIX}${alias}`, 'true']);
      }
    }
    for (const [key, value] of tags) store.registry.setVersionTag(id, key, value);
    store.registry.addHistory(
      id,
      'imported',
      `${v.model} v${v.version} from MLflow${runId === undefined ? '' : `, run ${runId}`}`,
    );
    if (stage !== undefined && stage !== 'none')
      store.registry.addHistory(id, 'stage', `none → ${stage}`, 'as in MLflow');
    for (const alias of aliases) {
      const holder = store.registry.aliasHolder(modelId, alias);
      if (holder !== undefined) {
        warn(
          `${what}: alias ${alias} stays on v${store.registry.get(holder)?.version ?? '?'}, which has it in Benchtop`,
        );
        continue;
      }
      store.registry.setAlias(modelId, alias, id);
      store.registry.addHistory(id, 'alias set', alias, 'as in MLflow');
    }
  };

  const importAll = () => {
    for (const [name, modelVersions] of [...byModel].sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    )) {
      if (!takesName(name)) {
        warn(
          `registered model ${clip(name)} was not imported: Benchtop's model names are 1 to 100 characters with no space at either end`,
        );
        summary.skipped += modelVersions.length;
        continue;
      }
      let modelId = store.registry.model(name)?.id;
      if (modelId === undefined) {
        summary.models++;
        if (!opts.preview) modelId = createModel(name);
      }
      const highest = Math.max(0, ...modelVersions.map((v) => v.version));
      let added = 0;
      for (const v of [...modelVersions].sort((a, b) => a.version - b.version)) {
        const what = `model ${clip(name)} v${v.version}`;
        const earlier = repo.findImported(
          name,
          { key: SOURCE_VERSION_TAG, value: String(v.version) },
          { key: SOURCE_RUN_TAG, value: v.runSourceId },
        );
        if (earlier !== undefined) {
          summary.skipped++;
          if (earlier.deleted)
            warn(
              `${what} was imported before and deleted from Benchtop's registry since; not imported again`,
            );
          continue;
        }
        summary.versions++;
        if (v.files === null)
          warn(
            `${what}: its files (${clip(v.storageLocation ?? v.source, 120)}) are not beside the imported store; registered without files`,
          );
        if (modelId === undefined) continue; // preview of a model not yet here: MLflow's numbers are free
        let number = v.version;
        if (repo.versionTaken(modelId, number)) {
          number = Math.max(repo.nextVersion(modelId), highest + 1);
          warn(`${what} is v${number} here: this model already has a v${v.version}`);
        }
        if (opts.preview) continue;
        addVersion(modelId, v, number);
        added++;
      }
      if (added) store.registry.touchModel(modelId!);
    }
  };

  if (opts.preview) importAll();
  else store.transaction(importAll);
  for (const copy of opts.preview ? [] : copies) copyFiles(copy, warn);
  return summary;
}

/** Copied (never linked), after the commit; what is already there (the run's own copy) stays. */
function copyFiles(
  { from, to, what }: { from: string; to: string; what: string },
  warn: (message: string) => void,
): void {
  if (existsSync(to) || !existsSync(from)) return;
  try {
    // Symlinks are not followed out of the source: a link is copied as the link it is, then dropped.
    cpSync(from, to, { recursive: true, verbatimSymlinks: true, filter: (src) => !isSymlink(src) });
  } catch (e) {
    rmSync(to, { recursive: true, force: true });
    warn(
      `${what}: its files could not be copied from ${from}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
