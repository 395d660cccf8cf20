import type { Db } from './db.js';

/** The database file as a whole: its online copy, its size in rows, its schema and its health. */
export function createMaintenanceRepo(db: Db) {
  const count = (table: 'runs' | 'datasets' | 'model_versions') =>
    db.prepare<[], number>(`SELECT COUNT(*) FROM ${table}`).pluck();
  const counts = {
    runs: count('runs'),
    datasets: count('datasets'),
    model_versions: count('model_versions'),
  };

  return {
    /** SQLite's online backup into `file`: a consistent copy while this and other processes keep writing. */
    backupTo: async (file: string): Promise<void> => void (await db.backup(file)),
    rowCounts: () => ({
      runs: counts.runs.get() ?? 0,
      datasets: counts.datasets.get() ?? 0,
      model_versions: counts.model_versions.get() ?? 0,
    }),
    schemaVersion: (): number => db.pragma('user_version', { simple: true }) as number,
    /** SQLite's integrity_check: 'ok', or what is damaged. */
    integrityCheck: (): string => String(db.pragma('integrity_check', { simple: true })),
    /**
     * Pages of WAL after which a commit on this connection checkpoints it (SQLite's default is
     * 1000); 0 while the read worker checkpoints from its own thread, so main never does.
     */
    walAutoCheckpoint: (pages: number): void =>
      void db.pragma(`wal_autocheckpoint = ${Math.max(0, Math.trunc(pages))}`),
  };
}
export type MaintenanceRepo = ReturnType<typeof createMaintenanceRepo>;
