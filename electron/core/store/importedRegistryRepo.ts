import type { Stage } from '../../../shared/api/registry.js';
import type { Db } from './db.js';
import { keepNonFinite, type VersionSource } from './registryRepo.js';

/**
 * The registry writes of an import from another tracker: a model with its own creation time,
 * a version under the number it had there (Benchtop's own versions take max + 1), and finding
 * again what an earlier import brought in by the tags it left on the version.
 */
export function createImportedRegistryRepo(db: Db) {
  const insertModel = db.prepare<[string, string, string, string]>(
    'INSERT INTO models (name, description, created_at, updated_at) VALUES (?, ?, ?, ?)',
  );
  const insertVersion = db.prepare<
    [
      {
        uid: string;
        model_id: number;
        version: number;
        run_id: number | null;
        stage: Stage;
        note: string;
        source: string;
        source_uri: string;
        created_at: string;
      },
    ]
  >(
    `INSERT INTO model_versions (uid, model_id, version, run_id, dataset_id, parent_id, stage, note, source, source_uri, created_at, updated_at)
     VALUES (@uid, @model_id, @version, @run_id, NULL, NULL, @stage, @note, @source, @source_uri, @created_at, @created_at)`,
  );
  // Deleted versions count: their numbers stay taken, as in MLflow and registryRepo.
  const taken = db
    .prepare<[number, number], number>(
      'SELECT 1 FROM model_versions WHERE model_id = ? AND version = ?',
    )
    .pluck();
  const lastVersion = db
    .prepare<[number], number | null>('SELECT max(version) FROM model_versions WHERE model_id = ?')
    .pluck();
  // Live before deleted; a deleted model's versions count too, so what was deleted stays deleted.
  const imported = db.prepare<
    [{ model: string; key: string; value: string; runKey: string; run: string | null }],
    { id: number; deleted: number }
  >(
    `SELECT v.id, (v.deleted_at IS NOT NULL OR m.deleted_at IS NOT NULL) AS deleted
     FROM model_versions v JOIN models m ON m.id = v.model_id
     JOIN model_version_tags t ON t.version_id = v.id AND t.key = @key AND t.value = @value
     LEFT JOIN model_version_tags r ON r.version_id = v.id AND r.key = @runKey
     WHERE m.name = @model AND r.value IS @run
     ORDER BY deleted, v.id LIMIT 1`,
  );

  return {
    insertModel: (name: string, description: string, createdAt: string): number =>
      Number(insertModel.run(name, description, createdAt, createdAt).lastInsertRowid),
    versionTaken: (modelId: number, version: number): boolean =>
      taken.get(modelId, version) !== undefined,
    nextVersion: (modelId: number): number => (lastVersion.get(modelId) ?? 0) + 1,
    /** A version under a number the caller chose (check `versionTaken` first: numbers are unique per model). */
    insertVersion(v: {
      uid: string;
      model_id: number;
      version: number;
      run_id: number | null;
      stage: Stage;
      note: string;
      source: VersionSource;
      source_uri: string;
      created_at: string;
    }): number {
      return Number(
        insertVersion.run({ ...v, source: JSON.stringify(v.source, keepNonFinite) })
          .lastInsertRowid,
      );
    },
    /**
     * The version of model `model` carrying tag `tag` and, on `runTag.key`, the value `runTag.value`
     * (null: no such tag), live or deleted.
     */
    findImported(
      model: string,
      tag: { key: string; value: string },
      runTag: { key: string; value: string | null },
    ) {
      const row = imported.get({
        model,
        key: tag.key,
        value: tag.value,
        runKey: runTag.key,
        run: runTag.value,
      });
      return row && { id: row.id, deleted: row.deleted === 1 };
    },
  };
}
export type ImportedRegistryRepo = ReturnType<typeof createImportedRegistryRepo>;
