import Database from 'better-sqlite3';
import { UserError } from '../userError.js';
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
} from '../importers/mlflow/mlflowHistory.js';

/**
 * Reads someone else's MLflow tracking database (`mlflow.db`, schema 1.x–3.x). Opened read-only
 * and never migrated: the file must be byte-identical afterwards. Queries name only the columns
 * the file has (PRAGMA table_info), so older and newer schemas read as far as they are known.
 */

/**
 * Alembic revisions of MLflow releases (1.x to 3.x) whose tables this reader was checked against.
 * Another revision still reads (columns are looked up, not assumed) but says so in a warning.
 */
// Every alembic revision of MLflow 1.x to 3.6 (mlflow/store/db_migrations/versions).
const KNOWN_SCHEMAS = new Set(
  (
    '0584bdc529eb 0a8213491aaa 0c779009ac13 181f10493468 1a0cddfcaa16 1b5f0d9ad7c1 27a6a02d2cf1 ' +
    '2b4d017a5e9b 2d6e25af4d3e 3500859a5d39 39d1c3be5f05 3da73c924c2f 400f98739977 4465047574b1 ' +
    '451aebb31d03 534353b11cbc 5b0e9adcef9c 6953534de441 71994744cf8e 728d730b5ebd 770bee3ae1dd ' +
    '7ac759974ad8 7f2a7d5fae7d 84291f40a231 867495a8f9d4 89d4b8295536 90e64c465722 97727af70f4d ' +
    'a1b2c3d4e5f6 a8c4a736bde6 acf3f17fdcc7 bd07f7e963c5 bda7b8c39065 bf29a5ff90ea c48cb773bb87 ' +
    'cbc13b556ace cc1f77228345 cfd24bdc0731 de4033877273 df50e92ffc5e f5a4f2784254'
  ).split(' '),
);

/** MLflow stores +inf/-inf as ±DBL_MAX (SQL has no infinity); they are read back as what was logged. */
const DBL_MAX = 1.7976931348623157e308;
/** The stage MLflow gives a deleted model version it keeps in the table. */
const DELETED_STAGE = 'Deleted_Internal';

type Row = Record<string, unknown>;
export type MlflowDbRun = Omit<ImportedRun, 'artifactsDir'> & { artifactUri: string | null };
/** A version as its row has it; tags, storage location and files come from `modelVersionExtras` and the reader. */
export type MlflowDbModelVersion = Omit<ImportedModelVersion, 'tags' | 'storageLocation' | 'files'>;
export type MlflowDbVersionExtras = Pick<ImportedModelVersion, 'tags' | 'storageLocation'>;

