import type { RunStatus } from '../../../shared/domain.js';
import type { Db } from './db.js';

export interface RunIdentity {
  id: number;
  uid: string;
  experiment_id: number;
  status: RunStatus;
  deleted: boolean;
}
export interface StoredPoint {
  key: string;
  value: number;
  step: number;
  time: number;
}

/**
 * What a tracking client needs beyond the explorer's rows: runs by uid, runs a script starts
 * and ends, write-once params as text, tags, and the latest point of each metric.
 */
export function createTrackedRunsRepo(db: Db) {
  const identityByUid = db.prepare<[string], Omit<RunIdentity, 'deleted'> & { deleted: number }>(
    `SELECT r.id, r.uid, r.experiment_id, r.status, (r.deleted_at IS NOT NULL OR e.deleted_at IS NOT NULL) AS deleted
     FROM runs r JOIN experiments e ON e.id = r.experiment_id WHERE r.uid = ?`,
  );
  const identityById = db.prepare<[number], Omit<RunIdentity, 'deleted'> & { deleted: number }>(
    `SELECT r.id, r.uid, r.experiment_id, r.status, (r.deleted_at IS NOT NULL OR e.deleted_at IS NOT NULL) AS deleted
     FROM runs r JOIN experiments e ON e.id = r.experiment_id WHERE r.id = ?`,
  );
  // A script's run belongs to the process serving it: a `benchtop` command beside it leaves it
  // running, and it ends interrupted only when that process is gone (as a training job's run does).
  const insert = db.prepare<
    [
      {
        experiment_id: number;
        name: string;
        uid: string;
        started_at: string;
        source: string;
        owner_pid: number;
      },
    ]
  >(
    `INSERT INTO runs (experiment_id, name, status, uid, created_at, started_at, source, owner_pid)
     VALUES (@experiment_id, @name, 'running', @uid, @started_at, @started_at, @source, @owner_pid)`,
  );
  const setName = db.prepare<[string, number]>('UPDATE runs SET name = ? WHERE id = ?');
  const setStatus = db.prepare<[RunStatus, string | null, number | null, number]>(
    // The interruption's reason goes once a client says how the run stands (`status` is the old value here).
    `UPDATE runs SET status = ?, ended_at = ?, owner_pid = ?,
       error = CASE WHEN status = 'interrupted' THEN NULL ELSE error END WHERE id = ?`,
  );
  const paramsOf = db.prepare<[number], { key: string; value: string }>(
    'SELECT key, value FROM params WHERE run_id = ?',
  );
  const insertParam = db.prepare<[number, string, string]>(
    'INSERT OR IGNORE INTO params (run_id, key, value) VALUES (?, ?, ?)',
  );
  const setTag = db.prepare<[number, string, string]>(
    `INSERT INTO tags (run_id, key, value) VALUES (?, ?, ?) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value`,
  );
  const extrasOf = db.prepare<[number], { tags: string; note: string; archived: number }>(
    `SELECT (SELECT json_group_object(key, value) FROM tags WHERE run_id = r.id) AS tags, r.note, r.archived FROM runs r WHERE r.id = ?`,
  );
  // MLflow's latest point of a metric: the largest step, then the latest time, NaN included. The
  // charted latest is in latest_metrics; only extra points at or past its step can beat it.
  const latestOf = db.prepare<
    [{ run: number }],
    Omit<StoredPoint, 'value'> & { value: number | null }
  >(
    `WITH candidates AS (
       SELECT l.key_id, l.step, l.value, COALESCE(m.time, 0) AS time, ${2 ** 62} AS seq FROM latest_metrics l
       LEFT JOIN metrics m ON m.run_id = l.run_id AND m.key_id = l.key_id AND m.step = l.step
       WHERE l.run_id = @run
       UNION ALL
       SELECT x.key_id, x.step, x.value, x.time, x.id FROM metric_extra_points x
       LEFT JOIN latest_metrics l ON l.run_id = x.run_id AND l.key_id = x.key_id
       WHERE x.run_id = @run AND (l.step IS NULL OR x.step >= l.step)
     )
     SELECT k.name AS key, c.value, c.step, c.time FROM (
       SELECT *, ROW_NUMBER() OVER (PARTITION BY key_id ORDER BY step DESC, time DESC, seq DESC) AS rank FROM candidates
     ) c JOIN metric_keys k ON k.id = c.key_id WHERE c.rank = 1 ORDER BY k.name`,
  );

  const byTag = db
    .prepare<[string, string], number>(
      'SELECT run_id FROM tags WHERE key = ? AND value = ? ORDER BY run_id LIMIT 1',
    )
    .pluck();
  const insertImported = db.prepare<
    [
      {
        experiment_id: number;
        name: string;
        uid: string | null;
        status: RunStatus;
        started_at: string | null;
        ended_at: string | null;
        deleted_at: string | null;
        note: string;
        created_at: string;
      },
    ]
  >(
    `INSERT INTO runs (experiment_id, name, status, uid, created_at, started_at, ended_at, deleted_at, note, source)
     VALUES (@experiment_id, @name, @status, @uid, @created_at, @started_at, @ended_at, @deleted_at, @note, 'import')`,
  );
  const setImportedDetails = db.prepare<
    [{ id: number; note: string; started_at: string | null; ended_at: string | null }]
  >(
    `UPDATE runs SET note = @note, started_at = COALESCE(@started_at, started_at), ended_at = COALESCE(@ended_at, ended_at),
       created_at = COALESCE(@started_at, created_at) WHERE id = @id`,
  );
  const identity = (
    row: (Omit<RunIdentity, 'deleted'> & { deleted: number }) | undefined,
  ): RunIdentity | undefined => row && { ...row, deleted: row.deleted === 1 };

  return {
    byUid: (uid: string) => identity(identityByUid.get(uid)),
    byId: (id: number) => identity(identityById.get(id)),
    /** A running run with its tags, in one transaction. */
    start(
      r: {
        experiment_id: number;
        name: string | undefined;
        uid: string;
        started_at: string;
        source: 'script' | 'import';
      },
      tags: Record<string, string>,
    ): number {
      return db.transaction(() => {
        const id = Number(
          insert.run({ ...r, name: r.name ?? '', owner_pid: process.pid }).lastInsertRowid,
        );
        if (!r.name) setName.run(`run-${id}`, id);
        for (const [key, value] of Object.entries(tags)) setTag.run(id, key, value);
        return id;
      })();
    },
    rename: (id: number, name: string) => setName.run(name, id).changes,
    setImportedDetails: (
      id: number,
      d: { note: string; started_at: string | null; ended_at: string | null },
    ) => setImportedDetails.run({ id, ...d }).changes,
    /** The run carrying this tag (an import's source identity), if any. */
    byTag: (key: string, value: string): number | undefined => byTag.get(key, value),
    /** A run copied from another tracker, with its own times, status and deletion; `uid` null makes one. */
    insertImported(r: {
      experiment_id: number;
      name: string;
      uid: string | null;
      status: RunStatus;
      started_at: string | null;
      ended_at: string | null;
      deleted_at: string | null;
      note: string;
    }): number {
      const id = Number(
        insertImported.run({ ...r, created_at: r.started_at ?? new Date().toISOString() })
          .lastInsertRowid,
      );
      if (!r.name) setName.run(`run-${id}`, id);
      return id;
    },
    setStatus: (id: number, status: RunStatus, endedAt: string | null) =>
      setStatus.run(
        status,
        endedAt,
        status === 'running' || status === 'queued' ? process.pid : null,
        id,
      ).changes,
    /** Params as stored (JSON text per key). */
    params(id: number): Map<string, string> {
      return new Map(paramsOf.all(id).map((p) => [p.key, p.value]));
    },
    /** Params and tags; call inside a transaction with the metric writes. */
    write(id: number, params: [string, string][], tags: [string, string][]): void {
      for (const [key, json] of params) insertParam.run(id, key, json);
      for (const [key, value] of tags) setTag.run(id, key, value);
    },
    extras(id: number): { tags: Record<string, string>; note: string; archived: boolean } {
      const row = extrasOf.get(id);
      return {
        tags: JSON.parse(row?.tags ?? '{}') as Record<string, string>,
        note: row?.note ?? '',
        archived: row?.archived === 1,
      };
    },
    latest: (id: number): StoredPoint[] =>
      latestOf.all({ run: id }).map((p) => ({ ...p, value: p.value ?? NaN })),
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
  };
}
export type TrackedRunsRepo = ReturnType<typeof createTrackedRunsRepo>;
