import type { RunSource, RunStatus } from '../../../shared/domain.js';
import type { Db } from './db.js';

/** A runs row whole, as an experiments archive carries it (see transfer/). */
export interface ArchivedRunRow {
  uid: string;
  dataset_id: number | null;
  source: RunSource;
  name: string;
  status: RunStatus;
  model: string | null;
  task: string | null;
  target: string | null;
  backend: string | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  archived: number;
  note: string;
}

/** Runs read and written whole, for experiment export and import. */
export function createRunArchiveRepo(db: Db) {
  const runsOf = db.prepare<[number], ArchivedRunRow & { id: number }>(
    `SELECT id, uid, dataset_id, source, name, status, model, task, target, backend, error, created_at, started_at, ended_at, archived, note
     FROM runs WHERE experiment_id = ? AND deleted_at IS NULL ORDER BY id`,
  );
  const tagsOf = db.prepare<[number], { key: string; value: string }>(
    'SELECT key, value FROM tags WHERE run_id = ? ORDER BY key',
  );
  const insert = db.prepare<[ArchivedRunRow & { experiment_id: number }]>(
    `INSERT INTO runs (uid, experiment_id, dataset_id, name, status, model, task, target, backend, error, owner_pid,
       created_at, started_at, ended_at, archived, note, source)
     VALUES (@uid, @experiment_id, @dataset_id, @name, @status, @model, @task, @target, @backend, @error, NULL,
       @created_at, @started_at, @ended_at, @archived, @note, @source)`,
  );
  const setTag = db.prepare<[number, string, string]>(
    'INSERT OR REPLACE INTO tags (run_id, key, value) VALUES (?, ?, ?)',
  );
  const hasUid = db.prepare<[string], number>('SELECT 1 FROM runs WHERE uid = ?').pluck();

  return {
    /** The experiment's runs that are not deleted, oldest first. */
    runsOf: (experimentId: number) => runsOf.all(experimentId),
    tags: (runId: number) => tagsOf.all(runId),
    /** A run with the uid, times and status it had where it came from (no owner process); its new id. */
    insert: (run: ArchivedRunRow & { experiment_id: number }): number =>
      Number(insert.run(run).lastInsertRowid),
    setTag: (runId: number, key: string, value: string): void => void setTag.run(runId, key, value),
    hasUid: (uid: string): boolean => hasUid.get(uid) !== undefined,
  };
}
export type RunArchiveRepo = ReturnType<typeof createRunArchiveRepo>;
