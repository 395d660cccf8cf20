import { z } from 'zod';
import { ParamValue } from '../../../shared/domain.js';
import type { ModelVersion, Stage } from '../../../shared/registryApi.js';
import type { Db } from './db.js';

/** What a version keeps of where it came from, so it stands on its own (also after a bundle import). */
export const VersionSource = z.object({
  run: z.object({ params: z.record(z.string(), ParamValue), metrics: z.record(z.string(), z.number()) }),
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
  parent_id: number | null;
  dataset_id: number | null;
  stage: Stage;
  note: string;
  card: string;
  source: string;
  created_at: string;
}
export interface StoredVersion extends ModelVersion {
  uid: string;
  model_id: number;
  card: string;
  source: VersionSource;
}

const SELECT = `SELECT v.id, v.uid, m.name AS model, v.model_id, v.version, v.run_id, v.parent_id, v.dataset_id, v.stage,
  v.note, v.card, v.source, v.created_at FROM model_versions v JOIN models m ON m.id = v.model_id`;
const now = () => new Date().toISOString();

export function createRegistryRepo(db: Db) {
  const modelId = db.prepare<[string], { id: number }>('SELECT id FROM models WHERE name = ?');
  const insertModel = db.prepare<[string, string]>('INSERT INTO models (name, created_at) VALUES (?, ?)');
  const models = db.prepare<[], { name: string; created_at: string }>('SELECT name, created_at FROM models ORDER BY name');
  const lastVersion = db.prepare<[number], { v: number | null }>('SELECT max(version) AS v FROM model_versions WHERE model_id = ?');
  const insertVersion = db.prepare(
    `INSERT INTO model_versions (uid, model_id, version, run_id, dataset_id, parent_id, note, source, created_at)
     VALUES (@uid, @model_id, @version, @run_id, @dataset_id, @parent_id, @note, @source, @created_at)`,
  );
  const byId = db.prepare<[number], VersionRow>(`${SELECT} WHERE v.id = ?`);
  const byUid = db.prepare<[string], VersionRow>(`${SELECT} WHERE v.uid = ?`);
  const byNumber = db.prepare<[string, number], VersionRow>(`${SELECT} WHERE m.name = ? AND v.version = ?`);
  const all = db.prepare<[], VersionRow>(`${SELECT} ORDER BY m.name, v.version`);
  const children = db.prepare<[number], { id: number }>('SELECT id FROM model_versions WHERE parent_id = ? ORDER BY version');
  const aliasesOf = db.prepare<[number], { alias: string }>('SELECT alias FROM model_aliases WHERE version_id = ? ORDER BY alias');
  const allAliases = db.prepare<[], { version_id: number; alias: string }>('SELECT version_id, alias FROM model_aliases ORDER BY alias');
  const aliasHolder = db.prepare<[number, string], { version_id: number }>('SELECT version_id FROM model_aliases WHERE model_id = ? AND alias = ?');
  const setAlias = db.prepare<[number, string, number]>('INSERT OR REPLACE INTO model_aliases (model_id, alias, version_id) VALUES (?, ?, ?)');
  const unsetAlias = db.prepare<[number, string]>('DELETE FROM model_aliases WHERE model_id = ? AND alias = ?');
  const setStage = db.prepare<[Stage, number]>('UPDATE model_versions SET stage = ? WHERE id = ?');
  const setCard = db.prepare<[string, number]>('UPDATE model_versions SET card = ? WHERE id = ?');
  const addHistory = db.prepare<[number, string, string, string, string]>(
    'INSERT INTO registry_history (version_id, action, detail, reason, at) VALUES (?, ?, ?, ?, ?)',
  );
  const historyOf = db.prepare<[number], { action: string; detail: string; reason: string; at: string }>(
    'SELECT action, detail, reason, at FROM registry_history WHERE version_id = ? ORDER BY id',
  );
  const aliasMoves = db.prepare<[number, string], { version_id: number }>(
    `SELECT h.version_id FROM registry_history h JOIN model_versions v ON v.id = h.version_id
     WHERE v.model_id = ? AND h.action = 'alias set' AND h.detail = ? ORDER BY h.id DESC`,
  );

  const aliasMap = () => {
    const map = new Map<number, string[]>();
    for (const r of allAliases.all()) map.set(r.version_id, [...(map.get(r.version_id) ?? []), r.alias]);
    return map;
  };
  const toVersion = (row: VersionRow, aliases: string[]): StoredVersion => {
    const source = VersionSource.parse(JSON.parse(row.source));
    return { ...row, aliases, source, metrics: source.run.metrics, params: source.run.params };
  };

  return {
    /** Every model name, versions or not (a model registered from a script exists before its first version). */
    models: () => models.all(),
    ensureModel(name: string): number {
      return modelId.get(name)?.id ?? Number(insertModel.run(name, now()).lastInsertRowid);
    },
    insertVersion(v: { uid: string; model_id: number; run_id: number | null; dataset_id: number | null; parent_id: number | null; note: string; source: VersionSource }): number {
      const version = (lastVersion.get(v.model_id)?.v ?? 0) + 1;
      return Number(insertVersion.run({ ...v, version, source: JSON.stringify(v.source), created_at: now() }).lastInsertRowid);
    },
    get(id: number): StoredVersion | undefined {
      const row = byId.get(id);
      return row && toVersion(row, aliasesOf.all(id).map((a) => a.alias));
    },
    byUid(uid: string): StoredVersion | undefined {
      const row = byUid.get(uid);
      return row && toVersion(row, aliasesOf.all(row.id).map((a) => a.alias));
    },
    find(model: string, version: number): StoredVersion | undefined {
      const row = byNumber.get(model, version);
      return row && toVersion(row, aliasesOf.all(row.id).map((a) => a.alias));
    },
    list(): StoredVersion[] {
      const aliases = aliasMap();
      return all.all().map((row) => toVersion(row, aliases.get(row.id) ?? []));
    },
    children: (id: number) => children.all(id).map((r) => r.id),
    aliasHolder: (modelId: number, alias: string) => aliasHolder.get(modelId, alias)?.version_id,
    setAlias: (modelId: number, alias: string, versionId: number) => void setAlias.run(modelId, alias, versionId),
    unsetAlias: (modelId: number, alias: string) => void unsetAlias.run(modelId, alias),
    setStage: (id: number, stage: Stage) => void setStage.run(stage, id),
    setCard: (id: number, card: string) => void setCard.run(card, id),
    addHistory: (id: number, action: string, detail: string, reason = '') => void addHistory.run(id, action, detail, reason, now()),
    history: (id: number) => historyOf.all(id),
    /** Versions that received `alias`, most recent first (for roll back). */
    aliasMoves: (modelId: number, alias: string) => aliasMoves.all(modelId, alias).map((r) => r.version_id),
  };
}
export type RegistryRepo = ReturnType<typeof createRegistryRepo>;
