import { gzipSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import { finishColumn } from '../finishColumns.js';
import { columnsToTable } from '../loadTable.js';
import { readTable, type ReadOptions } from './readTable.js';

const tempDir = useTempDirs();

function write(name: string, content: string | Uint8Array): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

/** Reads a file the way an import does and returns what a user would see of it. */
async function read(name: string, content: string | Uint8Array, options: ReadOptions = {}) {
  const result = await readTable(write(name, content), name, options);
  const columns = result.builder.columns.map((c) => finishColumn(c, undefined, result.warnings));
  const table = columnsToTable(columns, result.builder.rows);
  return {
    ...result,
    names: table.header,
    types: columns.map((c) => c.type),
    missing: columns.map((c) => c.missing),
    rows: table.rows,
  };
}

const refused = (name: string, content: string | Uint8Array, options: ReadOptions = {}) =>
  readTable(write(name, content), name, options);

describe('readers: imported correctly', () => {
  it('a UTF-8 BOM with ; delimiters', async () => {
    const r = await read('bom.csv', '\ufeffname;score\nada;1,5\nbob;2\n');
    expect(r.delimiter).toBe(';');
    expect(r.names).toEqual(['name', 'score']);
    expect(r.rows).toEqual([
      ['ada', '1,5'],
      ['bob', '2'],
    ]);
  });
  it('quoted fields holding newlines, commas and doubled quotes', async () => {
    const r = await read('q.csv', 'id,note\n1,"line one\nline two"\n2,"a, b and ""c"""\n3,plain\n');
    expect(r.rows).toEqual([
      ['1', 'line one\nline two'],
      ['2', 'a, b and "c"'],
      ['3', 'plain'],
    ]);
  });
  it('CRLF line ends, in and out of quotes', async () => {
    const r = await read('crlf.csv', 'a,b\r\n1,"x\r\ny"\r\n2,z\r\n');
    expect(r.names).toEqual(['a', 'b']);
    expect(r.rows).toEqual([
      ['1', 'x\r\ny'],
      ['2', 'z'],
    ]);
  });
  it('TSV', async () => {
    const r = await read('t.tsv', 'a\tb c\n1\tx y\n2\tz\n');
    expect(r.delimiter).toBe('\t');
    expect(r.names).toEqual(['a', 'b c']);
  });
  it('a pipe-delimited file, and no header row with noHeader', async () => {
    const r = await read('p.txt', '1|x\n2|y\n', { noHeader: true });
    expect(r.names).toEqual(['column_1', 'column_2']);
    expect(r.rows).toEqual([
      ['1', 'x'],
      ['2', 'y'],
    ]);
  });
  it('duplicate column names are made unique and reported', async () => {
    const r = await read('dup.csv', 'a,a,b,a\n1,2,3,4\n');
    expect(r.names).toEqual(['a', 'a_2', 'b', 'a_3']);
    expect(r.warnings).toContain('duplicate column names made unique: a → a_2, a → a_3');
  });
  it('NA, N/A, NaN, null, None and empty cells are missing', async () => {
    const r = await read('m.csv', 'x,y\n1,NA\nN/A,NaN\n3,null\n,None\n5,\n');
    expect(r.types).toEqual(['numeric', 'text']);
    expect(r.missing).toEqual([2, 5]);
  });
  it('booleans in any case and dates with missing cells, after ; is sniffed', async () => {
    const r = await read(
      's.csv',
      'x;flag;when\n1;true;2024-01-02\nNA;false;\nN/A;TRUE;2024-03-04\n',
    );
    expect(r.types).toEqual(['numeric', 'boolean', 'datetime']);
    expect(r.missing).toEqual([2, 0, 1]);
  });
  it('a column of mixed numbers and words is categorical', async () => {
    const r = await read('mixed.csv', 'v\n1\n2\nthree\n4\n');
    expect(r.types).toEqual(['categorical']);
    expect(r.rows.map((row) => row[0])).toEqual(['1', '2', 'three', '4']);
  });
  it('Windows-1252 text is decoded as such and the import says so', async () => {
    const bytes = Buffer.from([
      ...Buffer.from('city\n'),
      0x4d,
      0xfc,
      0x6e,
      0x63,
      0x68,
      0x65,
      0x6e,
      0x0a,
      ...Buffer.from('caf'),
      0xe9,
      0x0a,
    ]);
    const r = await read('cp.csv', bytes);
    expect(r.encoding).toBe('windows-1252');
    expect(r.rows).toEqual([['München'], ['café']]);
    expect(r.warnings).toContain('cp.csv is not valid UTF-8; it was read as Windows-1252');
  });
  it('5,000 columns', async () => {
    const header = Array.from({ length: 5000 }, (_, i) => `c${i}`).join(',');
    const row = Array.from({ length: 5000 }, (_, i) => String(i)).join(',');
    const r = await read('wide.csv', `${header}\n${row}\n${row}\n`);
    expect(r.names).toHaveLength(5000);
    expect(r.rows[1]![4999]).toBe('4999');
  });
  it('a column kept as text (a non-numeric type override) keeps numbers as written', async () => {
    const r = await read('z.csv', 'zip,n\n02139,1.50\n10001,2\n', {
      textColumns: new Set(['zip']),
    });
    expect(r.types).toEqual(['categorical', 'numeric']);
    expect(r.rows).toEqual([
      ['02139', '1.5'],
      ['10001', '2'],
    ]);
  });
  it('the preview keeps the first rows as written', async () => {
    const r = await read('pv.csv', 'zip\n02139\n10001\n', { maxRows: 1 });
    expect(r.rawRows).toEqual([['02139']]);
  });
  it('names and cells that look like HTML or formulas are kept verbatim', async () => {
    const r = await read(
      'x.csv',
      '<b>name</b>,=SUM(A1:A2)\n<script>alert(1)</script>,=HYPERLINK("x")\n',
    );
    expect(r.names).toEqual(['<b>name</b>', '=SUM(A1:A2)']);
    expect(r.rows).toEqual([['<script>alert(1)</script>', '=HYPERLINK("x")']]);
  });
  it('JSON: an array of objects, keys in first-seen order', async () => {
    const r = await read(
      'd.json',
      JSON.stringify([
        { a: 1, b: 'x' },
        { a: 2, c: true },
        { b: null, a: 3 },
      ]),
    );
    expect(r.names).toEqual(['a', 'b', 'c']);
    expect(r.rows).toEqual([
      ['1', 'x', ''],
      ['2', '', 'true'],
      ['3', '', ''],
    ]);
  });
  it('JSON Lines, blank lines ignored', async () => {
    const r = await read('d.jsonl', '{"a":1,"b":"x"}\n\n{"a":2,"b":"y"}\n');
    expect(r.names).toEqual(['a', 'b']);
    expect(r.rows).toEqual([
      ['1', 'x'],
      ['2', 'y'],
    ]);
  });
  it('gzip-compressed CSV', async () => {
    const r = await read('g.csv.gz', gzipSync('a,b\n1,x\n2,y\n'));
    expect(r.rows).toEqual([
      ['1', 'x'],
      ['2', 'y'],
    ]);
  });
  it('Parquet', async () => {
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'n', data: [1.5, 2.5, null] },
        { name: 's', data: ['a', 'b', 'c'] },
      ],
    });
    const r = await read('d.parquet', new Uint8Array(buffer));
    expect(r.names).toEqual(['n', 's']);
    expect(r.rows).toEqual([
      ['1.5', 'a'],
      ['2.5', 'b'],
      ['', 'c'],
    ]);
  });
  it('Parquet with several row groups', async () => {
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'i', data: [1, 2, 3, 4, 5] },
        { name: 's', data: ['a', 'b', 'c', 'd', 'e'] },
      ],
      rowGroupSize: 2,
    });
    const r = await read('groups.parquet', new Uint8Array(buffer));
    expect(r.rows).toEqual([
      ['1', 'a'],
      ['2', 'b'],
      ['3', 'c'],
      ['4', 'd'],
      ['5', 'e'],
    ]);
  });
  it('Arrow IPC', async () => {
    const bytes = tableToIPC(
      tableFromArrays({ x: Float64Array.from([1, 2]), y: ['p', 'q'] }),
      'file',
    );
    const r = await read('d.arrow', bytes);
    expect(r.names).toEqual(['x', 'y']);
    expect(r.rows).toEqual([
      ['1', 'p'],
      ['2', 'q'],
    ]);
  });
  it('a multi-megabyte CSV read in several chunks hashes the raw bytes', async () => {
    const body = `a,b\n${'1,"x\ny"\n'.repeat(300_000)}`;
    const r = await readTable(write('big.csv', body), 'big.csv');
    expect(r.builder.rows).toBe(300_000);
    const { createHash } = await import('node:crypto');
    expect(r.hash).toBe(`sha256:${createHash('sha256').update(body).digest('hex')}`);
  });
});

