import { statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { UserError } from '../../userError.js';
import {
  isDirectory,
  isFile,
  linksBack,
  listKeys,
  nonEmpty,
  readMeta,
  readValues,
  subdirs,
  text,
  type Meta,
} from './fileStoreFiles.js';
import { readFileStoreModels, readFileStoreRegistry } from './fileStoreRegistry.js';
import { readMetricFile } from './metricsFile.js';
import {
  clip,
  millisOrNull,
  PARENT_RUN_TAG,
  RUN_NAME_TAG,
  statusFromCode,
  type ImportedExperiment,
  type ImportedModelVersion,
  type ImportedPoint,
  type ImportedRegisteredModel,
  type ImportedRun,
  type MlflowHistoryReader,
} from './mlflowHistory.js';

/**
 * Reads an MLflow file store (`mlruns/`, MLflow 1.x–3.x layouts) or one experiment folder of it:
 *
 *   mlruns/<experiment id>/meta.yaml, tags/<key>
 *   mlruns/<experiment id>/<run id>/meta.yaml, params/<key>, tags/<key>, metrics/<key>, artifacts/
 *   mlruns/.trash/<experiment id>/…   deleted experiments, same layout
 *   mlruns/models/<name>/…            the model registry
 */

const META = 'meta.yaml';
const TRASH = '.trash';
/** Folders inside an experiment that are not runs (MLflow 2.x datasets, 3.x traces and logged models). */
const NOT_RUNS = new Set(['tags', 'datasets', 'traces', 'models']);
/** Folders in mlruns/ that are not experiments and deserve no warning. */
const NOT_EXPERIMENTS = new Set(['models']);

interface ExperimentDir {
  dir: string;
  experiment: ImportedExperiment;
}

function toExperiment(
  dir: string,
  meta: Meta,
  inTrash: boolean,
  warnings: string[],
): ImportedExperiment {
  const name = text(meta.name);
  if (name === null) throw new UserError(`${join(dir, META)} lacks the experiment's name`);
  return {
    // MLflow names the folder after the id; the folder wins only when meta.yaml has none.
    sourceId: text(meta.experiment_id) ?? basename(dir),
    name,
    deleted: inTrash || meta.lifecycle_stage === 'deleted',
    creationTime: millisOrNull(meta.creation_time),
    lastUpdateTime: millisOrNull(meta.last_update_time),
    tags: readValues(join(dir, 'tags'), (m) => warnings.push(m)),
  };
}

class FileStoreReader implements MlflowHistoryReader {
  readonly kind = 'mlflow-filestore' as const;
  readonly warnings: string[] = [];
  private readonly experimentDirs: ExperimentDir[] = [];
  private readonly runDirs = new Map<string, string>();
  private readonly registryDir: string | null;
  private readonly warn = (message: string) => void this.warnings.push(message);

  constructor(readonly root: string) {
    const metaFile = join(root, META);
    if (isFile(metaFile)) {
      // One experiment's folder on its own.
      const meta = readMeta(metaFile);
      if (text(meta.run_id) !== null || text(meta.run_uuid) !== null) {
        throw new UserError(
          `${root} is one MLflow run; point at its experiment's folder or the mlruns/ folder`,
        );
      }
      const inTrash = basename(dirname(root)) === TRASH;
      this.experimentDirs.push({
        dir: root,
        experiment: toExperiment(root, meta, inTrash, this.warnings),
      });
      this.registryDir = null;
      return;
    }
    this.addExperiments(root, false);
    const trash = join(root, TRASH);
    if (isDirectory(trash)) this.addExperiments(trash, true);
    if (this.experimentDirs.length === 0) {
      throw new UserError(
        `${root} is not an MLflow file store (no meta.yaml in it or in its sub-folders)`,
      );
    }
    this.registryDir = join(root, 'models');
  }

  private addExperiments(parent: string, inTrash: boolean): void {
    for (const name of subdirs(parent, this.warn)) {
      const dir = join(parent, name);
      const metaFile = join(dir, META);
      if (!isFile(metaFile)) {
        if (!NOT_EXPERIMENTS.has(name)) this.warn(`${dir}: no ${META}, not an experiment; skipped`);
        continue;
      }
      const experiment = toExperiment(dir, readMeta(metaFile), inTrash, this.warnings);
      this.experimentDirs.push({ dir, experiment });
    }
  }

  experiments(): ImportedExperiment[] {
    return this.experimentDirs.map((e) => e.experiment);
  }

  *runs(): Generator<ImportedRun> {
    for (const { dir, experiment } of this.experimentDirs) {
      for (const name of subdirs(dir, this.warn)) {
        if (NOT_RUNS.has(name)) continue;
        const runDir = join(dir, name);
        if (linksBack(runDir, dir)) {
          this.warn(`${runDir}: symlink loop, skipped`);
          continue;
        }
        if (!isFile(join(runDir, META))) {
          this.warn(`${runDir}: no ${META}, not a run; skipped`);
          continue;
        }
        yield this.readRun(runDir, experiment.sourceId);
      }
    }
  }

  private readRun(runDir: string, experimentSourceId: string): ImportedRun {
    const metaFile = join(runDir, META);
    const meta = readMeta(metaFile);
    // MLflow ≥1.x writes run_id; older stores only run_uuid; some write both.
    const sourceId = nonEmpty(meta.run_id) ?? nonEmpty(meta.run_uuid);
    if (sourceId === null)
      throw new UserError(`${metaFile} lacks the run's id (run_id or run_uuid)`);
    const status = statusFromCode(meta.status);
    if (status === null) {
      const found = meta.status === undefined ? 'no status' : `status ${clip(String(meta.status))}`;
      throw new UserError(
        `${metaFile} has ${found}; expected 1–5 or RUNNING, SCHEDULED, FINISHED, FAILED, KILLED`,
      );
    }
    const tags = readValues(join(runDir, 'tags'), this.warn);
    const artifacts = join(runDir, 'artifacts');
    if (this.runDirs.has(sourceId))
      this.warn(`run ${sourceId} appears twice; ${runDir} is the one read`);
    this.runDirs.set(sourceId, runDir);
    return {
      sourceId,
      // The store's folder decides the experiment: that is where MLflow itself lists the run.
      experimentSourceId,
      // MLflow 1.x wrote `name: ''` and kept the name only in the mlflow.runName tag.
      name: nonEmpty(meta.run_name) ?? nonEmpty(tags[RUN_NAME_TAG]) ?? nonEmpty(meta.name) ?? '',
      status,
      deleted: meta.lifecycle_stage === 'deleted',
      startTime: millisOrNull(meta.start_time),
      endTime: millisOrNull(meta.end_time),
      userId: nonEmpty(meta.user_id),
      parentRunId: tags[PARENT_RUN_TAG] ?? null,
      params: readValues(join(runDir, 'params'), this.warn),
      tags,
      metricKeys: listKeys(join(runDir, 'metrics'), this.warn),
      artifactsDir: isDirectory(artifacts) ? artifacts : null,
    };
  }

  points(run: ImportedRun, key: string): Iterable<ImportedPoint> {
    const runDir = this.runDirs.get(run.sourceId);
    if (runDir === undefined) throw new Error(`run ${run.sourceId} was not read from ${this.root}`);
    const metricsDir = join(runDir, 'metrics');
    const file = resolve(metricsDir, ...key.split('/'));
    if (!file.startsWith(metricsDir + sep)) {
      throw new UserError(`metric key ${clip(key)} is not a file in ${metricsDir}`);
    }
    return readMetricFile(file, key);
  }

  modelVersions(): ImportedModelVersion[] {
    if (this.registryDir === null || !isDirectory(this.registryDir)) return [];
    return readFileStoreRegistry(this.registryDir, this.warn);
  }

  registeredModels(): ImportedRegisteredModel[] {
    if (this.registryDir === null || !isDirectory(this.registryDir)) return [];
    return readFileStoreModels(this.registryDir, this.warn);
  }

  close(): void {
    // Nothing stays open: metric files are closed as each read ends.
  }
}

/** Opens an `mlruns/` folder (or one experiment's folder) for reading; a UserError when it is neither. */
export function openFileStore(path: string): MlflowHistoryReader {
  const root = resolve(path);
  let folder: boolean;
  try {
    folder = statSync(root).isDirectory();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT' ? `${root} does not exist` : `cannot read ${root}: ${code ?? String(e)}`,
    );
  }
  if (!folder)
    throw new UserError(
      `${root} is not an MLflow file store (no ${META}: it is a file, not a folder)`,
    );
  return new FileStoreReader(root);
}
