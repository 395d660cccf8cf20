import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterEach, describe, expect, it } from 'vitest';
import { TABLE_MAX_ROWS, TABLE_PREVIEW_ROWS } from '../../../shared/api/artifactPreview.js';
import { openCore, type CoreHandle } from '../core.js';
import { useTempDirs } from '../../testing/tempDir.js';

/** A table preview pages through the first 10,000 rows, 500 at a time. */
describe('table preview pages', () => {
  const tempDir = useTempDirs();
  let core: CoreHandle;
  afterEach(async () => core?.close());

  async function runWith(files: Record<string, string | Buffer>) {
    const dataDir = tempDir();
    core = openCore({ dataDir });
    const experiment = await core.call('experiments.create', { name: 'e' });
    const run = await core.call('runs.start', { experimentId: experiment.id });
    const root = join(dataDir, 'artifacts', 'runs', String(run.id));
    mkdirSync(root, { recursive: true });
    for (const [path, bytes] of Object.entries(files)) writeFileSync(join(root, path), bytes);
    return run.id;
  }

  /** Every row the preview and its pages show, and how many requests that took. */
  async function pageThrough(runId: number, path: string) {
    const first = await core.call('artifacts.preview', { runId, path });
    if (first.kind !== 'table') throw new Error(`not a table: ${JSON.stringify(first)}`);
    const rows = [...first.rows];
    let next = first.next;
    let requests = 1;
    while (next !== null) {
      const page = await core.call('artifacts.tableRows', {
        runId,
        path,
        cursor: next,
        row: rows.length,
      });
      expect(page.rows.length).toBeLessThanOrEqual(TABLE_PREVIEW_ROWS);
      rows.push(...page.rows);
      next = page.next;
      requests++;
    }
    return { first, rows, requests };
  }

  it('reads a CSV page by page from byte cursors (quoted newlines, a BOM, multi-byte text), up to 10,000 rows', async () => {
    const row = (i: number) => [String(i), `"line ${i}\nsecond, half"`, `é€${i}`];
    const csv =
      '\uFEFFid,note,text\r\n' +
      Array.from({ length: 12_000 }, (_, i) => row(i).join(',')).join('\r\n') +
      '\n';
    const runId = await runWith({ 'big.csv': csv });
    const { first, rows, requests } = await pageThrough(runId, 'big.csv');
    expect(first).toMatchObject({
      columns: ['id', 'note', 'text'],
      total_rows: null,
      truncated: true,
    });
    expect(first.rows).toHaveLength(TABLE_PREVIEW_ROWS);
    expect(rows).toHaveLength(TABLE_MAX_ROWS);
    expect(requests).toBe(TABLE_MAX_ROWS / TABLE_PREVIEW_ROWS);
    expect(
      rows.every(
        (r, i) => r[0] === String(i) && r[1] === `line ${i}\nsecond, half` && r[2] === `é€${i}`,
      ),
    ).toBe(true);
  });

  it('stops at the end of a shorter CSV, and pages a TSV', async () => {
    const tsv = 'a\tb\n' + Array.from({ length: 1234 }, (_, i) => `${i}\tx${i}`).join('\n');
    const runId = await runWith({ 'mid.tsv': tsv });
    const { rows, requests } = await pageThrough(runId, 'mid.tsv');
    expect(rows).toHaveLength(1234);
    expect(rows.at(-1)).toEqual(['1233', 'x1233']);
    expect(requests).toBe(3);
  });

  it('reads a Parquet file page by page from row cursors, up to 10,000 rows', async () => {
    const n = 10_600;
    const parquet = parquetWriteBuffer({
      columnData: [
        { name: 'id', data: Int32Array.from({ length: n }, (_, i) => i), type: 'INT32' },
        { name: 's', data: Array.from({ length: n }, (_, i) => `row ${i}`), type: 'STRING' },
      ],
      rowGroupSize: 3000,
    });
    const runId = await runWith({ 't.parquet': Buffer.from(parquet) });
    const { first, rows } = await pageThrough(runId, 't.parquet');
    expect(first).toMatchObject({ total_rows: n, truncated: true, next: TABLE_PREVIEW_ROWS });
    expect(rows).toHaveLength(TABLE_MAX_ROWS);
    expect(rows.every((r, i) => r[0] === i && r[1] === `row ${i}`)).toBe(true);
  });

  it('refuses rows past the cap, a file that is no table, and a cursor past the end, each in one line', async () => {
    const runId = await runWith({ 'a.csv': 'x\n1\n', 'notes.txt': 'hi', 'bad.parquet': 'nope' });
    const rows = (path: string, cursor: number, row = 0) =>
      core.call('artifacts.tableRows', { runId, path, cursor, row });
    await expect(rows('a.csv', 2, TABLE_MAX_ROWS)).rejects.toThrow(
      'a table preview shows at most the first 10,000 rows: download the file for the rest',
    );
    await expect(rows('notes.txt', 0)).rejects.toThrow(
      'notes.txt is not a CSV, TSV or Parquet table',
    );
    await expect(rows('a.csv', 99)).rejects.toThrow('a.csv has no rows at byte 99: open it again');
    await expect(rows('bad.parquet', 0)).rejects.toThrow(
      /^bad\.parquet is not a readable Parquet file/,
    );
  });
});
