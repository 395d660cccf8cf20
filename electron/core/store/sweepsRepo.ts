import type { ModelKind } from '../../../shared/domain.js';
import type { Sweep } from '../../../shared/api/sweeps.js';
import type { Db } from './db.js';

type SweepStatus = Sweep['status'];
export type SweepRecord = Omit<Sweep, 'runs' | 'goal'> & { spec: string };

const now = () => new Date().toISOString();

export function createSweepsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO sweeps (name, experiment_id, dataset_id, target, model, spec, metric, status, created_at)
     VALUES (@name, @experiment_id, @dataset_id, @target, @model, @spec, @metric, 'running', @created_at)`,
  );
  const setName = db.prepare<[string, number]>('UPDATE sweeps SET name = ? WHERE id = ?');
  const addRun = db.prepare<[number, number, number]>(
    'INSERT INTO sweep_runs (sweep_id, run_id, trial) VALUES (?, ?, ?)',
  );
  const end = db.prepare<[SweepStatus, number | null, string, number]>(
    `UPDATE sweeps SET status = ?, best_run_id = ?, ended_at = ? WHERE id = ? AND status = 'running'`,
  );
  const select = `SELECT id, name, status, model, target, dataset_id, metric, best_run_id, created_at, ended_at, spec FROM sweeps`;
  const byId = db.prepare<[number], SweepRecord & { model: ModelKind }>(`${select} WHERE id = ?`);
  const all = db.prepare<[], SweepRecord>(`${select} ORDER BY id DESC`);
  const sweepOf = db
    .prepare<[number], number>('SELECT sweep_id FROM sweep_runs WHERE run_id = ?')
    .pluck();
  const runsOf = db.prepare<[number], { run_id: number }>(
    'SELECT run_id FROM sweep_runs WHERE sweep_id = ? ORDER BY run_id',
  );
  // Only sweeps with no live trial: another process (the desktop app beside a CLI) may own the rest.
  const unfinished = db.prepare(
    `UPDATE sweeps SET status = 'interrupted', ended_at = ? WHERE status = 'running' AND NOT EXISTS (
       SELECT 1 FROM sweep_runs sr JOIN runs r ON r.id = sr.run_id
       WHERE sr.sweep_id = sweeps.id AND r.status IN ('queued', 'running'))`,
  );

  return {
    create(s: {
      experiment_id: number;
      dataset_id: number;
      target: string;
      model: ModelKind;
      spec: unknown;
      metric: string;
    }): number {
      // One transaction: a sweep never exists without its name.
      return db.transaction(() => {
        const id = Number(
          insert.run({ ...s, spec: JSON.stringify(s.spec), name: '', created_at: now() })
            .lastInsertRowid,
        );
        setName.run(`sweep-${id}`, id);
        return id;
      })();
    },
    addRun(sweepId: number, runId: number, trial: number): void {
      addRun.run(sweepId, runId, trial);
    },
    end(id: number, status: Exclude<SweepStatus, 'running'>, bestRunId: number | null): void {
      end.run(status, bestRunId, now(), id);
    },
    get: (id: number): SweepRecord | undefined => byId.get(id),
    list: (): SweepRecord[] => all.all(),
    runIds: (id: number): number[] => runsOf.all(id).map((r) => r.run_id),
    /** The sweep a run is a trial of, if any. */
    sweepOf: (runId: number): number | null => sweepOf.get(runId) ?? null,
    /** Sweeps whose owner process ended while they ran (call after orphaned runs were marked interrupted). */
    markInterrupted(): void {
      unfinished.run(now());
    },
  };
}
export type SweepsRepo = ReturnType<typeof createSweepsRepo>;
