import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { ColumnType } from '../../../shared/domain.js';
import { UserError } from '../userError.js';
import type { FinishedColumn } from './finishColumns.js';

/**
 * The columnar cache beside a stored version: one file of typed arrays that training and drift
 * read without parsing text. Layout: MAGIC, u32 manifest length, the manifest (JSON), then each
 * column's buffer at an 8-byte-aligned offset (Float64 numbers, NaN missing; or Int32 codes, -1 missing).
 */
const MAGIC = 'BTCOLS1\n';

const Manifest = z.object({
  rows: z.number().int().nonnegative(),
  columns: z.array(
    z.object({
      name: z.string(),
      type: ColumnType,
      missing: z.number().int(),
      offset: z.number().int(),
      values: z.array(z.string()).optional(),
    }),
  ),
});

const align8 = (n: number) => (n + 7) & ~7;

export function writeColumnarCache(path: string, rows: number, columns: readonly FinishedColumn[]): void {
  let offset = 0;
  const entries = columns.map((c) => {
    const entry = { name: c.name, type: c.type, missing: c.missing, offset, ...(c.type === 'numeric' ? {} : { values: c.values }) };
    offset = align8(offset + (c.type === 'numeric' ? c.nums.byteLength : c.codes.byteLength));
    return entry;
  });
  const manifest = Buffer.from(JSON.stringify({ rows, columns: entries }));
  const head = align8(MAGIC.length + 4 + manifest.length);
  const out = Buffer.alloc(head + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(manifest.length, MAGIC.length);
  manifest.copy(out, MAGIC.length + 4);
  columns.forEach((c, i) => {
    const data = c.type === 'numeric' ? c.nums : c.codes;
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), head + entries[i]!.offset);
  });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, out, { mode: 0o444 });
  renameSync(tmp, path);
}

export function isColumnarCache(path: string): boolean {
  return path.endsWith('.cols');
}

/** Reads a cache back into finished columns (views over one buffer, no copies of the numbers). */
export function readColumnarCache(path: string): { rows: number; columns: FinishedColumn[] } {
  const file = readFileSync(path);
  if (file.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new UserError(`${path} is not a Benchtop columnar cache`);
  const length = file.readUInt32LE(MAGIC.length);
  const manifest = Manifest.parse(JSON.parse(file.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + length)));
  const head = align8(MAGIC.length + 4 + length);
  const copy = new Uint8Array(file.length - head);
  copy.set(file.subarray(head));
  const { rows } = manifest;
  const columns = manifest.columns.map((c): FinishedColumn => {
    if (c.type === 'numeric') return { name: c.name, type: c.type, missing: c.missing, nums: new Float64Array(copy.buffer, c.offset, rows) };
    return { name: c.name, type: c.type, missing: c.missing, codes: new Int32Array(copy.buffer, c.offset, rows), values: c.values ?? [] };
  });
  return { rows, columns };
}
