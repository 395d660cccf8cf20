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
