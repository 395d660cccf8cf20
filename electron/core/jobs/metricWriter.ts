import type { MetricPoint } from '../../../shared/domain.js';
import type { Store } from '../store/store.js';
import type { MetricColumns } from '../store/metricsRepo.js';
import type { EventBus } from '../eventBus.js';
import { dirname } from 'node:path';
import { storageError } from '../store/storageErrors.js';
import { oneLine } from '../userError.js';

/**
 * Group commit: batches that arrive in the same turn of the event loop are written in one
 * transaction, so SQLite's per-commit cost is paid once per turn, not once per batch.
 */
export function createMetricWriter(store: Store, events: EventBus) {
  let pending: { runId: number; batch: MetricColumns }[] = [];
  let scheduled = false;
  const failureListeners = new Set<(runIds: number[], message: string) => void>();
  const writeAll = (items: typeof pending) =>
    store.transaction(() => {
      for (const { runId, batch } of items) store.metrics.append(runId, batch);
    });

  function flush(): void {
    scheduled = false;
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    try {
      writeAll(items);
    } catch (e) {
      // A full disk must fail these runs, not take main down; the transaction left no partial batch.
      const message = `metrics could not be saved: ${oneLine(storageError(e, dirname(store.db.name)))}`;
      const runIds = [...new Set(items.map((item) => item.runId))];
      for (const listener of failureListeners) listener(runIds, message);
      return;
    }
    if (events.size === 0) return;
    for (const { runId, batch } of items)
      events.emit({ type: 'run.metric', runId, points: toPoints(batch) });
  }

  return {
    push(runId: number, batch: MetricColumns): void {
      pending.push({ runId, batch });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
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
