import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTrained, TrainParams, type ModelKind, type Task } from '../../../shared/domain.js';
import type { StoredDataset } from '../store/datasetsRepo.js';
import type { StoredVersion } from '../store/registryRepo.js';
import type { RunRecord } from '../store/runsRepo.js';
import type { Store } from '../store/store.js';
import { PreprocessSpec } from '../training/preprocessing/preprocessSpec.js';
import { UserError } from '../userError.js';
import { CHAMPION } from '../registry/registryService.js';

/** The version a pipeline challenges, and everything needed to train its like again. */
export interface Champion {
  version: StoredVersion;
  run: RunRecord & { model: ModelKind; target: string; dataset_id: number; task: Task };
  task: Task;
  params: Partial<TrainParams>;
  /** The columns the model reads (the target excluded). */
  features: string[];
  /** Its training data, when it is in this data directory. */
  dataset: StoredDataset | undefined;
}

/** A registered model's versions; an unknown name is the user's mistake. */
export function versionsOf(store: Store, model: string): StoredVersion[] {
  const versions = store.registry.list().filter((v) => v.model === model);
  if (versions.length === 0)
    throw new UserError(
      `no registered model named ${model}; register a run first (benchtop register --run ID --name ${model})`,
    );
  return versions;
}

/** The version holding the `champion` alias, else the latest. */
export function championVersion(store: Store, model: string): StoredVersion {
  const versions = versionsOf(store, model);
  return (
    versions.find((v) => v.aliases.includes(CHAMPION)) ??
    versions.reduce((a, b) => (b.version > a.version ? b : a))
  );
}

/** The champion now, or the version a pipeline started against (`versionId`) when it resumes. */
export function championOf(
  store: Store,
  artifactsDir: (runId: number) => string,
  model: string,
  versionId?: number | null,
): Champion {
  const pinned =
    versionId === null || versionId === undefined ? undefined : store.registry.get(versionId);
  const version = pinned ?? championVersion(store, model);
  const run = version.run_id === null ? undefined : store.runs.get(version.run_id);
  if (!run || !isTrained(run)) {
    throw new UserError(
      `${model} v${version.version} has no Benchtop training run in this data directory, so it cannot be retrained`,
    );
  }
  const dataset = store.datasets.get(run.dataset_id);
  const specFile = join(artifactsDir(run.id), 'preprocessing.json');
  const features = existsSync(specFile)
    ? PreprocessSpec.parse(JSON.parse(readFileSync(specFile, 'utf8'))).steps.map((s) => s.name)
    : (dataset?.columns ?? [])
        .filter((c) => c.name !== run.target && c.type !== 'text')
        .map((c) => c.name);
  return {
    version,
    run,
    task: run.task,
    params: TrainParams.partial().parse(store.params.forRun(run.id)),
    features,
    dataset,
  };
}
