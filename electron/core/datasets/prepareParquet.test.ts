import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { loadTable } from './loadTable.js';
import { prepareVersion } from './prepareVersion.js';
import type { ReadProgress } from './readers/readTable.js';
import { readTable } from './readers/readTable.js';

const tempDir = useTempDirs();

/** ROWS rows in groups of GROUP: an integer id, a float with a null every 97th row, a word column. */
function parquet(rows: number, group: number): Uint8Array {
  const id = Array.from({ length: rows }, (_, i) => i);
  const x = Array.from({ length: rows }, (_, i) => (i % 97 === 0 ? null : i * 0.5 - 1000));
  const s = Array.from({ length: rows }, (_, i) => `w${i % 7}`);
  return new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: 'id', data: id, type: 'INT32' },
        { name: 'x', data: x, type: 'DOUBLE' },
        { name: 's', data: s, type: 'STRING' },
      ],
      rowGroupSize: group,
    }),
  );
}

describe('Parquet import in bounded memory', () => {
  it('row group by row group, spooled to disk, equals the in-memory read; the hash is of the whole file', async () => {
    const dir = tempDir();
    const path = join(dir, 'big.parquet');
    const rows = 200_000;
    writeFileSync(path, parquet(rows, 10_000));
    const progress: ReadProgress[] = [];
    const prepared = await prepareVersion({
      path,
      fileName: 'big.parquet',
      dataDir: join(dir, 'data'),
      options: { types: {} },
      memoryBudget: 1 << 20, // spill after the first row groups
      onProgress: (p) => progress.push(p),
    });

    expect(prepared.rows).toBe(rows);
    expect(prepared.hash).toBe(
      `sha256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`,
    );
    expect(prepared.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'numeric'],
      ['x', 'numeric'],
      ['s', 'categorical'],
    ]);
    const x = prepared.profile.columns[1]!;
    expect(x.missing).toBe(Math.ceil(rows / 97));
    expect(x.stats?.min).toBe(-999.5);
    expect(x.stats?.max).toBe((rows - 1) * 0.5 - 1000);
    // Progress follows the row groups: rows grow step by step, bytes reach the whole file.
    const rowSteps = new Set(progress.map((p) => p.rows));
    expect(rowSteps.size).toBeGreaterThan(10);
    expect(progress.at(-1)).toMatchObject({ rows, bytes: readFileSync(path).length });

    const cached = await loadTable(prepared.storage_path);
    const direct = await loadTable(path);
    expect(cached.header).toEqual(['id', 'x', 's']);
    expect(cached.rows.length).toBe(rows);
    for (const i of [0, 1, 97, 9_999, 10_000, 123_456, rows - 1])
      expect(cached.rows[i]).toEqual(direct.rows[i]);
    expect(cached.rows[97]).toEqual(['97', '', 'w6']);
    expect(readdirSync(join(dir, 'data', 'datasets', 'tmp'))).toEqual([]);
  });

  it('a preview decodes only the rows it shows', async () => {
    const path = join(tempDir(), 'p.parquet');
    writeFileSync(path, parquet(50_000, 1_000));
    const read = await readTable(path, 'p.parquet', { maxRows: 100 });
    expect(read.builder.rows).toBe(100);
    expect(read.builder.columns[0]!.nums.subarray(0, 100).at(-1)).toBe(99);
  });

  it('a damaged page header in a later row group is refused with one line, nothing stored', async () => {
    const dir = tempDir();
    const bytes = parquet(30_000, 10_000);
    const meta = parquetMetadata(bytes.buffer as ArrayBuffer);
    const chunk = meta.row_groups[2]!.columns[1]!.meta_data!;
    const at = Number(chunk.dictionary_page_offset ?? chunk.data_page_offset);
    bytes.fill(0xff, at, at + 16);
    const path = join(dir, 'damaged.parquet');
    writeFileSync(path, bytes);
    const dataDir = join(dir, 'data');
    const attempt = prepareVersion({
      path,
      fileName: 'damaged.parquet',
      dataDir,
      options: { types: {} },
    });
    await expect(attempt).rejects.toThrow(
      /^damaged\.parquet is not a valid Parquet file \([^\n]*\)$/,
    );
    expect(readdirSync(join(dataDir, 'datasets', 'tmp'))).toEqual([]);
    expect(readdirSync(join(dataDir, 'datasets'))).toEqual(['tmp']);
  });
});
