import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import { TableBuilder } from '../tableBuilder.js';
import { ByteRows } from './byteRows.js';
import { BlockRows, commitBlock, type ParsedBlock } from './parseBlock.js';
import { readTable } from './readTable.js';

const tempDir = useTempDirs();

const FIELDS = [
  '0',
  '-0',
  '+7',
  '1.50',
  '.5',
  '1e3',
  '2.5E-3',
  '1e400',
  '-17906.832695007324',
  '123456789012345678',
  '0.1234567890123456789012',
  '00012',
  'NA',
  '',
  ' 3',
  'word',
  'x\ry',
  '"quoted, with comma"',
];

/** What a builder holds, column by column. */
function contents(b: TableBuilder) {
  return {
    rows: b.rows,
    columns: b.columns.map((c) => ({
      numeric: c.numeric,
      missing: c.missing,
      nums: Array.from(c.nums.subarray(0, c.numeric ? c.length : 0)),
      text: c.numeric ? [] : Array.from(c.codes.subarray(0, c.length), (k) => c.values[k] ?? null),
    })),
  };
}

describe('CSV lines parsed in blocks apart from the table (the parse thread)', () => {
  it('commit to exactly what the single-thread path gives, wherever the blocks are cut', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.array(fc.constantFrom(...FIELDS), { minLength: n, maxLength: n }), {
              minLength: 1,
              maxLength: 40,
            }),
            fc.boolean(),
            fc.array(fc.nat(), { maxLength: 4 }),
            fc.option(fc.nat({ max: 3 })),
          ),
        ),
        ([n, rows, crlf, cuts, textColumn]) => {
          const eol = crlf ? '\r\n' : '\n';
          const bytes = Buffer.from(rows.map((r) => r.join(',')).join(eol) + eol, 'latin1');
          const names = Array.from({ length: n }, (_, i) => `c${i}`);
          const text = new Set(textColumn === null ? [] : [`c${textColumn % n}`]);
          const one = new TableBuilder(names, text);
          const whole = new ByteRows(one, 44).add(bytes, 0);

          // Blocks cut at line starts, committed in order until one is not taken whole.
          const starts = [0];
          for (let i = 0; i < bytes.length - 1; i++) if (bytes[i] === 10) starts.push(i + 1);
          const at = [...new Set(cuts.map((c) => starts[c % starts.length]!))].sort(
            (a, b) => a - b,
          );
          const bounds = [...new Set([0, ...at, bytes.length])];
          const blocks = new TableBuilder(names, text);
          let next = 0;
          let reuse: ParsedBlock | undefined;
          for (let k = 0; k + 1 < bounds.length; k++) {
            const part = bytes.subarray(bounds[k], bounds[k + 1]);
            const block = new BlockRows(n, 44, 2, reuse).parse(part);
            commitBlock(blocks, block, part, 44);
            reuse = block;
            next = bounds[k]! + block.next;
            if (block.next < part.length) break;
          }
          expect(next).toBe(whole.next);
          expect(contents(blocks)).toEqual(contents(one));
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** The first line past `after` (and past the first chunk) starting in [from, to) MB of a 4 MB chunk (the front takes 30-70%). */
function lineAt(lines: string[], from: number, to: number, after = 0): number {
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const inChunk = offset % (4 << 20);
    if (i > after && offset > 4 << 20 && inChunk >= from * 2 ** 20 && inChunk < to * 2 ** 20)
      return i;
    offset += lines[i]!.length + 1;
  }
  throw new Error('the file is too small');
}
const inABackHalf = (lines: string[], after = 0) => lineAt(lines, 3, 3.5, after);
const inAFrontHalf = (lines: string[], after = 0) => lineAt(lines, 0.5, 1, after);

describe('CSV read with the parse thread', () => {
  it('equals the single-thread read, with a column turning to text and quotes in front and back halves', async () => {
    const dir = tempDir();
    const path = join(dir, 'big.csv');
    let s = 11;
    const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5) * 1e5;
    const lines = ['a,b,c'];
    for (let i = 0; i < 400_000; i++) lines.push(`${next()},${i},${i % 7 === 0 ? 'NA' : next()}`);
    // A word turns column c to text; quoted fields send the rest of their chunk to the text path.
    const word = inABackHalf(lines);
    lines[word] = lines[word]!.replace(/,[^,]*$/, ',word');
    const quoteInFront = inAFrontHalf(lines, word);
    const quoteInBack = inABackHalf(lines, quoteInFront);
    for (const q of [quoteInFront, quoteInBack]) lines[q] = `"q, ${q}",1,2`;
    writeFileSync(path, `${lines.join('\n')}\n`);
    const read = (parseThreadFrom: number) =>
      readTable(path, 'big.csv', {
        copyTo: join(dir, `copy-${parseThreadFrom}`),
        readAheadFrom: 0,
        parseThreadFrom,
        waitForParseThread: true,
      });
    const threaded = await read(0);
    const single = await read(Infinity);
    expect(threaded.builder.rows).toBe(400_000);
    expect(contents(threaded.builder)).toEqual(contents(single.builder));
    expect(threaded.builder.columns.map((c) => c.numeric)).toEqual([false, true, false]);
  });

  it('a bad line in a back half fails with its own line number', async () => {
    const dir = tempDir();
    const path = join(dir, 'bad.csv');
    const lines = ['a,b'];
    for (let i = 0; i < 600_000; i++) lines.push(`${i}.25,${i}`);
    const bad = inABackHalf(lines);
    lines[bad] = '1,2,3';
    writeFileSync(path, `${lines.join('\n')}\n`);
    await expect(
      readTable(path, 'bad.csv', {
        copyTo: join(dir, 'copy'),
        readAheadFrom: 0,
        parseThreadFrom: 0,
        waitForParseThread: true,
      }),
    ).rejects.toThrow(`bad.csv: line ${bad + 1} has 3 fields but the header has 2`);
  });
});
