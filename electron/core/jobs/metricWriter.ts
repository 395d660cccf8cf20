import type { MetricPoint } from '../../../shared/domain.js';
import type { Store } from '../store/store.js';
import type { MetricColumns } from '../store/metricsRepo.js';
import type { EventBus } from '../eventBus.js';
import { dirname } from 'node:path';
import { storageError } from '../store/storageErrors.js';
import { oneLine } from '../userError.js';

/**
 * Group commit: batches that arrive in the same turn of the event loop are written in one
 * transaction, so SQLite's per-commit cost is paid once per turn, not once per batch. A turn
 * commits whole batches for about `turnBudgetMs`, then leaves the rest to the next turns, so a
 * burst of batches never holds main's event loop for long; `flush()` writes everything at once.
 */
export function createMetricWriter(
  store: Store,
  events: EventBus,
  { turnBudgetMs = 8 }: { turnBudgetMs?: number } = {},
) {
  const pending: { runId: number; batch: MetricColumns }[] = [];
  let scheduled = false;
  const failureListeners = new Set<(runIds: number[], message: string) => void>();

  /** Commits pending batches from the front, in one transaction, until `budgetMs` is spent. */
  function commitFront(budgetMs: number): void {
    let tried = 0;
    try {
      store.transaction(() => {
        const t0 = performance.now();
        while (tried < pending.length) {
          const { runId, batch } = pending[tried++]!;
          store.metrics.append(runId, batch);
          if (performance.now() - t0 >= budgetMs) break;
        }
      });
    } catch (e) {
      // A full disk must fail these runs, not take main down; the transaction left no partial batch.
      const failed = pending.splice(0, tried);
      store.metrics.forgetKeyIds(); // a key first seen in this batch was rolled back with it
      const message = `metrics could not be saved: ${oneLine(storageError(e, dirname(store.db.name)))}`;
      const runIds = [...new Set(failed.map((item) => item.runId))];
      for (const listener of failureListeners) listener(runIds, message);
      return;
    }
    const written = pending.splice(0, tried);
    if (events.size === 0) return;
    for (const { runId, batch } of written)
      events.emit({ type: 'run.metric', runId, points: toPoints(batch) });
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      if (pending.length === 0) return;
      commitFront(turnBudgetMs);
      if (pending.length) schedule();
    });
  }

  /** Writes every pending batch now (a run's status is about to change, a read must see them). */
  function flush(): void {
    if (pending.length) commitFront(Infinity);
  }

  return {
    push(runId: number, batch: MetricColumns): void {
      pending.push({ runId, batch });
      schedule();
    },
    flush,
    /** Called with the runs whose metrics a failed group commit could not save. */
    onFailure(listener: (runIds: number[], message: string) => void): void {
      failureListeners.add(listener);
    },
  };
}
export type MetricWriter = ReturnType<typeof createMetricWriter>;

function toPoints(b: MetricColumns): MetricPoint[] {
  return Array.from(b.step, (step, i) => ({
    key: b.keys[b.keyIndex[i]!]!,
    step,
    value: b.value[i]!,
    time: b.time[i]!,
  }));
}
