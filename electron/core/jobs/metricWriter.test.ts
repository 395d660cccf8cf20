import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api.js';
import { createEventBus } from '../eventBus.js';
import { openStore, type Store } from '../store/store.js';
import { useTempDirs } from '../../testing/tempDir.js';
import { createMetricWriter } from './metricWriter.js';

const batch = (step: number) => ({
  keys: ['loss'],
  keyIndex: Uint16Array.of(0),
  step: Float64Array.of(step),
  value: Float64Array.of(step / 10),
  time: Float64Array.of(1),
});
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('the metric writer', () => {
  const tempDir = useTempDirs();
  const stores: Store[] = [];
  afterEach(() => {
    for (const s of stores.splice(0)) s.close();
  });
  const setUp = () => {
    const store = openStore(tempDir());
    stores.push(store);
    const runId = store.trackedRuns.start(
      {
        experiment_id: store.experiments.ensure('writer'),
        name: undefined,
        uid: 'a'.repeat(32),
        started_at: new Date().toISOString(),
        source: 'script',
      },
      {},
    );
    const events = createEventBus();
    const seen: number[] = [];
    events.subscribe((e: ApiEvent) => {
      if (e.type === 'run.metric') seen.push(...e.points.map((p) => p.step));
    });
    const steps = () => store.metrics.series(runId)[0]?.steps ?? [];
    return { store, runId, events, seen, steps };
  };

  it('commits a burst over several turns once a turn has spent its budget, every batch in order', async () => {
    const { store, runId, events, seen, steps } = setUp();
    // A budget of 0: each turn commits one whole batch, then yields.
    const writer = createMetricWriter(store, events, { turnBudgetMs: 0 });
    for (let s = 1; s <= 3; s++) writer.push(runId, batch(s));
    expect(steps()).toEqual([]);
    await nextTurn();
    expect(steps()).toEqual([1]);
    expect(seen).toEqual([1]);
    await nextTurn();
    await nextTurn();
    expect(steps()).toEqual([1, 2, 3]);
    expect(seen).toEqual([1, 2, 3]);
    expect(store.metrics.latest(runId)).toEqual({ loss: 0.3 });
  });

  it('writes everything pending at once on flush() (a status change or a read must see it)', async () => {
    const { store, runId, events, seen, steps } = setUp();
    const writer = createMetricWriter(store, events, { turnBudgetMs: 0 });
    for (let s = 1; s <= 3; s++) writer.push(runId, batch(s));
    writer.flush();
    expect(steps()).toEqual([1, 2, 3]);
    expect(seen).toEqual([1, 2, 3]);
    await nextTurn(); // the scheduled turn finds nothing left to write twice
    expect(seen).toEqual([1, 2, 3]);
  });

  it('fails only the runs whose batches a failed commit held, and goes on with the rest', async () => {
    const { store, runId, events, steps } = setUp();
    const writer = createMetricWriter(store, events, { turnBudgetMs: 0 });
    const failed: number[][] = [];
    writer.onFailure((runIds) => failed.push(runIds));
    writer.push(runId + 1000, batch(1)); // no such run: the foreign key refuses it
    writer.push(runId, batch(2));
    await nextTurn();
    await nextTurn();
    expect(failed).toEqual([[runId + 1000]]);
    expect(steps()).toEqual([2]);
  });
});
