import type { StoreArea } from '../../../shared/api.js';
import type { RunStatus } from '../../../shared/domain.js';
import type { EventBus } from '../eventBus.js';
import type { Db } from './db.js';

/** More new runs than this at one look are announced as one `store.changed` of the runs. */
const MAX_RUN_EVENTS = 100;

interface RunRow {
  id: number;
  status: RunStatus;
  error: string | null;
}

/**
 * Notices what another process commits to the store (a `benchtop` command in a terminal beside
 * the open app) and tells the app's pages as if it had happened here: each new run and each
 * status change as a `run.status` event; a batch of runs, new datasets and registry changes as
 * `store.changed`.
 * SQLite's data_version changes only for other connections' commits, so while nobody else
 * writes a check is one pragma.
 */
export function watchOutsideWrites(db: Db, events: EventBus) {
  const version = db.prepare('PRAGMA data_version').pluck();
  const maxRunId = db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM runs').pluck();
  const runsSince = db.prepare<[number], RunRow>(
    'SELECT id, status, error FROM runs WHERE id > ? AND deleted_at IS NULL ORDER BY id',
  );
  const unfinished = db.prepare<[], RunRow>(
    "SELECT id, status, error FROM runs WHERE status IN ('queued', 'running')",
  );
  const statusOf = db.prepare<[number], RunRow>('SELECT id, status, error FROM runs WHERE id = ?');
  const newest = db.prepare<[], { datasets: number; models: number }>(
    `SELECT (SELECT coalesce(max(id), 0) FROM datasets) AS datasets,
            (SELECT coalesce(max(id), 0) FROM registry_history) AS models`,
  );

  let seen = version.get();
  let lastRunId = maxRunId.get()!;
  /** Runs not finished at the last look, with the status they had then. */
  let open = new Map(unfinished.all().map((r) => [r.id, r.status]));
  let last = newest.get()!;

  const announce = (r: RunRow) =>
    events.emit({ type: 'run.status', runId: r.id, status: r.status, error: r.error });

  /** What changed since the last look, read in one transaction (one consistent snapshot). */
  const lookAt = db.transaction(() => {
    const now = version.get();
    if (now === seen) return null;
    const changed: RunRow[] = [];
    for (const [id, status] of open) {
      const r = statusOf.get(id);
      if (r && r.status !== status) changed.push(r);
    }
    return {
      now,
      fresh: runsSince.all(lastRunId),
      changed,
      unfinished: unfinished.all(),
      newest: newest.get()!,
      // Purged runs give their ids back (no AUTOINCREMENT): the highest id can go down too.
      maxRunId: maxRunId.get()!,
    };
  });

  /**
   * Compares the store with the last look and announces the differences; cheap when none. A look
   * whose reads fail (a busy store) changes nothing, so the next one covers the same ground.
   */
  function check(): void {
    const look = lookAt();
    if (!look) return;
    const areas: StoreArea[] = [];
    // A batch (`benchtop demo --runs 10000`) is one reload of the lists, not an event per run.
    if (look.fresh.length > MAX_RUN_EVENTS) areas.push('runs');
    if (look.newest.datasets !== last.datasets) areas.push('datasets');
    if (look.newest.models !== last.models) areas.push('models');
    seen = look.now;
    lastRunId = look.maxRunId;
    open = new Map(look.unfinished.map((r) => [r.id, r.status]));
    last = look.newest;
    if (look.fresh.length <= MAX_RUN_EVENTS) for (const r of look.fresh) announce(r);
    for (const r of look.changed) announce(r);
    if (areas.length) events.emit({ type: 'store.changed', areas });
  }

  let timer: ReturnType<typeof setInterval> | undefined;
  return {
    check,
    /** Looks every `intervalMs` while the app is open (`serve`, desktop); never in one-shot commands. */
    start(intervalMs = 1000): void {
      timer ??= setInterval(() => {
        try {
          check();
        } catch {
          // A busy or closing store: the next look catches up.
        }
      }, intervalMs);
      timer.unref?.();
    },
    stop(): void {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
