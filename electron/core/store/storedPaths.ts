import Database from 'better-sqlite3';

/**
 * Rewrites the file paths a store records (dataset files and caches, run artifacts) with
 * `rewrite` (null keeps a path); returns how many it changed. Opens `dbFile` on its own: it is a
 * staged copy (a restore not yet moved into place), never the live store.
 */
export function rewriteStoredPaths(
  dbFile: string,
  rewrite: (path: string) => string | null,
): number {
  const db = new Database(dbFile);
  try {
    const columnsOf = (table: string) =>
      new Set(
        db
          .prepare<[], { name: string }>(`PRAGMA table_info(${table})`)
          .all()
          .map((c) => c.name),
      );
    const datasetColumns = [...columnsOf('datasets')].filter(
      (c) => c === 'storage_path' || c === 'original_path',
    );
    const artifacts = columnsOf('run_artifacts').has('path');
    let changed = 0;
    db.transaction(() => {
      for (const column of datasetColumns) {
        const update = db.prepare<[string, number]>(
          `UPDATE datasets SET ${column} = ? WHERE id = ?`,
        );
        for (const row of db
          .prepare<[], { id: number; path: string | null }>(
            `SELECT id, ${column} AS path FROM datasets`,
          )
          .all()) {
          const next = row.path === null ? null : rewrite(row.path);
          if (next !== null && next !== row.path) changed += update.run(next, row.id).changes;
        }
      }
      if (!artifacts) return;
      const update = db.prepare<[string, number, string]>(
        'UPDATE run_artifacts SET path = ? WHERE run_id = ? AND name = ?',
      );
      for (const row of db
        .prepare<[], { run_id: number; name: string; path: string }>(
          'SELECT run_id, name, path FROM run_artifacts',
        )
        .all()) {
        const next = rewrite(row.path);
        if (next !== null && next !== row.path)
          changed += update.run(next, row.run_id, row.name).changes;
      }
    })();
    return changed;
  } finally {
    db.close();
  }
}
