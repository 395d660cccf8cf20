import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { ColumnarCacheWriter, readColumnarLayout } from '../datasets/columnarCache.js';
import { ksTwoSample } from './ksTwoSample.js';
import type { NumericColumnTask } from './numericColumnTask.js';
import { poolThreads, runNumericColumns } from './numericColumnPool.js';

const ROWS = 3000;
const value = (c: number, i: number, shift: number) =>
  i % 97 === 0 ? Number.NaN : i % 89 === 0 ? -0 : Math.sin(i * (c + 1)) * 10 + shift;

/** A columnar cache of three numeric columns (some cells missing, some -0) and its tasks. */
async function cacheTasks(dir: string, shift: number): Promise<NumericColumnTask['reference'][]> {
  const path = join(dir, `side${shift}.cols`);
  const writer = new ColumnarCacheWriter(path);
  for (let c = 0; c < 3; c++) {
    const nums = Float64Array.from({ length: ROWS }, (_, i) => value(c, i, shift));
    writer.add({ name: `x${c}`, type: 'numeric', missing: 0, nums });
  }
  await writer.finish(ROWS);
  const layout = readColumnarLayout(path);
  return layout.columns.map((c) => ({
    kind: 'cache',
    path,
    dataStart: layout.dataStart,
    offset: c.offset,
    rows: layout.rows,
  }));
}

describe('numeric column pool', () => {
  const tempDir = useTempDirs();

  it('gives the same report on worker threads as inline, each column read from the cache', async () => {
    const dir = tempDir();
    const ref = await cacheTasks(dir, 0);
    const cur = await cacheTasks(dir, 0.5);
    const tasks: NumericColumnTask[] = ref.map((reference, c) => ({
      name: `x${c}`,
      reference,
      current: cur[c]!,
      override: { test: 'ks' },
      note: null,
    }));
    const inline = await runNumericColumns(tasks, { threads: 0 });
    const finished: number[] = [];
    const threaded = await runNumericColumns(tasks, {
      threads: 2,
      onColumn: (i) => finished.push(i),
    });
    expect(threaded).toEqual(inline);
    expect(finished.sort()).toEqual([0, 1, 2]);
    // The statistic is ks_2samp's on the present values, -0 read as 0.
    const present = (c: number, shift: number) =>
      Array.from({ length: ROWS }, (_, i) => value(c, i, shift))
        .filter((x) => !Number.isNaN(x))
        .map((x) => (x === 0 ? 0 : x));
    const expected = ksTwoSample(present(1, 0), present(1, 0.5));
    expect(threaded![1]).toMatchObject({
      column: 'x1',
      statistic: expected.statistic,
      p_value: expected.pValue,
      reference_missing: Math.floor((ROWS - 1) / 97) + 1,
    });
  });

  it("rejects with a column's user error, from a thread as inline", async () => {
    const dir = tempDir();
    const [reference] = await cacheTasks(dir, 0);
    const task: NumericColumnTask = {
      name: 'x0',
      reference: reference!,
      current: reference!,
      override: { test: 'ks', threshold: 2 },
      note: null,
    };
    for (const threads of [0, 2])
      await expect(runNumericColumns([task, task], { threads })).rejects.toThrow(/threshold/);
  });

  it('uses threads only for two or more columns and 500k values or more', () => {
    const source = (rows: number) =>
      ({ kind: 'cache', path: 'x.cols', dataStart: 8, offset: 0, rows }) as const;
    const task = (rows: number): NumericColumnTask => ({
      name: 'x',
      reference: source(rows),
      current: source(rows),
      override: {},
      note: null,
    });
    expect(poolThreads([task(1_000_000)])).toBe(0);
    expect(poolThreads([task(100), task(100)])).toBe(0);
    expect(poolThreads([task(200_000), task(200_000)])).toBeGreaterThan(0);
  });
});
