import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { decodeTextRecords, recordText, scanRecordFile, TextRecordWriter } from './textRecords.js';

const tempDir = useTempDirs();

/** The dictionary encoding in order of first appearance, computed the plain way. */
function dictionaryOf(cells: (string | null)[]) {
  const values: string[] = [];
  const codes = cells.map((c) => {
    if (c === null) return -1;
    const at = values.indexOf(c);
    return at >= 0 ? at : values.push(c) - 1;
  });
  return { codes: Int32Array.from(codes), values };
}

describe('text records', () => {
  it('give back every string as written (any UTF-16, lone surrogates too), with small buffers and chunks', () => {
    const dir = tempDir();
    let n = 0;
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.string({ unit: 'binary', maxLength: 40 }), { nil: null }), {
          maxLength: 60,
        }),
        fc.integer({ min: 8, max: 64 }),
        (cells, small) => {
          const path = join(dir, `r${n++}`);
          const w = new TextRecordWriter(path, small);
          for (const c of cells)
            if (c === null) w.pushMissing();
            else w.push(c);
          w.close();
          expect(w.rows).toBe(cells.length);
          const scanned: (string | null)[] = [];
          scanRecordFile(
            path,
            (chunk, header, start) =>
              scanned.push(header < 0 ? null : recordText(chunk, header, start)),
            0,
            Infinity,
            small,
          );
          expect(scanned).toEqual(cells);
          const bytes = readFileSync(path);
          expect(bytes.length).toBe(w.bytes);
          expect(decodeTextRecords(bytes, cells.length)).toEqual(dictionaryOf(cells));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a file cut inside a record', () => {
    const path = join(tempDir(), 'cut');
    const w = new TextRecordWriter(path);
    w.push('hello');
    w.close();
    expect(() => scanRecordFile(path, () => {}, 0, w.bytes - 1)).toThrow(/ends inside/);
  });
});
