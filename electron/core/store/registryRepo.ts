import { z } from 'zod';
import { ParamValue } from '../../../shared/domain.js';
import type { ModelVersion, Stage } from '../../../shared/api/registry.js';
import type { Db } from './db.js';

/** JSON has no ±∞ or NaN (stringify writes null): a version's metrics keep them as these strings. */
const NonFinite = z.enum(['Infinity', '-Infinity', 'NaN']).transform(Number);
const SnapshotNumber = z.union([z.number(), NonFinite, z.null().transform(() => NaN)]);
export const keepNonFinite = (_key: string, value: unknown): unknown =>
  typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;

/** What a version keeps of where it came from, so it stands on its own (also after a bundle import). */
export const VersionSource = z.object({
  run: z.object({
    params: z.record(z.string(), ParamValue),
    metrics: z.record(z.string(), SnapshotNumber),
  }),
  dataset: z.object({ name: z.string(), version: z.number().int(), hash: z.string() }).nullable(),
  /** The uid of the parent version, so lineage survives a move between installs. */
  parent_uid: z.string().nullable(),
});
export type VersionSource = z.infer<typeof VersionSource>;

interface VersionRow {
  id: number;
  uid: string;
  model: string;
  model_id: number;
  version: number;
  run_id: number | null;
  run_uid: string | null;
  parent_id: number | null;
  dataset_id: number | null;
  stage: Stage;
  note: string;
  card: string;
  source: string;
  source_uri: string;
  created_at: string;
  updated_at: string;
}
export interface StoredVersion extends ModelVersion {
  uid: string;
  model_id: number;
  card: string;
  source: VersionSource;
}
export interface StoredModel {
  id: number;
  name: string;
  description: string;
  tags: Record<string, string>;
  created_at: string;
  updated_at: string;
}

/**
 * Deleted models and versions stay as tombstones (`deleted_at`): every read here skips them,
 * except where a uid or a version number must stay unique.
 */
const SELECT = `SELECT v.id, v.uid, m.name AS model, v.model_id, v.version, v.run_id, r.uid AS run_uid, v.parent_id, v.dataset_id,
  v.stage, v.note, v.card, v.source, v.source_uri, v.created_at, coalesce(v.updated_at, v.created_at) AS updated_at
  FROM model_versions v JOIN models m ON m.id = v.model_id LEFT JOIN runs r ON r.id = v.run_id`;
const LIVE = 'v.deleted_at IS NULL AND m.deleted_at IS NULL';
const now = () => new Date().toISOString();

