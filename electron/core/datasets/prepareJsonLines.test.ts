import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { loadTable } from './loadTable.js';
import { prepareVersion } from './prepareVersion.js';

const tempDir = useTempDirs();

describe('JSON Lines import in bounded memory', () => {
  it('spools rows to disk; a key first seen after a spill is missing in the rows before it', async () => {
    const dir = tempDir();
    const path = join(dir, 'rows.jsonl');
    const rows = 400_000;
    const late = 380_000; // keys `late` and `word` first appear here, long after the first spill
    const lines: string[] = [];
    for (let i = 0; i < rows; i++) {
      const row: Record<string, unknown> = { id: i, x: i % 50 === 0 ? null : i / 4 };
      if (i >= late) Object.assign(row, { late: i - late, word: `w${i % 3}` });
      lines.push(JSON.stringify(row));
    }
    writeFileSync(path, `${lines.join('\n')}\n`);
    const prepared = await prepareVersion({
      path,
      fileName: 'rows.jsonl',
      dataDir: join(dir, 'data'),
      options: { types: {} },
      memoryBudget: 1 << 20,
    });

    expect(prepared.rows).toBe(rows);
    expect(prepared.columns.map((c) => [c.name, c.type, c.missing])).toEqual([
      ['id', 'numeric', 0],
      ['x', 'numeric', rows / 50],
      ['late', 'numeric', late],
      ['word', 'categorical', late],
    ]);
    expect(prepared.columns.slice(2).map((c) => c.distinct)).toEqual([rows - late, 3]);
    const table = await loadTable(prepared.storage_path);
    expect(table.rows[0]).toEqual(['0', '', '', '']);
    expect(table.rows[late - 1]).toEqual([String(late - 1), String((late - 1) / 4), '', '']);
    expect(table.rows[late]).toEqual([String(late), '', '0', `w${late % 3}`]);
    expect(table.rows[rows - 1]).toEqual([
      String(rows - 1),
      String((rows - 1) / 4),
      String(rows - 1 - late),
      `w${(rows - 1) % 3}`,
    ]);
    expect(readdirSync(join(dir, 'data', 'datasets', 'tmp'))).toEqual([]);
  });
});
