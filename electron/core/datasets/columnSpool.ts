import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { TextRecordWriter } from './textRecords.js';

/** One run of a column's values in the spool file: Float64 numbers or Int32 dictionary codes. */
export interface SpoolSegment {
  kind: 'f64' | 'i32';
  offset: number;
  count: number;
}

/** Parsed columns kept in memory up to this many bytes; past it they go to the scratch file. */
export const SPILL_BYTES = 128 << 20;
/**
 * The text columns' dictionaries (distinct values) kept in memory up to about this many bytes in
 * all; past it the biggest goes to its own scratch file as text records (textRecords.ts).
 */
export const DICTIONARY_BYTES = 32 << 20;

/**
 * A scratch file that parsed columns are appended to chunk by chunk once they outgrow `budget`
 * bytes in memory, so a big file never holds every column in memory. Afterwards each column is
 * read back on its own (profile, columnar cache), one at a time. A file whose columns fit the
 * budget never touches the disk.
 */
export class ColumnSpool {
  private readonly fd: number;
  private size = 0;
  /** Per column, its segments in row order. */
  readonly segments: SpoolSegment[][] = [];

  /** The text columns that left their dictionary for a file of records, by column index. */
  private readonly texts = new Map<number, TextRecordWriter>();

  constructor(
    readonly path: string,
    readonly budget = SPILL_BYTES,
    readonly dictionaryBudget = DICTIONARY_BYTES,
  ) {
    this.fd = openSync(path, 'w+', 0o600);
  }

  /** True once anything was spilled: from then on every chunk goes to the file. */
  get used(): boolean {
    return this.size > 0;
  }

  append(column: number, data: Float64Array | Int32Array): void {
    if (data.length === 0) return;
    const kind = data instanceof Float64Array ? 'f64' : 'i32';
    writeSync(
      this.fd,
      new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      0,
      data.byteLength,
      this.size,
    );
    (this.segments[column] ??= []).push({ kind, offset: this.size, count: data.length });
    this.size += data.byteLength;
  }

  /** A segment's values, read back from the file (into `into` at `at` when given, of the same kind). */
  read(segment: SpoolSegment, into?: Float64Array | Int32Array, at = 0): Float64Array | Int32Array {
    const out =
      into ??
      (segment.kind === 'f64' ? new Float64Array(segment.count) : new Int32Array(segment.count));
    const bytes = new Uint8Array(
      out.buffer,
      out.byteOffset + at * out.BYTES_PER_ELEMENT,
      segment.count * out.BYTES_PER_ELEMENT,
    );
    let done = 0;
    while (done < bytes.length) {
      const n = readSync(this.fd, bytes, done, bytes.length - done, segment.offset + done);
      if (n === 0)
        throw new Error(`the import's scratch file ${this.path} is shorter than expected`);
      done += n;
    }
    return out;
  }

  /** A new file of text records for column `column` (deleted with the spool). */
  textFile(column: number): TextRecordWriter {
    const writer = new TextRecordWriter(`${this.path}.text${column}`);
    this.texts.set(column, writer);
    return writer;
  }

  /** Closes and deletes the scratch files. */
  dispose(): void {
    for (const t of this.texts.values()) t.discard();
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(this.path, { force: true });
  }
}
