import Database from 'better-sqlite3';
import { join } from 'node:path';

/** Where a stored path enters the data directory: a dataset blob or cache, or a run's artifact. */
const INSIDE = [/[\\/](datasets[\\/]sha256[\\/][0-9a-f]{2}[\\/][^\\/]+)$/, /[\\/](artifacts[\\/]runs[\\/]\d+[\\/].+)$/];

/** `/old/dir/datasets/sha256/ab/x.csv` under `dataDir`; null when the path is not one of ours. */
export function relocate(path: string, dataDir: string): string | null {
  for (const pattern of INSIDE) {
    const match = pattern.exec(path);
    if (match) return join(dataDir, ...match[1]!.split(/[\\/]/));
  }
  return null;
}

/**
 * A restored store still names files by absolute paths in the data directory it was backed up
 * from; point datasets and run artifacts at the restored copies, so a backup restores into another
 * folder or onto another machine. Runs on the staged database before it is moved into place.
 */
export function relocateStoredPaths(dbFile: string, dataDir: string): number {
  const db = new Database(dbFile);
  try {
    const columnsOf = (table: string) => new Set(db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all().map((c) => c.name));
    const datasetColumns = [...columnsOf('datasets')].filter((c) => c === 'storage_path' || c === 'original_path');
    const artifacts = columnsOf('run_artifacts').has('path');
    let changed = 0;
    db.transaction(() => {
      for (const column of datasetColumns) {
        const update = db.prepare<[string, number]>(`UPDATE datasets SET ${column} = ? WHERE id = ?`);
        for (const row of db.prepare<[], { id: number; path: string | null }>(`SELECT id, ${column} AS path FROM datasets`).all()) {
          const next = row.path === null ? null : relocate(row.path, dataDir);
          if (next !== null && next !== row.path) changed += update.run(next, row.id).changes;
        }
      }
      if (!artifacts) return;
      const update = db.prepare<[string, number, string]>('UPDATE run_artifacts SET path = ? WHERE run_id = ? AND name = ?');
      for (const row of db.prepare<[], { run_id: number; name: string; path: string }>('SELECT run_id, name, path FROM run_artifacts').all()) {
        const next = relocate(row.path, dataDir);
        if (next !== null && next !== row.path) changed += update.run(next, row.run_id, row.name).changes;
      }
    })();
    return changed;
  } finally {
    db.close();
  }
}
