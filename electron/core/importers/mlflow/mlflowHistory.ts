/**
 * One normalized model of existing MLflow history, whichever store it was read from (an
 * `mlruns/` file store or an `mlflow.db`). Readers only read: nothing here writes anywhere.
 */

export const RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'] as const;
export type ImportedRunStatus = (typeof RUN_STATUSES)[number];

export interface ImportedExperiment {
  /** MLflow's experiment id, always a string: file-store ids can be 18 digits. */
  sourceId: string;
  name: string;
  deleted: boolean;
  creationTime: number | null;
  lastUpdateTime: number | null;
  tags: Record<string, string>;
}

export interface ImportedRun {
  /** The MLflow run id. */
  sourceId: string;
  experimentSourceId: string;
  /** '' when the store names the run nowhere (no run_name, no mlflow.runName tag). */
  name: string;
  status: ImportedRunStatus;
  deleted: boolean;
  startTime: number | null;
  endTime: number | null;
  userId: string | null;
  parentRunId: string | null;
  params: Record<string, string>;
  tags: Record<string, string>;
  metricKeys: string[];
  /**
   * Where the run's artifacts are on THIS machine (the folder beside meta.yaml, whatever
   * artifact_uri says: stores are often copied from another machine); null if there is none.
   */
  artifactsDir: string | null;
}

export interface ImportedPoint {
  key: string;
  step: number;
  /** Epoch milliseconds. */
  timestamp: number;
  /** NaN and ±Infinity are kept as they were logged. */
  value: number;
}

export interface ImportedModelVersion {
  model: string;
  version: number;
  runSourceId: string | null;
  source: string;
  aliases: string[];
  /** MLflow's stage name as stored ('None', 'Staging', 'Production', 'Archived'). */
  stage: string;
  description: string;
  creationTime: number;
  tags: Record<string, string>;
  /** Where MLflow resolved `source` to when it registered the version (MLflow 2.x+), if it says. */
  storageLocation: string | null;
  /** Where the version's files are on THIS machine, looked for beside the store; null when not there. */
  files: ModelFiles | null;
}

/** A version's files found beside the store, and what they are part of there. */
export interface ModelFiles {
  /** A folder (a model) or a single file. */
  path: string;
  /** Their place inside the artifacts of the version's own run ('' for the whole folder), when they are there. */
  inRun: string | null;
  /** The MLflow 3 logged model (`m-…`) whose artifacts they are, when they are one. */
  loggedModelId: string | null;
}

/** A registered model as a name with a description and tags; it may have no versions. */
export interface ImportedRegisteredModel {
  name: string;
  description: string;
  tags: Record<string, string>;
  creationTime: number | null;
}

export type MlflowSourceKind = 'mlflow-filestore' | 'mlflow-sqlite';

export interface MlflowHistoryReader {
  kind: MlflowSourceKind;
  experiments(): ImportedExperiment[];
  /** Lazily, so a store with many runs is never held in memory at once. */
  runs(): Iterable<ImportedRun>;
  /**
   * Every point of one metric: in logging (file) order for the file store, ordered by
   * (step, timestamp, value) for SQLite, which keeps no logging order.
   */
  points(run: ImportedRun, key: string): Iterable<ImportedPoint>;
  modelVersions(): ImportedModelVersion[];
  /** Every registered model, those without versions too. */
  registeredModels(): ImportedRegisteredModel[];
  /** Things skipped or guessed while reading (unreadable files, unknown schema versions). */
  readonly warnings: string[];
  close(): void;
}

/** MLflow's parent-run tag: nested runs carry their parent's id here in both stores. */
export const PARENT_RUN_TAG = 'mlflow.parentRunId';
/** MLflow's run-name tag, the only name older stores have. */
export const RUN_NAME_TAG = 'mlflow.runName';

/** MLflow's file store writes run status as the RunStatus enum's integer. */
export function statusFromCode(code: unknown): ImportedRunStatus | null {
  if (typeof code === 'number' || typeof code === 'bigint') {
    const n = Number(code);
    return Number.isInteger(n) && n >= 1 && n <= 5 ? (RUN_STATUSES[n - 1] ?? null) : null;
  }
  if (typeof code === 'string') {
    const upper = code.trim().toUpperCase();
    return (RUN_STATUSES as readonly string[]).includes(upper)
      ? (upper as ImportedRunStatus)
      : null;
  }
  return null;
}

/** Epoch-millisecond fields arrive as numbers, bigints (YAML) or digit strings; anything else is "not known". */
export function millisOrNull(v: unknown): number | null {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return null;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Quotes untrusted text for a one-line message: control characters flattened, long text cut. */
export function clip(text: string, max = 60): string {
  const flat = text.slice(0, 2 * max + 2).replace(CONTROL, ' ');
  const chars = Array.from(flat);
  return JSON.stringify(chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join(''));
}
