import type { Output, ParsedInput } from '../../../shared/api.js';
import { TERMINAL_STATUSES, type RunStatus } from '../../../shared/domain.js';
import type { EventBus } from '../eventBus.js';
import type { Store } from '../store/store.js';
import { UserError } from '../userError.js';

/**
 * runs.wait: resolves once every run has ended (or been deleted). It looks again on each status change this process
 * sees and whenever another process changed the runs (store.changed); closing the core settles
 * every wait still open with the statuses as they are.
 */
export function createRunWaiter(store: Store, events: EventBus) {
  const open = new Set<() => void>();
  const ended = (runs: { status: RunStatus }[]) =>
    runs.every((r) => TERMINAL_STATUSES.includes(r.status));

  function wait({
    ids,
    timeoutMs,
  }: ParsedInput<'runs.wait'>): Output<'runs.wait'> | Promise<Output<'runs.wait'>> {
    for (const id of ids) if (!store.runs.get(id)) throw new UserError(`no run with id ${id}`);
    // An end this process announced but could not save (a full disk) counts as told: the store
    // would say "running" until the next start marks the run interrupted.
    const told = new Map<number, RunStatus>();
    // A run deleted while waited for is left out: it has nothing more to do.
    const statuses = () =>
      ids.flatMap((id) => {
        const run = store.runs.get(id);
        if (!run) return [];
        const status = TERMINAL_STATUSES.includes(run.status)
          ? run.status
          : (told.get(id) ?? run.status);
        return [{ id, status }];
      });
    const now = statuses();
    if (ended(now)) return { ended: true, runs: now };
    return new Promise((resolve) => {
      const settle = () => {
        stop();
        clearTimeout(timer);
        open.delete(settle);
        const runs = statuses();
        resolve({ ended: ended(runs), runs });
      };
      const stop = events.subscribe((e) => {
        if (
          e.type === 'run.status' &&
          ids.includes(e.runId) &&
          TERMINAL_STATUSES.includes(e.status)
        )
          told.set(e.runId, e.status);
        const relevant =
          (e.type === 'run.status' && ids.includes(e.runId)) ||
          (e.type === 'store.changed' && e.areas.includes('runs'));
        if (relevant && ended(statuses())) settle();
      });
      const timer = timeoutMs === undefined ? undefined : setTimeout(settle, timeoutMs);
      open.add(settle);
    });
  }

  return {
    handlers: { 'runs.wait': wait },
    /** Settles every open wait; call before the store closes. */
    close(): void {
      for (const settle of [...open]) settle();
    },
  };
}