describe('readers: refused with one line', () => {
  it('an empty file', async () => {
    await expect(refused('empty.csv', '')).rejects.toThrow(/^empty\.csv is empty$/);
  });
  it('a file of blank lines', async () => {
    await expect(refused('blank.csv', '\n\n  \n\n')).rejects.toThrow(
      /^blank\.csv has no data \(only blank lines\)$/,
    );
  });
  it('random binary named .csv', async () => {
    await expect(
      refused('x.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
    ).rejects.toThrow(/^x\.csv is not a CSV file \(it holds binary data\)$/);
  });
  it('an image by its extension', async () => {
    await expect(refused('photo.png', Buffer.from([0x89, 0x50]))).rejects.toThrow(
      /^photo\.png is not a CSV file or another format Benchtop reads/,
    );
  });
  it('invalid JSON', async () => {
    await expect(refused('bad.json', '[{"a": 1},')).rejects.toThrow(
      /^bad\.json is not valid JSON: /,
    );
  });
  it('JSON that is not an array of objects', async () => {
    await expect(refused('obj.json', '{"a": 1}')).rejects.toThrow(
      /^obj\.json must hold an array of objects \(one per row\)$/,
    );
  });
  it('a JSON Lines file with a bad line names the line', async () => {
    await expect(refused('bad.jsonl', '{"a":1}\n{"a":\n')).rejects.toThrow(
      /^bad\.jsonl: line 2 is not valid JSON$/,
    );
  });
  it('a truncated Parquet file', async () => {
    const buffer = new Uint8Array(
      parquetWriteBuffer({ columnData: [{ name: 'n', data: [1, 2, 3] }] }),
    );
    await expect(refused('cut.parquet', buffer.subarray(0, buffer.length - 10))).rejects.toThrow(
      /^cut\.parquet is not a valid Parquet file \(/,
    );
  });
  it('a path that does not exist', async () => {
    await expect(readTable(join(tempDir(), 'nope.csv'), 'nope.csv')).rejects.toThrow(
      /^no such file: .*nope\.csv$/,
    );
  });
  it('a folder', async () => {
    const dir = tempDir();
    await expect(readTable(dir, 'dir.csv')).rejects.toThrow(/is a folder, not a file$/);
  });
});

describe('readers: either, and say which', () => {
  it('a header with no rows is refused', async () => {
    await expect(refused('head.csv', 'a,b\n')).rejects.toThrow(
      /^head\.csv has a header but no data rows$/,
    );
  });
  it('ragged rows are refused naming the first bad line', async () => {
    await expect(refused('r.csv', 'a,b\n1,2\n"x\ny",3\n4\n')).rejects.toThrow(
      /^r\.csv: line 5 has 1 fields but the header has 2 \(use --skip-bad-lines to skip such lines\)$/,
    );
  });
  it('ragged rows are skipped and counted with skipBadLines', async () => {
    const r = await read('r.csv', 'a,b\n1,2\n3\n4,5,6\n7,8\n', { skipBadLines: true });
    expect(r.rows).toEqual([
      ['1', '2'],
      ['7', '8'],
    ]);
    expect(r.skipped).toBe(2);
    expect(r.warnings).toContain(
      'skipped 2 bad lines (a different number of fields than the header)',
    );
  });
  it('an unterminated quote is refused naming its line', async () => {
    await expect(refused('u.csv', 'a,b\n1,2\n3,"never closed\n4,5\n')).rejects.toThrow(
      /^u\.csv: line 3 opens a quoted field that is never closed$/,
    );
  });
  it('a .gz that is not gzip is refused', async () => {
    await expect(refused('fake.csv.gz', 'a,b\n1,2\n')).rejects.toThrow(
      /^fake\.csv\.gz is not gzip data \(its name ends in \.gz\)$/,
    );
  });
  it('damaged gzip data is refused', async () => {
    const gz = gzipSync('a,b\n'.repeat(1000));
    await expect(refused('cut.csv.gz', gz.subarray(0, gz.length / 2))).rejects.toThrow(
      /^cut\.csv\.gz: the gzip data is damaged \(/,
    );
  });
  it('a file that changes while it is read is refused', async () => {
    const path = write('moving.csv', `a,b\n${'1,2\n'.repeat(600_000)}`);
    let touched = false;
    const onProgress = () => {
      if (touched) return;
      touched = true;
      writeFileSync(path, '3,4\n', { flag: 'a' });
    };
    await expect(readTable(path, 'moving.csv', { onProgress })).rejects.toThrow(
      /^moving\.csv changed while it was being imported; nothing was stored, import it again$/,
    );
  });
});