const str = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
const nonEmpty = (v: unknown): string | null => {
  const s = str(v);
  return s === null || s === '' ? null : s;
};
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export class MlflowDb {
  readonly warnings: string[] = [];
  readonly alembicVersion: string | null;
  private readonly tables: Set<string>;
  private readonly columns = new Map<string, Set<string>>();
  private readonly reading = new Set<IterableIterator<Row>>();

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {
    this.tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Row[]).map((r) =>
        String(r.name),
      ),
    );
    if (!this.tables.has('alembic_version')) {
      throw new UserError(`${path} is not an MLflow database (no alembic_version table)`);
    }
    for (const [table, needed] of [
      ['experiments', ['experiment_id', 'name']],
      ['runs', ['run_uuid', 'experiment_id', 'status']],
    ] as const) {
      const missing = needed.filter((c) => !this.has(table, c));
      if (missing.length > 0) {
        throw new UserError(
          `${path} is not an MLflow database (table ${table} lacks ${missing.join(', ')})`,
        );
      }
    }
    const version = db.prepare('SELECT version_num FROM alembic_version').pluck().get();
    this.alembicVersion = typeof version === 'string' ? version : null;
    if (this.alembicVersion === null || !KNOWN_SCHEMAS.has(this.alembicVersion)) {
      const which =
        this.alembicVersion === null
          ? 'no schema version'
          : `schema version ${this.alembicVersion}`;
      this.warnings.push(
        `${path} has ${which}, which this reader does not know; read the tables and columns it recognises`,
      );
    }
  }

  /** Opens the file read-only; a one-line UserError when it is not an MLflow database. */
  static open(path: string, options: { nativeBinding?: string } = {}): MlflowDb {
    let db: Database.Database;
    try {
      db = new Database(path, { readonly: true, fileMustExist: true, ...options });
    } catch (e) {
      throw new UserError(`cannot open ${path}: ${e instanceof Error ? e.message : String(e)}`);
    }
    try {
      return new MlflowDb(db, path);
    } catch (e) {
      db.close();
      if ((e as { code?: string }).code === 'SQLITE_NOTADB')
        throw new UserError(`${path} is not an SQLite database`);
      if (e instanceof UserError) throw e;
      throw new UserError(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private columnsOf(table: string): Set<string> {
    let cols = this.columns.get(table);
    if (cols === undefined) {
      cols = this.tables.has(table)
        ? new Set(
            (this.db.prepare(`PRAGMA table_info(${quote(table)})`).all() as Row[]).map((r) =>
              String(r.name),
            ),
          )
        : new Set();
      this.columns.set(table, cols);
    }
    return cols;
  }

  private has(table: string, column: string): boolean {
    return this.columnsOf(table).has(column);
  }

  /** A select list naming only columns the table has; the rest read as NULL. */
  private select(table: string, wanted: readonly string[]): string {
    return wanted.map((c) => (this.has(table, c) ? quote(c) : `NULL AS ${quote(c)}`)).join(', ');
  }

  private keyValues(table: string, idColumn: string, id: string): Record<string, string> {
    if (!this.has(table, 'key') || !this.has(table, idColumn)) return {};
    const rows = this.db
      .prepare(
        `SELECT key, ${this.select(table, ['value'])} FROM ${quote(table)} WHERE ${quote(idColumn)} = ? ORDER BY key`,
      )
      .all(id) as Row[];
    // fromEntries, not assignment: a key named __proto__ must stay a key.
    return Object.fromEntries(rows.map((r) => [String(r.key), str(r.value) ?? '']));
  }

  experiments(): ImportedExperiment[] {
    const cols = this.select('experiments', [
      'name',
      'lifecycle_stage',
      'creation_time',
      'last_update_time',
    ]);
    const rows = this.db
      .prepare(
        `SELECT CAST(experiment_id AS TEXT) AS id, ${cols} FROM experiments ORDER BY experiment_id`,
      )
      .all() as Row[];
    return rows.map((r) => ({
      sourceId: String(r.id),
      name: str(r.name) ?? '',
      deleted: r.lifecycle_stage === 'deleted',
      creationTime: millisOrNull(r.creation_time),
      lastUpdateTime: millisOrNull(r.last_update_time),
      tags: this.keyValues('experiment_tags', 'experiment_id', String(r.id)),
    }));
  }

  /** Runs one at a time: the run list is small, each run's params and tags are fetched as it is reached. */
  *runs(): Generator<MlflowDbRun> {
    const cols = this.select('runs', [
      'name',
      'status',
      'lifecycle_stage',
      'start_time',
      'end_time',
      'user_id',
      'artifact_uri',
    ]);
    const rows = this.db
      .prepare(
        `SELECT run_uuid, CAST(experiment_id AS TEXT) AS experiment_id, ${cols} FROM runs ` +
          `ORDER BY experiment_id, ${this.has('runs', 'start_time') ? 'start_time, ' : ''}run_uuid`,
      )
      .all() as Row[];
    const hasMetrics = this.has('metrics', 'key') && this.has('metrics', 'run_uuid');
    const metricKeys = hasMetrics
      ? this.db.prepare('SELECT DISTINCT key FROM metrics WHERE run_uuid = ? ORDER BY key').pluck()
      : null;
    for (const r of rows) {
      const sourceId = String(r.run_uuid);
      const status = statusFromCode(r.status);
      if (status === null) {
        throw new UserError(
          `${this.path}: run ${sourceId} has status ${clip(String(r.status))}, not an MLflow run status`,
        );
      }
      const tags = this.keyValues('tags', 'run_uuid', sourceId);
      yield {
        sourceId,
        experimentSourceId: String(r.experiment_id),
        name: nonEmpty(r.name) ?? nonEmpty(tags[RUN_NAME_TAG]) ?? '',
        status,
        deleted: r.lifecycle_stage === 'deleted',
        startTime: millisOrNull(r.start_time),
        endTime: millisOrNull(r.end_time),
        userId: nonEmpty(r.user_id),
        parentRunId: tags[PARENT_RUN_TAG] ?? null,
        params: this.keyValues('params', 'run_uuid', sourceId),
        tags,
        metricKeys: metricKeys === null ? [] : (metricKeys.all(sourceId) as unknown[]).map(String),
        artifactUri: nonEmpty(r.artifact_uri),
      };
    }
  }

  /** The full history of one metric (the metrics table, never latest_metrics), by (step, timestamp, value). */
  *metricPoints(runId: string, key: string): Generator<ImportedPoint> {
    if (!this.has('metrics', 'key') || !this.has('metrics', 'run_uuid')) return;
    const step = this.has('metrics', 'step') ? 'step' : '0 AS step';
    const isNan = this.has('metrics', 'is_nan') ? 'is_nan' : '0 AS is_nan';
    // A fresh statement per history, so two histories can be read side by side.
    const rows = this.db
      .prepare(
        // `+key`: SQLite would otherwise pick MLflow's key-first primary key and scan that key in every run.
        `SELECT ${step}, timestamp, value, ${isNan} FROM metrics WHERE run_uuid = ? AND +key = ? ` +
          `ORDER BY ${this.has('metrics', 'step') ? 'step, ' : ''}timestamp, value`,
      )
      .iterate(runId, key) as IterableIterator<Row>;
    this.reading.add(rows);
    try {
      for (const r of rows) {
        const raw = typeof r.value === 'number' ? r.value : null;
        // Before is_nan existed, MLflow stored NaN as NULL.
        let value = raw === null || Number(r.is_nan) === 1 ? NaN : raw;
        if (value === DBL_MAX) value = Infinity;
        else if (value === -DBL_MAX) value = -Infinity;
        yield { key, step: Number(r.step ?? 0), timestamp: Number(r.timestamp ?? 0), value };
      }
    } finally {
      this.reading.delete(rows);
    }
  }

  modelVersions(): MlflowDbModelVersion[] {
    if (!this.has('model_versions', 'name') || !this.has('model_versions', 'version')) return [];
    const aliases = new Map<string, string[]>();
    if (this.has('registered_model_aliases', 'alias')) {
      const rows = this.db
        .prepare('SELECT name, version, alias FROM registered_model_aliases ORDER BY alias')
        .all() as Row[];
      for (const r of rows) {
        const id = `${String(r.name)}\u0000${String(r.version)}`;
        aliases.set(id, [...(aliases.get(id) ?? []), String(r.alias)]);
      }
    }
    const cols = this.select('model_versions', [
      'run_id',
      'source',
      'current_stage',
      'description',
      'creation_time',
    ]);
    const rows = this.db
      .prepare(`SELECT name, version, ${cols} FROM model_versions ORDER BY name, version`)
      .all() as Row[];
    return rows
      .filter((r) => r.current_stage !== DELETED_STAGE)
      .map((r) => ({
        model: String(r.name),
        version: Number(r.version),
        runSourceId: nonEmpty(r.run_id),
        source: str(r.source) ?? '',
        aliases: aliases.get(`${String(r.name)}\u0000${String(r.version)}`) ?? [],
        stage: nonEmpty(r.current_stage) ?? 'None',
        description: str(r.description) ?? '',
        creationTime: millisOrNull(r.creation_time) ?? 0,
      }));
  }

  /** Every registered model with its description and tags, those without versions too. */
  registeredModels(): ImportedRegisteredModel[] {
    if (!this.has('registered_models', 'name')) return [];
    const cols = this.select('registered_models', ['description', 'creation_time']);
    const rows = this.db
      .prepare(`SELECT name, ${cols} FROM registered_models ORDER BY name`)
      .all() as Row[];
    return rows.map((r) => ({
      name: String(r.name),
      description: str(r.description) ?? '',
      tags: this.keyValues('registered_model_tags', 'name', String(r.name)),
      creationTime: millisOrNull(r.creation_time),
    }));
  }

  /**
   * What a version has beyond its row's basics, by `${name}\u0000${version}`: its tags and, from
   * MLflow 2.x on, the storage location its source resolved to when it was registered.
   */
  modelVersionExtras(): Map<string, MlflowDbVersionExtras> {
    const extras = new Map<string, MlflowDbVersionExtras>();
    if (!this.has('model_versions', 'name') || !this.has('model_versions', 'version'))
      return extras;
    const id = (r: Row) => `${String(r.name)}\u0000${String(r.version)}`;
    const rows = this.db
      .prepare(
        `SELECT name, version, ${this.select('model_versions', ['storage_location'])} FROM model_versions`,
      )
      .all() as Row[];
    for (const r of rows)
      extras.set(id(r), { tags: {}, storageLocation: nonEmpty(r.storage_location) });
    const tagged = ['name', 'version', 'key'].every((c) => this.has('model_version_tags', c));
    if (tagged) {
      const tags = this.db
        .prepare(
          `SELECT name, version, key, ${this.select('model_version_tags', ['value'])} FROM model_version_tags ORDER BY key`,
        )
        .all() as Row[];
      for (const t of tags) {
        const entry = extras.get(id(t));
        // defineProperty, not assignment: a key named __proto__ must stay a key.
        if (entry)
          Object.defineProperty(entry.tags, String(t.key), {
            value: str(t.value) ?? '',
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
    }
    return extras;
  }

  /** Where one run's artifacts were logged to, for finding a registered version's files; null if no such run. */
  runLocation(
    runId: string,
  ): { sourceId: string; experimentSourceId: string; artifactUri: string | null } | null {
    const row = this.db
      .prepare(
        `SELECT CAST(experiment_id AS TEXT) AS experiment_id, ${this.select('runs', ['artifact_uri'])} FROM runs WHERE run_uuid = ?`,
      )
      .get(runId) as Row | undefined;
    if (row === undefined) return null;
    return {
      sourceId: runId,
      experimentSourceId: String(row.experiment_id),
      artifactUri: nonEmpty(row.artifact_uri),
    };
  }

  close(): void {
    // A history left half-read keeps its statement busy, and SQLite will not close under it.
    for (const rows of this.reading) rows.return?.();
    this.reading.clear();
    if (this.db.open) this.db.close();
  }
}
