import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../../userError.js';
import {
  isDirectory,
  isFile,
  listKeys,
  nonEmpty,
  readMeta,
  readValues,
  subdirs,
  text,
  type Meta,
  type Warn,
} from './fileStoreFiles.js';
import {
  millisOrNull,
  type ImportedModelVersion,
  type ImportedRegisteredModel,
} from './mlflowHistory.js';
import { findModelFiles, type StoreFolders } from './modelFiles.js';

/**
 * The file store's model registry:
 *
 *   models/<name>/meta.yaml, tags/<key>, aliases/<alias> (content: the version number)
 *   models/<name>/version-<n>/meta.yaml, tags/<key>
 *
 * The registry is secondary to the runs, so a damaged entry is a warning and is skipped.
 */

/** The stage MLflow gives a deleted version it keeps on disk; such versions no longer exist. */
const DELETED_STAGE = 'Deleted_Internal';

function metaOrWarn(file: string, warn: Warn): Meta | null {
  if (!isFile(file)) return null;
  try {
    return readMeta(file);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    warn(`${e.message}; skipped`);
    return null;
  }
}

function integer(v: unknown): number | null {
  const t = text(v)?.trim();
  return t !== undefined && /^\d+$/.test(t) ? Number(t) : null;
}

function aliasesByVersion(modelDir: string, warn: Warn): Map<number, string[]> {
  const byVersion = new Map<number, string[]>();
  const dir = join(modelDir, 'aliases');
  for (const alias of listKeys(dir, warn)) {
    let version: number | null = null;
    try {
      version = integer(readFileSync(join(dir, ...alias.split('/')), 'utf8'));
    } catch (e) {
      warn(
        `cannot read alias ${join(dir, alias)}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      );
      continue;
    }
    if (version === null) {
      warn(`alias ${join(dir, alias)} does not hold a version number; skipped`);
      continue;
    }
    byVersion.set(version, [...(byVersion.get(version) ?? []), alias]);
  }
  return byVersion;
}

/** The store's folders, for finding a version's files: modelsDir sits in mlruns/ beside the experiments. */
function storeFolders(modelsDir: string): StoreFolders {
  const root = dirname(modelsDir);
  const experiments = (): string[] => {
    const ignore: Warn = () => {};
    const trash = join(root, '.trash');
    return [
      ...subdirs(root, ignore).map((e) => join(root, e)),
      ...(isDirectory(trash) ? subdirs(trash, ignore).map((e) => join(trash, e)) : []),
    ];
  };
  let found: Map<string, string | null> | undefined;
  return {
    roots: [root],
    runArtifacts(runId) {
      found ??= new Map();
      if (!found.has(runId)) {
        const dirs = experiments().map((e) => join(e, runId, 'artifacts'));
        found.set(runId, dirs.find(isDirectory) ?? null);
      }
      return found.get(runId)!;
    },
  };
}

/** Every registered model, those without versions too. */
export function readFileStoreModels(modelsDir: string, warn: Warn): ImportedRegisteredModel[] {
  const models: ImportedRegisteredModel[] = [];
  for (const folder of subdirs(modelsDir, warn)) {
    const modelDir = join(modelsDir, folder);
    const meta = metaOrWarn(join(modelDir, 'meta.yaml'), warn);
    if (meta === null) continue;
    models.push({
      name: nonEmpty(meta.name) ?? folder,
      description: text(meta.description) ?? '',
      tags: readValues(join(modelDir, 'tags'), warn),
      creationTime: millisOrNull(meta.creation_timestamp),
    });
  }
  return models.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function readFileStoreRegistry(modelsDir: string, warn: Warn): ImportedModelVersion[] {
  const versions: ImportedModelVersion[] = [];
  const folders = storeFolders(modelsDir);
  for (const modelFolder of subdirs(modelsDir, warn)) {
    const modelDir = join(modelsDir, modelFolder);
    const modelMeta = metaOrWarn(join(modelDir, 'meta.yaml'), warn);
    if (modelMeta === null) continue;
    const model = nonEmpty(modelMeta.name) ?? modelFolder;
    const aliases = aliasesByVersion(modelDir, warn);
    for (const folder of subdirs(modelDir, warn)) {
      if (!folder.startsWith('version-')) continue;
      const meta = metaOrWarn(join(modelDir, folder, 'meta.yaml'), warn);
      if (meta === null) continue;
      const version = integer(meta.version) ?? integer(folder.slice('version-'.length));
      if (version === null) {
        warn(`${join(modelDir, folder)}: no version number; skipped`);
        continue;
      }
      const stage = nonEmpty(meta.current_stage) ?? 'None';
      if (stage === DELETED_STAGE) continue;
      const found = {
        runSourceId: nonEmpty(meta.run_id),
        source: text(meta.source) ?? '',
        storageLocation: nonEmpty(meta.storage_location),
      };
      versions.push({
        model,
        version,
        ...found,
        aliases: (aliases.get(version) ?? []).sort(),
        stage,
        description: text(meta.description) ?? '',
        creationTime: millisOrNull(meta.creation_timestamp) ?? 0,
        tags: readValues(join(modelDir, folder, 'tags'), warn),
        files: findModelFiles(found, folders),
      });
    }
  }
  return versions.sort((a, b) =>
    a.model < b.model ? -1 : a.model > b.model ? 1 : a.version - b.version,
  );
}
