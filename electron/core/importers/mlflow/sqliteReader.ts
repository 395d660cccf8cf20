import { statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MlflowDb, type MlflowDbRun } from '../../store/mlflowDbReader.js';
import type {
  ImportedExperiment,
  ImportedModelVersion,
  ImportedPoint,
  ImportedRegisteredModel,
  ImportedRun,
  MlflowHistoryReader,
} from './mlflowHistory.js';
import { findModelFiles, type StoreFolders } from './modelFiles.js';

/**
 * The reader interface over an `mlflow.db` (all SQL stays in store/mlflowDbReader.ts). The one
 * thing added here is finding each run's artifacts on this machine, since artifact_uri was
 * written on whichever machine ran the tracking server.
 */

const isDirectory = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** artifact_uri as a local path, when it is one (file: URL, `file:C:\…`, or a bare path). */
function localPath(uri: string, base: string): string | null {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]+):/.exec(uri)?.[1]?.toLowerCase();
  if (scheme === undefined) return isAbsolute(uri) ? uri : resolve(base, uri);
  if (scheme !== 'file') return null;
  if (uri.startsWith('file://')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return null;
    }
  }
  return uri.slice('file:'.length);
}

/** Path segments that cannot climb out of the folder they are joined to. */
const safeParts = (path: string): string[] =>
  path.split(/[\\/]+/).filter((p) => p !== '' && p !== '.' && p !== '..');

/**
 * Where a run's artifacts are here, looked for in the order most likely to be right: the path
 * artifact_uri names, then MLflow's default artifact folders beside the database (`mlruns/` for
 * `mlflow ui`, `mlartifacts/` for `mlflow server`, whose `mlflow-artifacts:` URIs point there), then
 * artifact_uri's tail under those folders.
 */
export function findArtifactsDir(
  run: Pick<MlflowDbRun, 'sourceId' | 'experimentSourceId' | 'artifactUri'>,
  dbFile: string,
): string | null {
  const base = dirname(resolve(dbFile));
  const candidates: string[] = [];
  const uri = run.artifactUri;
  if (uri !== null) {
    const local = localPath(uri, base);
    if (local !== null) candidates.push(local);
  }
  for (const root of ['mlruns', 'mlartifacts']) {
    candidates.push(join(base, root, run.experimentSourceId, run.sourceId, 'artifacts'));
  }
  const served = uri === null ? null : /^mlflow-artifacts:(?:\/\/[^/]*)?\/*(.*)$/i.exec(uri)?.[1];
  if (served) candidates.push(join(base, 'mlartifacts', ...safeParts(served)));
  if (uri !== null) {
    const parts = uri.split(/[\\/]+/);
    for (const root of ['mlruns', 'mlartifacts']) {
      const at = parts.lastIndexOf(root);
      const tail = safeParts(parts.slice(at + 1).join('/'));
      if (at !== -1 && tail.length > 0) candidates.push(join(base, root, ...tail));
    }
  }
  return candidates.find(isDirectory) ?? null;
}

class SqliteReader implements MlflowHistoryReader {
  readonly kind = 'mlflow-sqlite' as const;

  constructor(private readonly db: MlflowDb) {}

  get warnings(): string[] {
    return this.db.warnings;
  }

  experiments(): ImportedExperiment[] {
    return this.db.experiments();
  }

  *runs(): Generator<ImportedRun> {
    for (const run of this.db.runs()) {
      const { artifactUri: _uri, ...rest } = run;
      yield { ...rest, artifactsDir: findArtifactsDir(run, this.db.path) };
    }
  }

  points(run: ImportedRun, key: string): Iterable<ImportedPoint> {
    return this.db.metricPoints(run.sourceId, key);
  }

  modelVersions(): ImportedModelVersion[] {
    const extras = this.db.modelVersionExtras();
    const base = dirname(resolve(this.db.path));
    const runDirs = new Map<string, string | null>();
    // The default artifact roots beside the database: `mlflow ui` writes mlruns/, `mlflow server` mlartifacts/.
    const folders: StoreFolders = {
      roots: [join(base, 'mlruns'), join(base, 'mlartifacts')].filter(isDirectory),
      runArtifacts: (runId) => {
        if (!runDirs.has(runId)) {
          const run = this.db.runLocation(runId);
          runDirs.set(runId, run === null ? null : findArtifactsDir(run, this.db.path));
        }
        return runDirs.get(runId)!;
      },
    };
    return this.db.modelVersions().map((v) => {
      const extra = extras.get(`${v.model}\u0000${v.version}`) ?? {
        tags: {},
        storageLocation: null,
      };
      return { ...v, ...extra, files: findModelFiles({ ...v, ...extra }, folders) };
    });
  }

  registeredModels(): ImportedRegisteredModel[] {
    return this.db.registeredModels();
  }

  close(): void {
    this.db.close();
  }
}

/** Opens an `mlflow.db` read-only; a UserError when it is not an MLflow database. */
export function openSqliteHistory(
  path: string,
  options: { nativeBinding?: string } = {},
): MlflowHistoryReader {
  return new SqliteReader(MlflowDb.open(resolve(path), options));
}
