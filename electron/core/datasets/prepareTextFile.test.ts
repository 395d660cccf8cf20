import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { readCacheColumn, readColumnarLayout } from './columnarCache.js';
import { firstRows } from './firstRows.js';
import { loadTable } from './loadTable.js';
import { prepareVersion, type PrepareInput } from './prepareVersion.js';

const tempDir = useTempDirs();

/**
 * Several read chunks of mixed columns: mostly distinct names, numbers that turn to words late,
 * thousands of distinct dates, quoted notes with commas and accents, a column of numbers and words
 * (overridden to numeric), and a low-cardinality flag.
 */
function mixedCsv(rows: number): string {
  const lines = ['id,name,late,day,note,code,flag'];
  for (let i = 0; i < rows; i++) {
    const name = `user_${(i * 7919) % (rows - 1000)}`;
    const late = i < 60_000 ? (i % 11 === 0 ? 'NA' : String(i * 0.25)) : `w${i}`;
    const day = `20${10 + (i % 14)}-0${1 + (i % 9)}-${10 + (i % 19)}`;
    const note = i % 7 === 0 ? '' : i % 3 === 0 ? `"é ${i % 4000}, a longer note"` : `n${i % 900}`;
    const code = i % 4 === 0 ? `x${i}` : String(i * 1.5);
    lines.push(`${i},${name},${late},${day},${note},${code},${['yes', 'no', 'NA'][i % 3]}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Every column of a cache read back on its own (drift's way), as text per row. */
function cacheCells(path: string): string[][] {
  const layout = readColumnarLayout(path);
  return layout.columns.map((_, i) => {
    const c = readCacheColumn(path, layout, i);
    return Array.from({ length: layout.rows }, (_, r) =>
      c.type === 'numeric'
        ? String(c.nums[r])
        : c.codes[r]! < 0
          ? '<missing>'
          : c.values[c.codes[r]!]!,
    );
  });
}

async function compare(path: string, fileName: string, options: PrepareInput['options']) {
  const dir = join(path, '..');
  const run = (label: string, extra: Partial<PrepareInput>) =>
    prepareVersion({ path, fileName, dataDir: join(dir, label), options, ...extra });
  const reference = await run('reference', { dictionaryBudget: Number.MAX_SAFE_INTEGER });
  expect(readFileSync(reference.storage_path).toString('latin1', 0, 8)).toBe('BTCOLS2\n');
  const table = await loadTable(reference.storage_path);
  const cells = cacheCells(reference.storage_path);
  const first = await firstRows(reference.storage_path, 50);
  for (const [label, extra] of [
    ['spilled', { dictionaryBudget: 1 << 12 }],
    ['spilled-spooled', { dictionaryBudget: 1 << 12, memoryBudget: 1 << 16 }],
  ] as const) {
    const spilled = await run(label, extra);
    // The columns that left their dictionary are stored as text records (cache version 3).
    expect(readFileSync(spilled.storage_path).toString('latin1', 0, 8)).toBe('BTCOLS3\n');
    expect(readColumnarLayout(spilled.storage_path).columns.some((c) => c.text_bytes)).toBe(true);
    expect(spilled.profile).toEqual(reference.profile);
    expect(spilled.columns).toEqual(reference.columns);
    expect(spilled.warnings).toEqual(reference.warnings);
    expect(await loadTable(spilled.storage_path)).toEqual(table);
    expect(cacheCells(spilled.storage_path)).toEqual(cells);
    expect(await firstRows(spilled.storage_path, 50)).toEqual(first);
    expect(readdirSync(join(dir, label, 'datasets', 'tmp'))).toEqual([]);
  }
  return reference;
}

describe('prepareVersion: text columns past the dictionary budget become text records', () => {
  it('gives the same profile, cache and read-back values as keeping every dictionary', async () => {
    const dir = tempDir();
    const path = join(dir, 'mixed.csv');
    const rows = 150_000;
    writeFileSync(path, mixedCsv(rows));
    const prepared = await compare(path, 'mixed.csv', { types: { code: 'numeric' } });
    expect(prepared.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'numeric'],
      ['name', 'text'],
      ['late', 'text'],
      ['day', 'datetime'],
      ['note', 'categorical'],
      ['code', 'numeric'],
      ['flag', 'boolean'],
    ]);
    expect(prepared.warnings).toEqual([
      `code: ${rows / 4} values that are not numbers count as missing`,
    ]);
    const name = prepared.profile.columns[1]!;
    expect(name.distinct).toBe(rows - 1000);
    expect(name.top?.slice(0, 2)).toEqual([
      { value: 'user_0', count: 2 },
      { value: 'user_100110', count: 2 }, // values ascending among equal counts
    ]);
  });

  it('an override to a text type is kept; JSON Lines keys first seen late, and lone surrogates, read back as written', async () => {
    const dir = tempDir();
    const path = join(dir, 'rows.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < 120_000; i++) {
      const row: Record<string, unknown> = { id: i, city: `c${i % 5}` };
      if (i >= 90_000) row.tag = i % 10 === 0 ? null : `t${i}\ud800`;
      lines.push(JSON.stringify(row));
    }
    writeFileSync(path, `${lines.join('\n')}\n`);
    const prepared = await compare(path, 'rows.jsonl', { types: { id: 'categorical' } });
    expect(prepared.columns.map((c) => [c.name, c.type, c.missing])).toEqual([
      ['id', 'categorical', 0],
      ['city', 'categorical', 0],
      ['tag', 'text', 90_000 + 3_000],
    ]);
    const table = await loadTable(prepared.storage_path);
    expect(table.rows[90_001]![2]).toBe('t90001\ud800');
  });

  it('a Parquet string column past the budget, row group by row group', async () => {
    const dir = tempDir();
    const path = join(dir, 'words.parquet');
    const rows = 60_000;
    const words = Array.from({ length: rows }, (_, i) =>
      i % 9 === 0 ? null : `word ${(i * 7919) % 50_000} ✓`,
    );
    const id = Array.from({ length: rows }, (_, i) => i);
    const columnData = [
      { name: 'id', data: id, type: 'INT32' as const },
      { name: 'word', data: words, type: 'STRING' as const },
    ];
    writeFileSync(path, new Uint8Array(parquetWriteBuffer({ columnData, rowGroupSize: 5_000 })));
    const prepared = await compare(path, 'words.parquet', { types: {} });
    expect(prepared.columns.map((c) => [c.name, c.type, c.missing])).toEqual([
      ['id', 'numeric', 0],
      ['word', 'text', Math.ceil(rows / 9)],
    ]);
  });
});
