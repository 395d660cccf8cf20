import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { ModelFiles } from './mlflowHistory.js';

/**
 * Finds a registered version's files beside the store it was read from. `source` and
 * `storage_location` were written on whichever machine registered the version (a `D:\` path, a
 * `file:///` URI, `runs:/…`, `models:/m-…`), so they are never followed as they stand: only what
 * they name inside the store's own folders (a run's artifacts, a logged model's, a path under
 * `mlruns/`) is looked for, here.
 */

export interface StoreFolders {
  /** Folders laid out as MLflow's `mlruns/` (experiment folders holding runs and logged models). */
  roots: string[];
  /** A run's artifacts folder on this machine, if the store has it. */
  runArtifacts(runId: string): string | null;
}

interface Found {
  path: string;
  loggedModelId?: string;
}

/** MLflow 3's logged model ids: `m-` and a uuid's hex. */
const LOGGED_MODEL = /^m-[0-9a-zA-Z]+$/;
/** A folder name a run id may stand for: nothing that climbs or nests. */
const SEGMENT = /^[\w-]+$/;
const MLFLOW_RUN_ID = /^[0-9a-f]{32}$/;

function exists(path: string): boolean {
  try {
    const st = statSync(path);
    return st.isDirectory() || st.isFile();
  } catch {
    return false;
  }
}

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

/** Path segments of a URI or a path of any OS; null when one would climb (`..`). */
function segments(uri: string): string[] | null {
  let rest = uri;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]+):/.exec(rest)?.[1];
  if (scheme !== undefined) {
    rest = rest.slice(scheme.length + 1);
    if (rest.startsWith('//')) {
      // scheme://authority/path: the authority (a bucket, a host) names no local folder.
      rest = rest
        .slice(2)
        .replace(/^[^/]*/, '')
        .split(/[?#]/, 1)[0]!;
      try {
        rest = decodeURIComponent(rest);
      } catch {
        // A broken escape stays as written.
      }
    }
  }
  const parts = rest.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
  return parts.includes('..') ? null : parts;
}

function loggedModelDirs(id: string, roots: string[]): string[] {
  return roots.flatMap((root) =>
    subdirs(root).map((exp) => join(root, exp, 'models', id, 'artifacts')),
  );
}

function* candidates(
  uri: string,
  runSourceId: string | null,
  store: StoreFolders,
): Generator<Found> {
  const runs = /^runs:\/+([^/]+)\/?(.*)$/.exec(uri);
  if (runs) {
    const dir = SEGMENT.test(runs[1]!) ? store.runArtifacts(runs[1]!) : null;
    const parts = segments(runs[2]!);
    if (dir !== null && parts !== null) yield { path: join(dir, ...parts) };
    return;
  }
  const logged = /^models:\/+([^/]+)\/*$/.exec(uri)?.[1];
  if (logged !== undefined && LOGGED_MODEL.test(logged)) {
    for (const path of loggedModelDirs(logged, store.roots)) yield { path, loggedModelId: logged };
    return;
  }
  // Another registered version (`models:/name/3`) is that version's files, imported with it.
  if (/^models:/i.test(uri)) return;
  const parts = segments(uri);
  if (parts === null) return;
  for (let i = parts.length - 2; i >= 0; i--) {
    const [id, next] = [parts[i]!, parts[i + 1]];
    // …/<run id>/artifacts/<path>: a run of this store, wherever its folders were then.
    if (
      next === 'artifacts' &&
      SEGMENT.test(id) &&
      (id === runSourceId || MLFLOW_RUN_ID.test(id))
    ) {
      const dir = store.runArtifacts(id);
      if (dir !== null) yield { path: join(dir, ...parts.slice(i + 2)) };
    }
    // …/models/<m-…>/artifacts/<path>: an MLflow 3 logged model.
    if (
      id === 'models' &&
      next !== undefined &&
      LOGGED_MODEL.test(next) &&
      parts[i + 2] === 'artifacts'
    ) {
      for (const dir of loggedModelDirs(next, store.roots))
        yield { path: join(dir, ...parts.slice(i + 3)), loggedModelId: next };
    }
  }
  // …/mlruns/<path> (or mlartifacts/, where `mlflow server` keeps them): the same place under this store.
  const at = Math.max(parts.lastIndexOf('mlruns'), parts.lastIndexOf('mlartifacts'));
  const tail = at === -1 ? (/^mlflow-artifacts:/i.test(uri) ? parts : []) : parts.slice(at + 1);
  if (tail.length > 0) for (const root of store.roots) yield { path: join(root, ...tail) };
}

/** Where within `dir` path is ('' for dir itself), or null when it is not inside. */
function inside(dir: string, path: string): string | null {
  const rel = relative(dir, path);
  if (rel === '') return '';
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return rel.split(sep).join('/');
}

/** The first of storage_location and source that names files found beside the store. */
export function findModelFiles(
  v: { source: string; storageLocation: string | null; runSourceId: string | null },
  store: StoreFolders,
): ModelFiles | null {
  const uris = [...new Set([v.storageLocation, v.source].filter((u): u is string => !!u))];
  for (const uri of uris) {
    for (const found of candidates(uri, v.runSourceId, store)) {
      if (!exists(found.path)) continue;
      const runDir = v.runSourceId === null ? null : store.runArtifacts(v.runSourceId);
      return {
        path: found.path,
        inRun: runDir === null ? null : inside(runDir, found.path),
        loggedModelId: found.loggedModelId ?? null,
      };
    }
  }
  return null;
}