export function createRegistryRepo(db: Db) {
  const modelId = db.prepare<[string], { id: number }>(
    'SELECT id FROM models WHERE name = ? AND deleted_at IS NULL',
  );
  const insertModel = db.prepare<[string, string, string, string]>(
    'INSERT INTO models (name, description, created_at, updated_at) VALUES (?, ?, ?, ?)',
  );
  const models = db.prepare<[], Omit<StoredModel, 'tags'>>(
    'SELECT id, name, description, created_at, updated_at FROM models WHERE deleted_at IS NULL ORDER BY name',
  );
  const modelByName = db.prepare<[string], Omit<StoredModel, 'tags'>>(
    'SELECT id, name, description, created_at, updated_at FROM models WHERE name = ? AND deleted_at IS NULL',
  );
  const touchModel = db.prepare<[string, number]>('UPDATE models SET updated_at = ? WHERE id = ?');
  const describeModel = db.prepare<[string, string, number]>(
    'UPDATE models SET description = ?, updated_at = ? WHERE id = ?',
  );
  const renameModel = db.prepare<[string, string, number]>(
    'UPDATE models SET name = ?, updated_at = ? WHERE id = ?',
  );
  const deleteModel = db.prepare<[string, number]>('UPDATE models SET deleted_at = ? WHERE id = ?');
  const modelTags = db.prepare<[number], { key: string; value: string }>(
    'SELECT key, value FROM model_tags WHERE model_id = ? ORDER BY key',
  );
  const allModelTags = db.prepare<[], { model_id: number; key: string; value: string }>(
    'SELECT model_id, key, value FROM model_tags ORDER BY key',
  );
  const setModelTag = db.prepare<[number, string, string]>(
    'INSERT OR REPLACE INTO model_tags (model_id, key, value) VALUES (?, ?, ?)',
  );
  const unsetModelTag = db.prepare<[number, string]>(
    'DELETE FROM model_tags WHERE model_id = ? AND key = ?',
  );

  // Deleted versions count: a number once given is never given again (as in MLflow).
  const lastVersion = db.prepare<[number], { v: number | null }>(
    'SELECT max(version) AS v FROM model_versions WHERE model_id = ?',
  );
  const insertVersion = db.prepare(
    `INSERT INTO model_versions (uid, model_id, version, run_id, dataset_id, parent_id, note, source, source_uri, created_at, updated_at)
     VALUES (@uid, @model_id, @version, @run_id, @dataset_id, @parent_id, @note, @source, @source_uri, @created_at, @created_at)`,
  );
  const byId = db.prepare<[number], VersionRow>(`${SELECT} WHERE v.id = ? AND ${LIVE}`);
  const byUid = db.prepare<[string], VersionRow>(`${SELECT} WHERE v.uid = ? AND ${LIVE}`);
  const uidDeleted = db.prepare<[string], { deleted: number }>(
    'SELECT (v.deleted_at IS NOT NULL OR m.deleted_at IS NOT NULL) AS deleted FROM model_versions v JOIN models m ON m.id = v.model_id WHERE v.uid = ?',
  );
  const byNumber = db.prepare<[string, number], VersionRow>(
    `${SELECT} WHERE m.name = ? AND v.version = ? AND ${LIVE}`,
  );
  const all = db.prepare<[], VersionRow>(`${SELECT} WHERE ${LIVE} ORDER BY m.name, v.version`);
  const ofModel = db.prepare<[number], VersionRow>(
    `${SELECT} WHERE v.model_id = ? AND ${LIVE} ORDER BY v.version`,
  );
  const children = db.prepare<[number], { id: number }>(
    'SELECT id FROM model_versions WHERE parent_id = ? AND deleted_at IS NULL ORDER BY version',
  );
  const aliasesOf = db.prepare<[number], { alias: string }>(
    'SELECT alias FROM model_aliases WHERE version_id = ? ORDER BY alias',
  );
  const allAliases = db.prepare<[], { version_id: number; alias: string }>(
    'SELECT version_id, alias FROM model_aliases ORDER BY alias',
  );
  const aliasHolder = db.prepare<[number, string], { version_id: number }>(
    'SELECT version_id FROM model_aliases WHERE model_id = ? AND alias = ?',
  );
  const setAlias = db.prepare<[number, string, number]>(
    'INSERT OR REPLACE INTO model_aliases (model_id, alias, version_id) VALUES (?, ?, ?)',
  );
  const unsetAlias = db.prepare<[number, string]>(
    'DELETE FROM model_aliases WHERE model_id = ? AND alias = ?',
  );
  const setStage = db.prepare<[Stage, string, number]>(
    'UPDATE model_versions SET stage = ?, updated_at = ? WHERE id = ?',
  );
  const setNote = db.prepare<[string, string, number]>(
    'UPDATE model_versions SET note = ?, updated_at = ? WHERE id = ?',
  );
  const touchVersionsOf = db.prepare<[string, number]>(
    'UPDATE model_versions SET updated_at = ? WHERE model_id = ? AND deleted_at IS NULL',
  );
  const deleteVersion = db.prepare<[string, string, number]>(
    'UPDATE model_versions SET deleted_at = ?, updated_at = ? WHERE id = ?',
  );
  const setCard = db.prepare<[string, number]>('UPDATE model_versions SET card = ? WHERE id = ?');
  const versionTags = db.prepare<[number], { key: string; value: string }>(
    'SELECT key, value FROM model_version_tags WHERE version_id = ? ORDER BY key',
  );
  const allVersionTags = db.prepare<[], { version_id: number; key: string; value: string }>(
    'SELECT version_id, key, value FROM model_version_tags ORDER BY key',
  );
  const setVersionTag = db.prepare<[number, string, string]>(
    'INSERT OR REPLACE INTO model_version_tags (version_id, key, value) VALUES (?, ?, ?)',
  );
  const unsetVersionTag = db.prepare<[number, string]>(
    'DELETE FROM model_version_tags WHERE version_id = ? AND key = ?',
  );
  const addHistory = db.prepare<[number, string, string, string, string]>(
    'INSERT INTO registry_history (version_id, action, detail, reason, at) VALUES (?, ?, ?, ?, ?)',
  );
  const historyOf = db.prepare<
    [number],
    { action: string; detail: string; reason: string; at: string }
  >('SELECT action, detail, reason, at FROM registry_history WHERE version_id = ? ORDER BY id');
  const aliasMoves = db.prepare<[number, string], { version_id: number }>(
    `SELECT h.version_id FROM registry_history h JOIN model_versions v ON v.id = h.version_id
     WHERE v.model_id = ? AND v.deleted_at IS NULL AND h.action = 'alias set' AND h.detail = ? ORDER BY h.id DESC`,
  );

  const grouped = <K extends string>(
    rows: ({ key: string; value: string } & Record<K, number>)[],
    by: K,
  ) => {
    const map = new Map<number, Record<string, string>>();
    for (const r of rows) {
      let tags = map.get(r[by]);
      if (!tags) map.set(r[by], (tags = {}));
      tags[r.key] = r.value;
    }
    return map;
  };
  const tagRecord = (rows: { key: string; value: string }[]) =>
    Object.fromEntries(rows.map((t) => [t.key, t.value]));
  const aliasMap = () => {
    const map = new Map<number, string[]>();
    for (const r of allAliases.all())
      map.set(r.version_id, [...(map.get(r.version_id) ?? []), r.alias]);
    return map;
  };
  const toVersion = (
    row: VersionRow,
    aliases: string[],
    tags: Record<string, string>,
  ): StoredVersion => {
    const source = VersionSource.parse(JSON.parse(row.source));
    return {
      ...row,
      aliases,
      tags,
      source,
      metrics: source.run.metrics,
      params: source.run.params,
    };
  };
  const one = (row: VersionRow | undefined) =>
    row &&
    toVersion(
      row,
      aliasesOf.all(row.id).map((a) => a.alias),
      tagRecord(versionTags.all(row.id)),
    );
  const many = (rows: VersionRow[]) => {
    const aliases = aliasMap();
    const tags = grouped(allVersionTags.all(), 'version_id');
    return rows.map((row) => toVersion(row, aliases.get(row.id) ?? [], tags.get(row.id) ?? {}));
  };

  return {
    /** Every live model, versions or not (a model registered from a script exists before its first version). */
    models(): StoredModel[] {
      const tags = grouped(allModelTags.all(), 'model_id');
      return models.all().map((m) => ({ ...m, tags: tags.get(m.id) ?? {} }));
    },
    model(name: string): StoredModel | undefined {
      const m = modelByName.get(name);
      return m && { ...m, tags: tagRecord(modelTags.all(m.id)) };
    },
    ensureModel(name: string): number {
      return (
        modelId.get(name)?.id ?? Number(insertModel.run(name, '', now(), now()).lastInsertRowid)
      );
    },
    insertModel(name: string, description: string): number {
      const at = now();
      return Number(insertModel.run(name, description, at, at).lastInsertRowid);
    },
    touchModel: (id: number) => void touchModel.run(now(), id),
    describeModel: (id: number, description: string) =>
      void describeModel.run(description, now(), id),
    /** Renames a live model; its versions count as changed too (as MLflow's do). */
    renameModel(id: number, name: string): void {
      const at = now();
      renameModel.run(name, at, id);
      touchVersionsOf.run(at, id);
    },
    deleteModel: (id: number) => void deleteModel.run(now(), id),
    setModelTag: (id: number, key: string, value: string) => void setModelTag.run(id, key, value),
    unsetModelTag: (id: number, key: string) => void unsetModelTag.run(id, key),

    insertVersion(v: {
      uid: string;
      model_id: number;
      run_id: number | null;
      dataset_id: number | null;
      parent_id: number | null;
      note: string;
      source: VersionSource;
      source_uri?: string;
    }): number {
      const version = (lastVersion.get(v.model_id)?.v ?? 0) + 1;
      return Number(
        insertVersion.run({
          ...v,
          version,
          source: JSON.stringify(v.source, keepNonFinite),
          source_uri: v.source_uri ?? '',
          created_at: now(),
        }).lastInsertRowid,
      );
    },
    get: (id: number): StoredVersion | undefined => one(byId.get(id)),
    byUid: (uid: string): StoredVersion | undefined => one(byUid.get(uid)),
    /** Whether a version with this uid was deleted (its tombstone still holds the uid). */
    uidDeleted: (uid: string): boolean => uidDeleted.get(uid)?.deleted === 1,
    find: (model: string, version: number): StoredVersion | undefined =>
      one(byNumber.get(model, version)),
    list: (): StoredVersion[] => many(all.all()),
    versionsOf: (modelId: number): StoredVersion[] => many(ofModel.all(modelId)),
    children: (id: number) => children.all(id).map((r) => r.id),
    aliasHolder: (modelId: number, alias: string) => aliasHolder.get(modelId, alias)?.version_id,
    setAlias: (modelId: number, alias: string, versionId: number) =>
      void setAlias.run(modelId, alias, versionId),
    unsetAlias: (modelId: number, alias: string) => void unsetAlias.run(modelId, alias),
    setStage: (id: number, stage: Stage) => void setStage.run(stage, now(), id),
    setNote: (id: number, note: string) => void setNote.run(note, now(), id),
    deleteVersion(id: number): void {
      const at = now();
      deleteVersion.run(at, at, id);
    },
    setCard: (id: number, card: string) => void setCard.run(card, id),
    setVersionTag: (id: number, key: string, value: string) =>
      void setVersionTag.run(id, key, value),
    unsetVersionTag: (id: number, key: string) => void unsetVersionTag.run(id, key),
    addHistory: (id: number, action: string, detail: string, reason = '') =>
      void addHistory.run(id, action, detail, reason, now()),
    history: (id: number) => historyOf.all(id),
    /** Live versions that received `alias`, most recent first (for roll back). */
    aliasMoves: (modelId: number, alias: string) =>
      aliasMoves.all(modelId, alias).map((r) => r.version_id),
  };
}
export type RegistryRepo = ReturnType<typeof createRegistryRepo>;
