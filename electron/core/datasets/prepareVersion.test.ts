import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { loadTable } from './loadTable.js';
import { prepareVersion } from './prepareVersion.js';

const tempDir = useTempDirs();

/** Rows enough for several 4 MB read chunks; `kind` turns from numbers to words near the end. */
function bigCsv(rows: number): string {
  const lines = ['id,x,kind,note'];
  for (let i = 0; i < rows; i++) {
    const x = i % 97 === 0 ? 'NA' : (i * 0.37 - 1000).toFixed(3);
    const kind = i < rows - 3 ? String(i % 5) : 'many';
    // A quoted field now and then sends a line down the text path.
    const note = i % 5000 === 0 ? `"a, ""quoted"" note ${i}"` : `n${i % 7}`;
    lines.push(`${i},${x},${kind},${note}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('prepareVersion: streamed columns', () => {
  it('a file of several chunks, spooled to disk column by column, equals the in-memory read', async () => {
    const dir = tempDir();
    const path = join(dir, 'big.csv');
    const rows = 250_000;
    writeFileSync(path, bigCsv(rows));
    const dataDir = join(dir, 'data');
    const memoryBudget = 1 << 20; // spill after the first chunk
    const prepared = await prepareVersion({
      path,
      fileName: 'big.csv',
      dataDir,
      options: { types: { id: 'categorical' } },
      memoryBudget,
    });

    expect(prepared.rows).toBe(rows);
    expect(prepared.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'categorical'],
      ['x', 'numeric'],
      ['kind', 'categorical'],
      ['note', 'categorical'],
    ]);
    const x = prepared.profile.columns[1]!;
    expect(x.missing).toBe(Math.ceil(rows / 97));
    expect(x.stats?.min).toBe(-1000 + 0.37);
    const kind = prepared.profile.columns[2]!;
    expect(kind.top?.map((t) => t.value)).toEqual(['0', '1', '2', '3', '4', 'many']);
    expect(kind.top?.at(-1)?.count).toBe(3);

    const cached = await loadTable(prepared.storage_path);
    const direct = await loadTable(path);
    expect(cached.header).toEqual(direct.header);
    expect(cached.rows.length).toBe(rows);
    for (const i of [0, 1, 96, 97, 5000, 123_456, rows - 4, rows - 1])
      expect(cached.rows[i]).toEqual(direct.rows[i]);
    expect(cached.rows[5000]![3]).toBe('a, "quoted" note 5000');
    // The scratch files are gone; only the original and its cache stay.
    expect(readdirSync(join(dataDir, 'datasets', 'tmp'))).toEqual([]);
  });
});

describe('prepareVersion: numeric columns profiled on a second thread', () => {
  /** Numbers in several columns: missing values, infinities (a warning each), a constant and a text column. */
  function numbersCsv(rows: number): string {
    const lines = ['a,b,c,d,e,t'];
    for (let i = 0; i < rows; i++) {
      const a = i % 13 === 0 ? 'NA' : String(Math.sin(i) * 1e6);
      const b = i === 5 ? '1e999' : i === 9 ? '-1e999' : String((i * 7919) % 1000);
      const d = i % 3 === 0 ? '' : String(i * 1e-9);
      const e = i === 2 ? '-1e999' : String(-i);
      lines.push(`${a},${b},4.5,${d},${e},w${i % 3}`);
    }
    return `${lines.join('\n')}\n`;
  }

  it('gives the same profiles, columns and warnings in the same order as one thread, spooled or not', async () => {
    const dir = tempDir();
    const path = join(dir, 'numbers.csv');
    writeFileSync(path, numbersCsv(30_000));
    const run = (profileThreadFrom: number, memoryBudget?: number) =>
      prepareVersion({
        path,
        fileName: 'numbers.csv',
        dataDir: join(dir, `data-${profileThreadFrom}-${memoryBudget ?? 0}`),
        options: { types: {} },
        profileThreadFrom,
        ...(memoryBudget ? { memoryBudget } : {}),
      });
    const one = await run(Number.POSITIVE_INFINITY);
    expect(one.warnings.filter((w) => w.includes('infinite'))).toHaveLength(2);
    for (const memoryBudget of [undefined, 1 << 16]) {
      const two = await run(0, memoryBudget);
      expect(two.profile).toEqual(one.profile);
      expect(two.columns).toEqual(one.columns);
      expect(two.warnings).toEqual(one.warnings);
      expect(two.hash).toBe(one.hash);
    }
  });
});
