import type { ModelKind, Run, RunSource, RunStatus, Task } from '../../../shared/domain.js';
import type { Db } from './db.js';

interface RunRow {
  id: number;
  name: string;
  status: RunStatus;
  source: RunSource;
  model: ModelKind | null;
  task: Task | null;
  experiment: string;
  dataset_id: number | null;
  target: string | null;
  backend: string | null;
  error: string | null;
  owner_pid: number | null;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
}
export type RunRecord = Omit<Run, 'params' | 'metrics'>;

const SELECT = `SELECT r.id, r.name, r.status, r.source, r.model, r.task, e.name AS experiment, r.dataset_id, r.target,
  r.backend, r.error, r.owner_pid, r.created_at, r.started_at, r.ended_at
  FROM runs r JOIN experiments e ON e.id = r.experiment_id`;

const toRecord = ({ owner_pid: _owner, ...run }: RunRow): RunRecord => run;
const now = () => new Date().toISOString();

export function createRunsRepo(db: Db) {
  const byId = db.prepare<[number], RunRow>(`${SELECT} WHERE r.id = ?`);
  // Deleted runs (a soft delete, undoable until the next start) are left out of lists.
  const all = db.prepare<[], RunRow>(
    `${SELECT} WHERE r.deleted_at IS NULL AND e.deleted_at IS NULL ORDER BY r.id DESC`,
  );
  const newest = db.prepare<[number], RunRow>(
    `${SELECT} WHERE r.deleted_at IS NULL AND e.deleted_at IS NULL ORDER BY r.id DESC LIMIT ?`,
  );
  const older = db.prepare<[number, number], RunRow>(
    `${SELECT} WHERE r.deleted_at IS NULL AND e.deleted_at IS NULL AND r.id < ? ORDER BY r.id DESC LIMIT ?`,
  );
  const chosen = db.prepare<[string], RunRow>(
    `${SELECT} WHERE r.deleted_at IS NULL AND e.deleted_at IS NULL AND r.id IN (SELECT value FROM json_each(?)) ORDER BY r.id DESC`,
  );
  const unfinished = db.prepare<[], { id: number; owner_pid: number | null }>(
    `SELECT id, owner_pid FROM runs WHERE status IN ('queued', 'running')`,
  );
  const insert = db.prepare(
    `INSERT INTO runs (experiment_id, dataset_id, name, status, model, task, target, owner_pid, created_at)
     VALUES (@experiment_id, @dataset_id, @name, 'queued', @model, @task, @target, @owner_pid, @created_at)`,
  );
  const setName = db.prepare<[string, number]>('UPDATE runs SET name = ? WHERE id = ?');
  const start = db.prepare<[string, string, number]>(
    `UPDATE runs SET status = 'running', started_at = ?, backend = ? WHERE id = ? AND status = 'queued'`,
  );
  const end = db.prepare<[RunStatus, string | null, string, number]>(
    `UPDATE runs SET status = ?, error = ?, ended_at = ? WHERE id = ? AND status IN ('queued', 'running')`,
  );
  const setOutcome = db.prepare<[RunStatus, string, string, string, number]>(
    'UPDATE runs SET status = ?, started_at = ?, ended_at = ?, backend = ?, owner_pid = NULL WHERE id = ?',
  );

  return {
    create(r: {
      experiment_id: number;
      dataset_id: number;
      model: ModelKind;
      task: Task;
      target: string;
    }): number {
      // One transaction (a savepoint when nested): a run never exists without its name.
      return db.transaction(() => {
        const id = Number(
          insert.run({ ...r, name: '', owner_pid: process.pid, created_at: now() }).lastInsertRowid,
        );
        setName.run(`run-${id}`, id);
        return id;
      })();
    },
    get(id: number): RunRecord | undefined {
      const row = byId.get(id);
      return row && toRecord(row);
    },
    /** Runs newest first: all of them, the newest `limit`, or those of `ids` (in SQLite, not by reading all). */
    list({
      limit,
      before,
      ids,
    }: {
      limit?: number | undefined;
      before?: number | undefined;
      ids?: readonly number[] | undefined;
    } = {}): RunRecord[] {
      const rows = ids
        ? chosen.all(JSON.stringify(ids)).filter((r) => before === undefined || r.id < before)
        : before !== undefined
          ? older.all(before, limit ?? -1)
          : limit !== undefined
            ? newest.all(limit)
            : all.all();
      return (ids && limit !== undefined ? rows.slice(0, limit) : rows).map(toRecord);
    },
    markRunning(id: number, backend: string): boolean {
      return start.run(now(), backend, id).changes === 1;
    },
    /** Moves an unfinished run to a terminal status; a run that already ended keeps its status. */
    markEnded(
      id: number,
      status: Exclude<RunStatus, 'queued' | 'running'>,
      error: string | null = null,
    ): boolean {
      return end.run(status, error, now(), id).changes === 1;
    },
    /** Sets how a run went, whatever its status was (runs written whole, such as the demo's). */
    setOutcome(
      id: number,
      o: { status: RunStatus; started_at: string; ended_at: string; backend: string },
    ): void {
      setOutcome.run(o.status, o.started_at, o.ended_at, o.backend, id);
    },
    /** Ids of the runs still queued or running, whichever process owns them. */
    unfinished: (): number[] => unfinished.all().map((r) => r.id),
    /** Runs left queued or running by a process that is gone; returns their ids after marking them. */
    markOrphansInterrupted(isAlive: (pid: number) => boolean): number[] {
      const orphans = unfinished
        .all()
        .filter(
          (r) => r.owner_pid === null || r.owner_pid === process.pid || !isAlive(r.owner_pid),
        );
      db.transaction(() => {
        for (const r of orphans)
          end.run('interrupted', 'the process running it ended before it finished', now(), r.id);
      })();
      return orphans.map((r) => r.id);
    },
  };
}
export type RunsRepo = ReturnType<typeof createRunsRepo>;
