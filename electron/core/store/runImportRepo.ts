import type { Db } from './db.js';

/** The tag an import puts on the runs it is still writing; they are hidden (deleted) until it ends. */
export const IMPORT_PENDING_TAG = 'benchtop.import_pending';

/**
 * An import's bookkeeping: it writes in small transactions so the app stays responsive, so runs
 * it has begun stay hidden until the last one commits, and a cancel, a failure or a crash
 * removes them (and any experiment it made that is left empty) instead of leaving half a run.
 */
export function createRunImportRepo(db: Db) {
  const pending = db.prepare<[string], number>('SELECT run_id FROM tags WHERE key = ?').pluck();
  const reveal = db.prepare<[string | null, number]>('UPDATE runs SET deleted_at = ? WHERE id = ?');
  const untag = db.prepare<[number, string]>('DELETE FROM tags WHERE run_id = ? AND key = ?');
  // metrics has no ON DELETE CASCADE (its rows are the bulk of the file); everything else cascades.
  const purgeMetrics = db.prepare<[number]>('DELETE FROM metrics WHERE run_id = ?');
  const purgeRun = db.prepare<[number]>('DELETE FROM runs WHERE id = ?');
  const removeEmptyExperiment = db.prepare<[number]>(
    `DELETE FROM experiments WHERE id = ? AND NOT EXISTS (SELECT 1 FROM runs WHERE experiment_id = experiments.id)
       AND NOT EXISTS (SELECT 1 FROM sweeps WHERE experiment_id = experiments.id)`,
  );

  const purge = db.transaction((runIds: readonly number[], experimentIds: readonly number[]) => {
    for (const id of runIds) {
      purgeMetrics.run(id);
      purgeRun.run(id);
    }
    for (const id of experimentIds) removeEmptyExperiment.run(id);
  });

  return {
    /** Shows runs an import finished writing, each as deleted or not as its source says; call in a transaction. */
    reveal(runs: readonly { id: number; deletedAt: string | null }[]): void {
      for (const r of runs) {
        reveal.run(r.deletedAt, r.id);
        untag.run(r.id, IMPORT_PENDING_TAG);
      }
    },
    /** Removes runs an import began and did not finish, and experiments it made that are now empty. */
    purge: (runIds: readonly number[], experimentIds: readonly number[] = []) =>
      purge(runIds, experimentIds),
    /** Runs a crashed import left behind (it never revealed them): removed when the store opens. */
    purgeAbandoned(): number {
      const ids = pending.all(IMPORT_PENDING_TAG);
      if (ids.length) purge(ids, []);
      return ids.length;
    },
  };
}
export type RunImportRepo = ReturnType<typeof createRunImportRepo>;
