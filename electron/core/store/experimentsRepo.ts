import type { Db } from './db.js';

export interface ExperimentRow {
  id: number;
  name: string;
  runs: number;
  created_at: string;
  updated_at: string;
  deleted: boolean;
  tags: Record<string, string>;
}
type RawRow = Omit<ExperimentRow, 'deleted' | 'tags'> & { deleted_at: string | null; tags: string };
export type ExperimentView = 'active' | 'deleted' | 'all';

const SELECT = `SELECT e.id, e.name, e.created_at, COALESCE(e.updated_at, e.created_at) AS updated_at, e.deleted_at,
  (SELECT COUNT(*) FROM runs r WHERE r.experiment_id = e.id AND r.deleted_at IS NULL) AS runs,
  (SELECT json_group_object(t.key, t.value) FROM experiment_tags t WHERE t.experiment_id = e.id) AS tags
  FROM experiments e`;
const VIEW: Record<ExperimentView, string> = {
  active: 'e.deleted_at IS NULL',
  deleted: 'e.deleted_at IS NOT NULL',
  all: '1',
};
const toRow = ({ deleted_at, tags, ...e }: RawRow): ExperimentRow => ({
  ...e,
  deleted: deleted_at !== null,
  tags: JSON.parse(tags) as Record<string, string>,
});
const now = () => new Date().toISOString();

export function createExperimentsRepo(db: Db) {
  const find = db.prepare<[string], { id: number }>('SELECT id FROM experiments WHERE name = ?');
  const insert = db.prepare<[string, string, string]>(
    'INSERT INTO experiments (name, created_at, updated_at) VALUES (?, ?, ?)',
  );
  const lists = Object.fromEntries(
    Object.entries(VIEW).map(([view, where]) => [
      view,
      db.prepare<[], RawRow>(`${SELECT} WHERE ${where} ORDER BY e.name`),
    ]),
  ) as Record<ExperimentView, ReturnType<typeof db.prepare<[], RawRow>>>;
  const byId = db.prepare<[number], RawRow>(`${SELECT} WHERE e.id = ?`);
  const byName = db.prepare<[string], RawRow>(`${SELECT} WHERE e.name = ?`);
  const rename = db.prepare<[string, string, number]>(
    'UPDATE experiments SET name = ?, updated_at = ? WHERE id = ?',
  );
  const setDeleted = db.prepare<[string | null, string, number]>(
    'UPDATE experiments SET deleted_at = ?, updated_at = ? WHERE id = ?',
  );
  const setTag = db.prepare<[number, string, string]>(
    `INSERT INTO experiment_tags (experiment_id, key, value) VALUES (?, ?, ?)
     ON CONFLICT (experiment_id, key) DO UPDATE SET value = excluded.value`,
  );
  const touch = db.prepare<[string, number]>('UPDATE experiments SET updated_at = ? WHERE id = ?');

  return {
    /** The id of the experiment with this name, created on first use. */
    ensure(name: string): number {
      const row = find.get(name);
      if (row) return row.id;
      const at = now();
      return Number(insert.run(name, at, at).lastInsertRowid);
    },
    list: (view: ExperimentView = 'active'): ExperimentRow[] => lists[view].all().map(toRow),
    get(id: number): ExperimentRow | undefined {
      const row = byId.get(id);
      return row && toRow(row);
    },
    named(name: string): ExperimentRow | undefined {
      const row = byName.get(name);
      return row && toRow(row);
    },
    /** A new experiment with its tags, in one transaction. */
    create(name: string, tags: Record<string, string>): number {
      return db.transaction(() => {
        const at = now();
        const id = Number(insert.run(name, at, at).lastInsertRowid);
        for (const [key, value] of Object.entries(tags)) setTag.run(id, key, value);
        return id;
      })();
    },
    rename: (id: number, name: string) => rename.run(name, now(), id).changes,
    setDeleted: (id: number, deleted: boolean) =>
      setDeleted.run(deleted ? now() : null, now(), id).changes,
    setTag(id: number, key: string, value: string): void {
      db.transaction(() => {
        setTag.run(id, key, value);
        touch.run(now(), id);
      })();
    },
  };
}
