import {
  closeSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  write,
  writeSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { z } from 'zod';
import { ColumnType } from '../../../shared/domain.js';
import { UserError } from '../userError.js';
import type { FinishedColumn } from './finishColumns.js';
import { decodeTextRecords } from './textRecords.js';

/**
 * The columnar cache beside a stored version: one file of typed arrays that training and drift
 * read without parsing text. Float64 numbers (NaN missing) or Int32 dictionary codes (-1 missing),
 * each column at an 8-byte-aligned offset, and a JSON manifest of names, types and dictionaries.
 * Version 2 (written now): MAGIC2, the columns, the manifest, its u32 length — written column by
 * column, so an import never holds more than one column. Version 1 (still read): MAGIC, u32
 * manifest length, the manifest, then the columns. Version 3 (written when it has such a column):
 * version 2 where a text column may be text records in row order (textRecords.ts, `text_bytes`
 * long, no `values`) — a column of mostly distinct values, too many to keep as a dictionary while
 * importing. Readers hand it back dictionary-encoded like any other, so nothing past them knows.
 */
const MAGIC = 'BTCOLS1\n';
const MAGIC2 = 'BTCOLS2\n';
const MAGIC3 = 'BTCOLS3\n';
const isMagic = (m: string) => m === MAGIC || m === MAGIC2 || m === MAGIC3;

const Manifest = z.object({
  rows: z.number().int().nonnegative(),
  columns: z.array(
    z.object({
      name: z.string(),
      type: ColumnType,
      missing: z.number().int(),
      offset: z.number().int(),
      values: z.array(z.string()).optional(),
      text_bytes: z.number().int().nonnegative().optional(),
    }),
  ),
});
type Entry = z.infer<typeof Manifest>['columns'][number];

const align8 = (n: number) => (n + 7) & ~7;

/**
 * Writes a cache one finished column at a time; `finish` puts it in place atomically. A column's
 * bytes are written in the background (libuv's thread pool) while the next column is profiled;
 * its buffer must not change until `drained()`.
 */
export class ColumnarCacheWriter {
  private readonly tmp: string;
  private readonly fd: number;
  private offset = 0;
  private readonly entries: Entry[] = [];
  private pending: Promise<void> = Promise.resolve();
  private magic = MAGIC2;

  constructor(private readonly path: string) {
    this.tmp = `${path}.${process.pid}.tmp`;
    this.fd = openSync(this.tmp, 'w', 0o444);
    writeSync(this.fd, MAGIC2, 0, 'latin1');
  }

  add(c: FinishedColumn): void {
    const data = c.type === 'numeric' ? c.nums : c.codes;
    this.entries.push({
      name: c.name,
      type: c.type,
      missing: c.missing,
      offset: this.offset,
      ...(c.type === 'numeric' ? {} : { values: c.values }),
    });
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const at = MAGIC2.length + this.offset;
    this.pending = this.pending.then(() => writeAllInBackground(this.fd, bytes, at));
    this.pending.catch(() => {}); // seen by drained(), finish() or abort(), not as an unhandled rejection
    this.offset = align8(this.offset + data.byteLength);
  }

  /**
   * A text column from a file of text records (`bytes` long), copied as it is: the file must stay
   * until `drained()`.
   */
  addTextRecords(
    c: { name: string; type: Exclude<ColumnType, 'numeric'>; missing: number },
    file: { path: string; bytes: number },
  ): void {
    this.magic = MAGIC3;
    this.entries.push({ ...c, offset: this.offset, text_bytes: file.bytes });
    const at = MAGIC2.length + this.offset;
    this.pending = this.pending.then(() => copyInto(this.fd, file.path, at));
    this.pending.catch(() => {});
    this.offset = align8(this.offset + file.bytes);
  }

  /** Resolves once every column added so far is written (their buffers may then be reused). */
  drained(): Promise<void> {
    return this.pending;
  }

  async finish(rows: number): Promise<void> {
    await this.pending;
    const manifest = Buffer.from(JSON.stringify({ rows, columns: this.entries }));
    const tail = Buffer.alloc(4);
    tail.writeUInt32LE(manifest.length);
    const at = MAGIC2.length + this.offset;
    writeAll(this.fd, manifest, at);
    writeAll(this.fd, tail, at + manifest.length);
    if (this.magic !== MAGIC2) writeSync(this.fd, this.magic, 0, 'latin1');
    closeSync(this.fd);
    renameSync(this.tmp, this.path);
  }

  async abort(): Promise<void> {
    await this.pending.catch(() => {});
    closeSync(this.fd);
    rmSync(this.tmp, { force: true });
  }
}

function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.length;)
    done += writeSync(fd, bytes, done, bytes.length - done, position + done);
}

/** Copies a whole file into `fd` at `position`, a chunk at a time. */
async function copyInto(fd: number, path: string, position: number): Promise<void> {
  const source = await open(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(4 << 20);
    for (let at = 0; ;) {
      const { bytesRead } = await source.read(chunk, 0, chunk.length, at);
      if (bytesRead === 0) return;
      await writeAllInBackground(fd, chunk.subarray(0, bytesRead), position + at);
      at += bytesRead;
    }
  } finally {
    await source.close();
  }
}

function writeAllInBackground(fd: number, bytes: Uint8Array, position: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const next = (done: number) => {
      if (done >= bytes.length) return resolve();
      write(fd, bytes, done, bytes.length - done, position + done, (e, n) =>
        e ? reject(e) : next(done + n),
      );
    };
    next(0);
  });
}

export function isColumnarCache(path: string): boolean {
  return path.endsWith('.cols');
}

