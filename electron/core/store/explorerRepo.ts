import type { SavedView } from '../../../shared/api/views.js';
import type { Db } from './db.js';

type Ids = readonly number[];

/** Tags, notes, archive, soft delete and saved views (migration 0003-explorer). */
export function createExplorerRepo(db: Db) {
  const live = 'deleted_at IS NULL';
  const setTag = db.prepare<[{ id: number; key: string; value: string }]>(
    `INSERT INTO tags (run_id, key, value) SELECT id, @key, @value FROM runs WHERE id = @id AND ${live}
     ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value`,
  );
  const removeTag = db.prepare<[number, string]>('DELETE FROM tags WHERE run_id = ? AND key = ?');
  const setNote = db.prepare<[string, number]>(`UPDATE runs SET note = ? WHERE id = ? AND ${live}`);
  const setArchived = db.prepare<[number, number]>(
    `UPDATE runs SET archived = ? WHERE id = ? AND ${live}`,
  );
  const softDelete = db.prepare<[string, number]>(
    // A job still writes to a Benchtop run that trains; a script's run may go while it is open, as in MLflow.
    `UPDATE runs SET deleted_at = ? WHERE id = ? AND ${live} AND (status NOT IN ('queued', 'running') OR source <> 'benchtop')`,
  );
  const restore = db.prepare<[number]>(
    'UPDATE runs SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL',
  );
  const deletedBefore = db
    .prepare<[string], number>(
      'SELECT id FROM runs WHERE deleted_at IS NOT NULL AND deleted_at < ?',
    )
    .pluck();
  const purgeMetrics = db.prepare<[number]>('DELETE FROM metrics WHERE run_id = ?');
  const purgeRun = db.prepare<[number]>('DELETE FROM runs WHERE id = ?');
  const views = db.prepare<
    [],
    { id: number; name: string; query: string; columns: string; sort: string; grouping: string }
  >('SELECT id, name, query, columns, sort, grouping FROM saved_views ORDER BY name');
  const saveView = db.prepare<[string, string, string, string, string, string]>(
    `INSERT INTO saved_views (name, query, columns, sort, grouping, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET query = excluded.query, columns = excluded.columns, sort = excluded.sort,
       grouping = excluded.grouping`,
  );
  const deleteView = db.prepare<[number]>('DELETE FROM saved_views WHERE id = ?');

  /** Applies `fn` to each id in one transaction; returns how many rows changed. */
  const each = (ids: Ids, fn: (id: number) => { changes: number }): number =>
    db.transaction(() => ids.reduce((n, id) => n + fn(id).changes, 0))();

  return {
    setTag: (ids: Ids, key: string, value: string) =>
      each(ids, (id) => setTag.run({ id, key, value })),
    removeTag: (ids: Ids, key: string) => each(ids, (id) => removeTag.run(id, key)),
    setNote: (id: number, note: string) => setNote.run(note, id).changes,
    archive: (ids: Ids, archived: boolean) =>
      each(ids, (id) => setArchived.run(archived ? 1 : 0, id)),
    /** Hides finished runs (a run still training is left alone); `restore` brings them back. */
    softDelete: (ids: Ids) => {
      const now = new Date().toISOString();
      return each(ids, (id) => softDelete.run(now, id));
    },
    restore: (ids: Ids) => each(ids, (id) => restore.run(id)),
    /**
     * Removes runs deleted before `before` (ISO time) for good, metrics included (that table
     * has no cascade). Until then they are hidden and `restore` brings them back.
     */
    purgeDeleted(before: string): number {
      const purgeOne = db.transaction((id: number) => {
        purgeMetrics.run(id);
        return purgeRun.run(id).changes;
      });
      let purged = 0;
      for (const id of deletedBefore.all(before)) {
        try {
          purged += purgeOne(id);
        } catch {
          // Something else still points at the run (a registered model): it stays hidden, not gone.
        }
      }
      return purged;
    },
    views(): SavedView[] {
      return views.all().map(({ grouping, ...v }) => ({
        ...v,
        columns: JSON.parse(v.columns) as string[],
        group: JSON.parse(grouping) as string[],
      }));
    },
    saveView(v: Omit<SavedView, 'id'>): SavedView {
      const { name, query, columns, sort, group } = v;
      const now = new Date().toISOString();
      saveView.run(name, query, JSON.stringify(columns), sort, JSON.stringify(group), now);
      return this.views().find((s) => s.name === v.name)!;
    },
    deleteView: (id: number) => deleteView.run(id).changes,
  };
}
export type ExplorerRepo = ReturnType<typeof createExplorerRepo>;
