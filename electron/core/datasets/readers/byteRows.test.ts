import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import { finishColumn } from '../finishColumns.js';
import { columnsToTable } from '../loadTable.js';
import { readTable, type ReadOptions } from './readTable.js';

const tempDir = useTempDirs();

const FIELDS = [
  '0',
  '-0',
  '+7',
  '1.5',
  '-12.25',
  '.5',
  '5.',
  '1e3',
  '2.5E-3',
  '1e400',
  '1e',
  '-',
  '.',
  '123456789012345678',
  '0.1234567890123456789',
  '9007199254740993',
  '00012',
  'NA',
  'N/A',
  'null',
  '',
  ' 3',
  '3 ',
  'word',
  'é',
  '"quoted, with comma"',
  '"two\nlines"',
  'x\ry',
  '1\r',
];

/** What a user would see of a table: names, types, missing counts and every cell as text. */
async function seen(path: string, options: ReadOptions) {
  const r = await readTable(path, 'f.csv', options);
  const columns = r.builder.columns.map((c) => finishColumn(c, undefined, []));
  const table = columnsToTable(columns, r.builder.rows);
  return {
    names: table.header,
    types: columns.map((c) => c.type),
    missing: columns.map((c) => c.missing),
    rows: table.rows,
    encoding: r.encoding,
  };
}

describe('the byte-level CSV fast path', () => {
  it('reads every file exactly as the text path does (the preview path never takes the fast path)', async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.array(fc.constantFrom(...FIELDS), { minLength: n, maxLength: n }), {
              minLength: 1,
              maxLength: 30,
            }),
            fc.boolean(),
            fc.constantFrom(',', ';', '\t', '|'),
          ),
        ),
        async ([n, rows, crlf, delimiter]) => {
          const eol = crlf ? '\r\n' : '\n';
          const header = Array.from({ length: n }, (_, i) => `c${i}`).join(delimiter);
          const path = join(dir, 'f.csv');
          writeFileSync(path, [header, ...rows.map((r) => r.join(delimiter))].join(eol) + eol);
          const fast = await seen(path, { delimiter }).catch((e: Error) => e.message);
          const text = await seen(path, { delimiter, maxRows: 1e9 }).catch((e: Error) => e.message);
          expect(fast).toEqual(text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('numbers parsed from bytes equal JavaScript parsing of their text', async () => {
    const path = join(tempDir(), 'n.csv');
    const values = [
      '0.1',
      '-0.000001',
      '123456.7890123',
      '999999999999999',
      '1.7976931348623157e308',
      '4.9e-324',
      '2.2250738585072014e-308',
      '12345678.12345678',
    ];
    let seed = 3;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 5000; i++)
      values.push(
        (random() * 10 ** (i % 9) - 5).toFixed(i % 12),
        `${(random() * 1000).toFixed(3)}e${(i % 40) - 20}`,
      );
    writeFileSync(path, `x\n${values.join('\n')}\n`);
    const r = await readTable(path, 'n.csv');
    const col = r.builder.columns[0]!;
    expect(Array.from(col.nums.subarray(0, col.length))).toEqual(values.map(Number));
  });
});