/** Reads a cache back into finished columns (views over one buffer, no copies of the numbers). */
export function readColumnarCache(path: string): { rows: number; columns: FinishedColumn[] } {
  const file = readFileSync(path);
  const magic = file.toString('latin1', 0, MAGIC.length);
  if (!isMagic(magic)) throw new UserError(`${path} is not a Benchtop columnar cache`);
  let manifestStart: number;
  let manifestEnd: number;
  let dataStart: number;
  if (magic === MAGIC) {
    manifestStart = MAGIC.length + 4;
    manifestEnd = manifestStart + file.readUInt32LE(MAGIC.length);
    dataStart = align8(manifestEnd);
  } else {
    manifestEnd = file.length - 4;
    manifestStart = manifestEnd - file.readUInt32LE(manifestEnd);
    dataStart = MAGIC2.length;
  }
  const manifest = Manifest.parse(JSON.parse(file.toString('utf8', manifestStart, manifestEnd)));
  const dataLength = Math.max(0, (magic === MAGIC ? file.length : manifestStart) - dataStart);
  // Views straight into the file's buffer when it is 8-byte aligned (a large read has its own
  // buffer at offset 0); a copy otherwise.
  let copy: Uint8Array;
  if ((file.byteOffset + dataStart) % 8 === 0)
    copy = new Uint8Array(file.buffer, file.byteOffset + dataStart, dataLength);
  else {
    copy = new Uint8Array(dataLength);
    copy.set(file.subarray(dataStart, dataStart + dataLength));
  }
  const { rows } = manifest;
  const columns = manifest.columns.map((c): FinishedColumn => {
    if (c.type === 'numeric')
      return {
        name: c.name,
        type: c.type,
        missing: c.missing,
        nums: new Float64Array(copy.buffer, copy.byteOffset + c.offset, rows),
      };
    if (c.text_bytes !== undefined) {
      const records = Buffer.from(copy.buffer, copy.byteOffset + c.offset, c.text_bytes);
      return {
        name: c.name,
        type: c.type,
        missing: c.missing,
        ...decodeTextRecords(records, rows),
      };
    }
    return {
      name: c.name,
      type: c.type,
      missing: c.missing,
      codes: new Int32Array(copy.buffer, copy.byteOffset + c.offset, rows),
      values: c.values ?? [],
    };
  });
  return { rows, columns };
}

/** Where a cache's columns are: its manifest, and the byte at which column offsets start. */
export interface ColumnarLayout {
  rows: number;
  dataStart: number;
  columns: {
    name: string;
    type: ColumnType;
    missing: number;
    offset: number;
    values?: string[];
    text_bytes?: number;
  }[];
}

/**
 * A cache's manifest without its columns: a few reads at the ends of the file, so a reader that
 * wants some columns (drift) reads only those, with readCacheColumn.
 */
export function readColumnarLayout(path: string): ColumnarLayout {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(MAGIC.length + 4);
    readAll(fd, head, 0);
    const magic = head.toString('latin1', 0, MAGIC.length);
    if (!isMagic(magic)) throw new UserError(`${path} is not a Benchtop columnar cache`);
    let manifestStart: number;
    let length: number;
    if (magic === MAGIC) {
      manifestStart = MAGIC.length + 4;
      length = head.readUInt32LE(MAGIC.length);
    } else {
      const tail = Buffer.alloc(4);
      readAll(fd, tail, size - 4);
      length = tail.readUInt32LE(0);
      manifestStart = size - 4 - length;
    }
    const text = Buffer.alloc(length);
    readAll(fd, text, manifestStart);
    const manifest = Manifest.parse(JSON.parse(text.toString('utf8')));
    const dataStart = magic === MAGIC ? align8(manifestStart + length) : MAGIC2.length;
    return { rows: manifest.rows, dataStart, columns: manifest.columns };
  } finally {
    closeSync(fd);
  }
}

/**
 * One numeric column of a cache as a fresh Float64Array of `rows` values (NaN missing), read from
 * its place in the file: no other column is read, nothing is parsed. `into` (at least `rows` long)
 * is filled instead of allocating.
 */
export function readFloat64Column(
  path: string,
  at: { dataStart: number; offset: number; rows: number },
  into?: Float64Array,
): Float64Array {
  const out =
    into !== undefined && into.length >= at.rows
      ? into.subarray(0, at.rows)
      : new Float64Array(at.rows);
  const fd = openSync(path, 'r');
  try {
    readAll(
      fd,
      new Uint8Array(out.buffer, out.byteOffset, out.byteLength),
      at.dataStart + at.offset,
    );
  } finally {
    closeSync(fd);
  }
  return out;
}

/** One column of a cache as a finished column (numbers or dictionary codes), read on its own. */
export function readCacheColumn(
  path: string,
  layout: ColumnarLayout,
  index: number,
): FinishedColumn {
  const c = layout.columns[index]!;
  const at = { dataStart: layout.dataStart, offset: c.offset, rows: layout.rows };
  if (c.type === 'numeric')
    return { name: c.name, type: c.type, missing: c.missing, nums: readFloat64Column(path, at) };
  const bytes = Buffer.alloc(c.text_bytes ?? layout.rows * 4);
  const fd = openSync(path, 'r');
  try {
    readAll(fd, bytes, at.dataStart + at.offset);
  } finally {
    closeSync(fd);
  }
  const base = { name: c.name, type: c.type, missing: c.missing };
  if (c.text_bytes !== undefined) return { ...base, ...decodeTextRecords(bytes, layout.rows) };
  const codes = new Int32Array(bytes.buffer, bytes.byteOffset, layout.rows);
  return { name: c.name, type: c.type, missing: c.missing, codes, values: c.values ?? [] };
}

function readAll(fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.length;) {
    const n = readSync(fd, bytes, done, bytes.length - done, position + done);
    if (n === 0) throw new UserError('the columnar cache is shorter than its manifest says');
    done += n;
  }
}
