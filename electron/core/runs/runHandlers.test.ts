import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { createCore, type Core } from '../core.js';
import { writeDemoRuns } from './demoRuns.js';

describe('explorer handlers', () => {
  const tempDir = useTempDirs();
  const open: Core[] = [];
  const start = (dataDir = tempDir()) => {
    const core = createCore({ dataDir });
    open.push(core);
    return core;
  };
  afterEach(async () => {
    for (const core of open.splice(0)) await core.close();
  });

  it('tags, notes and archives runs; the table and queries see them', async () => {
    const core = start();
    await writeDemoRuns(core.store, core.dataDir, { runs: 4, points: 5 });
    expect(await core.call('runs.setTag', { ids: [1, 2], key: 'keep', value: 'yes' })).toEqual({
      changed: 2,
    });
    await core.call('runs.removeTag', { ids: [2], key: 'keep' });
    const note = '# Why\n<script>alert(1)</script> **bold**';
    await core.call('runs.setNote', { id: 3, note });
    await core.call('runs.archive', { ids: [4], archived: true });
    const table = await core.call('runs.table', {});
    const byId = new Map(table.map((r) => [r.id, r]));
    expect(byId.get(1)?.tags).toEqual({ baseline: '', keep: 'yes' });
    expect(byId.get(2)?.tags).toEqual({});
    expect(byId.get(3)?.note).toBe(note);
    expect(byId.get(4)?.archived).toBe(true);
    expect((await core.call('runs.query', { filter: 'tags.keep = "yes"' })).ids).toEqual([1]);
    expect((await core.call('runs.query', { filter: '' })).ids).toEqual([3, 2, 1]);
  });

  it('gives the newest runs first, complete, when asked for a first screen', async () => {
    const core = start();
    await writeDemoRuns(core.store, core.dataDir, { runs: 5, points: 3 });
    await core.call('runs.setTag', { ids: [4], key: 'k', value: 'v' });
    const all = await core.call('runs.table', {});
    const first = await core.call('runs.table', { limit: 2 });
    expect(first).toEqual(all.slice(0, 2));
    expect(first.map((r) => r.id)).toEqual([5, 4]);
    expect(first[1]?.tags).toEqual({ k: 'v' });
    expect(await core.call('runs.table', { ids: [4, 1, 99] })).toEqual([all[1], all[4]]);
    expect(await core.call('runs.table', { ids: [1, 5, 4], limit: 2 })).toEqual([all[0], all[1]]);
    // Pages: `before` the oldest id so far, each page complete.
    expect(await core.call('runs.table', { limit: 2, before: 4 })).toEqual(all.slice(2, 4));
    expect(await core.call('runs.table', { limit: 2, before: 2 })).toEqual(all.slice(4));
    expect(await core.call('runs.table', { before: 3 })).toEqual(all.slice(3));
    expect(await core.call('runs.table', { limit: 2, before: 1 })).toEqual([]);
    expect(Object.keys(first[0]!.params)).toEqual(
      expect.arrayContaining(['lr', 'optimizer', 'batch_size', 'seed']),
    );
  });

  it('deletes with undo; a start an hour later purges what stayed deleted, metrics included', async () => {
    const dir = tempDir();
    const core = start(dir);
    await writeDemoRuns(core.store, core.dataDir, { runs: 3, points: 5 });
    await core.call('runs.delete', { ids: [1, 2] });
    expect((await core.call('runs.table', {})).map((r) => r.id)).toEqual([3]);
    expect((await core.call('runs.table', { ids: [1, 3] })).map((r) => r.id)).toEqual([3]);
    expect((await core.call('runs.table', { limit: 5 })).map((r) => r.id)).toEqual([3]);
    expect((await core.call('runs.list', {})).map((r) => r.id)).toEqual([3]);
    await core.call('runs.restore', { ids: [2] });
    expect((await core.call('runs.query', {})).ids).toEqual([3, 2]);
    await core.close();
    open.pop();
    // Within the grace period a restart keeps it restorable; an hour later it is gone.
    const soon = start(dir);
    expect(await soon.call('runs.restore', { ids: [1] })).toEqual({ changed: 1 });
    await soon.call('runs.delete', { ids: [1] });
    soon.store.db
      .prepare("UPDATE runs SET deleted_at = '2000-01-01T00:00:00.000Z' WHERE id = 1")
      .run();
    await soon.close();
    open.pop();
    const again = start(dir);
    expect((await again.call('runs.table', {})).map((r) => r.id)).toEqual([3, 2]);
    expect(
      again.store.db.prepare('SELECT COUNT(*) AS n FROM metrics WHERE run_id = 1').get(),
    ).toEqual({ n: 0 });
    await expect(again.call('runs.restore', { ids: [1] })).rejects.toThrow('no run with id 1');
  });

  it('saves, replaces and deletes views', async () => {
    const core = start();
    const v = await core.call('views.save', {
      name: 'good',
      query: 'metrics.val_accuracy > 0.9',
      columns: ['params.lr'],
      sort: '-id',
    });
    expect(v).toMatchObject({ name: 'good', columns: ['params.lr'], group: [] });
    await core.call('views.save', {
      name: 'good',
      query: 'tags.baseline',
      columns: [],
      sort: '',
      group: ['*', '-params.seed'],
    });
    expect(await core.call('views.list', {})).toEqual([
      {
        id: v.id,
        name: 'good',
        query: 'tags.baseline',
        columns: [],
        sort: '',
        group: ['*', '-params.seed'],
      },
    ]);
    // A grouping that is not the explorer's form is refused with one line; the saved view stays.
    await expect(
      core.call('views.save', { name: 'good', query: '', columns: [], sort: '', group: ['seed'] }),
    ).rejects.toThrow('group must be params.NAME values, or * followed by -params.NAME values');
    expect((await core.call('views.list', {}))[0]!.group).toEqual(['*', '-params.seed']);
    await core.call('views.delete', { id: v.id });
    expect(await core.call('views.list', {})).toEqual([]);
  });

  it('downsamples long ranges in SQLite to at most maxPoints with an envelope, and reads zoomed ranges raw', async () => {
    const core = start();
    await writeDemoRuns(core.store, core.dataDir, { runs: 2, points: 5000, curves: 2 });
    const full = await core.call('runs.series', {
      ids: [1, 2],
      keys: ['loss', 'val_loss', 'nope'],
      maxPoints: 400,
    });
    expect(full.map((s) => [s.runId, s.key, s.total])).toEqual([
      [1, 'loss', 5000],
      [2, 'loss', 5000],
      [1, 'val_loss', 5000],
      [2, 'val_loss', 5000],
    ]);
    const raw = core.store.metrics.series(1, ['loss'])[0]!;
    for (const s of full) {
      expect(s.x.length).toBeLessThanOrEqual(400);
      expect(s.x.length).toBeGreaterThan(300);
      expect(s.lo).not.toBeNull();
      s.y.forEach((y, i) => {
        expect(s.lo![i]!).toBeLessThanOrEqual(y);
        expect(s.hi![i]!).toBeGreaterThanOrEqual(y);
      });
    }
    const loss1 = full[0]!;
    expect(Math.min(...loss1.lo!)).toBe(Math.min(...raw.values));
    expect(Math.max(...loss1.hi!)).toBe(Math.max(...raw.values));

    const zoom = await core.call('runs.series', {
      ids: [1],
      keys: ['loss'],
      range: { min: 1000, max: 1199 },
      maxPoints: 400,
    });
    expect(zoom[0]).toMatchObject({ total: 200, lo: null, hi: null });
    expect(zoom[0]!.x).toEqual(raw.steps.slice(1000, 1200));
    expect(zoom[0]!.y).toEqual(raw.values.slice(1000, 1200));

    const rel = await core.call('runs.series', {
      ids: [1],
      keys: ['loss'],
      xAxis: 'relative',
      maxPoints: 10_000,
    });
    expect(rel[0]!.x[0]).toBe(0);
    expect(rel[0]!.x.at(-1)).toBeCloseTo(raw.times.at(-1)! - raw.times[0]!, 6);
    const wall = await core.call('runs.series', {
      ids: [1],
      keys: ['loss'],
      xAxis: 'time',
      maxPoints: 10_000,
    });
    expect(wall[0]!.x).toEqual(raw.times);
    const outside = await core.call('runs.series', {
      ids: [1],
      keys: ['loss'],
      range: { min: 9000, max: 9999 },
    });
    expect(outside[0]).toMatchObject({ total: 0, x: [] });
  });

  it('compare finds min, max and the best step through the pyramid, equal to a full scan', async () => {
    const core = start();
    await writeDemoRuns(core.store, core.dataDir, { runs: 2, points: 3000, curves: 4, metrics: 5 });
    const c = await core.call('runs.compare', { ids: [1, 2] });
    for (const id of [1, 2]) {
      for (const s of core.store.metrics.series(id)) {
        const lo = Math.min(...s.values);
        const hi = Math.max(...s.values);
        const best = /loss/.test(s.key) ? lo : hi;
        expect(c.metrics[s.key]?.[id]).toEqual({
          last: s.values.at(-1),
          min: lo,
          max: hi,
          best_step: s.steps[s.values.indexOf(best)],
        });
      }
    }
    expect(Object.keys(c.metrics).sort()).toEqual([
      'accuracy',
      'loss',
      'm04',
      'val_accuracy',
      'val_loss',
    ]);
  });

  describe('bad input', () => {
    it('refuses to chart thousands of runs at once, saying the cap', async () => {
      const core = start();
      const ids = Array.from({ length: 2000 }, (_, i) => i + 1);
      await expect(core.call('runs.series', { ids, keys: ['loss'] })).rejects.toThrow(
        'runs.series: ids: at most 200 runs per chart',
      );
    });
    it('an inverted range, an empty tag name, unknown runs', async () => {
      const core = start();
      await writeDemoRuns(core.store, core.dataDir, { runs: 1, points: 2 });
      await expect(
        core.call('runs.series', { ids: [1], keys: ['loss'], range: { min: 5, max: 1 } }),
      ).rejects.toThrow('range min must not exceed max');
      await expect(core.call('runs.setTag', { ids: [1], key: '  ' })).rejects.toThrow(
        'a tag needs a name',
      );
      await expect(core.call('runs.compare', { ids: [1, 7] })).rejects.toThrow('no run with id 7');
    });
    it('a malformed query gives its position', async () => {
      const core = start();
      await expect(core.call('runs.query', { filter: 'metrics.acc >' })).rejects.toThrow(
        'query at column 14: expected a value after ">"',
      );
    });
  });
});
