import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';

/**
 * A column of text as records in row order, the form a column with too many distinct values
 * takes on disk (while importing, and in the columnar cache): per row an Int32LE header, -1 for a
 * missing value, else `bytes << 1 | utf16`, then the bytes. ASCII is stored a byte a character;
 * anything else as UTF-16LE, so every JavaScript string (a lone surrogate too) reads back as it was.
 */
export const MISSING_RECORD = -1;

/** Appends records to a file through a buffer. */
export class TextRecordWriter {
  private readonly fd: number;
  private buf: Buffer;
  private used = 0;
  private open = true;
  /** Bytes written so far (the buffered ones included). */
  bytes = 0;
  rows = 0;

  constructor(
    readonly path: string,
    bufferBytes = 1 << 20,
  ) {
    this.fd = openSync(path, 'w', 0o600);
    this.buf = Buffer.allocUnsafe(bufferBytes);
  }

  pushMissing(): void {
    this.room(4);
    this.buf.writeInt32LE(MISSING_RECORD, this.used);
    this.used += 4;
    this.bytes += 4;
    this.rows++;
  }

  push(s: string): void {
    this.room(4 + s.length * 3);
    const at = this.used + 4;
    let n = this.buf.write(s, at, 'utf8');
    let header = n << 1;
    if (n !== s.length) {
      n = this.buf.write(s, at, 'utf16le');
      header = (n << 1) | 1;
    }
    this.buf.writeInt32LE(header, this.used);
    this.used = at + n;
    this.bytes += 4 + n;
    this.rows++;
  }

  /** Copies one record as it is (its header and bytes from `chunk`). */
  pushRecord(chunk: Buffer, header: number, start: number): void {
    const n = header >>> 1;
    this.room(4 + n);
    this.buf.writeInt32LE(header, this.used);
    chunk.copy(this.buf, this.used + 4, start, start + n);
    this.used += 4 + n;
    this.bytes += 4 + n;
    this.rows++;
  }

  /** Writes out what is buffered; the writer may go on appending. */
  flush(): void {
    for (let done = 0; done < this.used;)
      done += writeSync(this.fd, this.buf, done, this.used - done);
    this.used = 0;
  }

  /** Writes out what is buffered and closes the file (which stays, to be read). */
  close(): void {
    if (!this.open) return;
    this.flush();
    this.open = false;
    closeSync(this.fd);
  }

  /** Closes (when still open) and deletes the file. */
  discard(): void {
    if (this.open) {
      this.open = false;
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
    }
    rmSync(this.path, { force: true });
  }

  private room(n: number): void {
    if (this.used + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
  }
}

/** A record's value: `header` and the bytes at `chunk[start…]`. */
export function recordText(chunk: Buffer, header: number, start: number): string {
  const end = start + (header >>> 1);
  return header & 1 ? chunk.toString('utf16le', start, end) : chunk.toString('latin1', start, end);
}

/**
 * Calls `onRecord` for every record of `bytes` bytes of a file from `position`, read a chunk at a
 * time (missing values with header -1); a record is whole in the chunk it is given in.
 */
export function scanRecordFile(
  path: string,
  onRecord: (chunk: Buffer, header: number, start: number) => void,
  position = 0,
  bytes = Infinity,
  chunkBytes = 4 << 20,
): void {
  const fd = openSync(path, 'r');
  try {
    let chunk = Buffer.allocUnsafe(chunkBytes);
    let have = 0; // bytes in chunk, from its start
    let read = 0; // bytes read from the file
    for (;;) {
      const want = Math.min(chunk.length - have, bytes - read);
      const n = want > 0 ? readSync(fd, chunk, have, want, position + read) : 0;
      read += n;
      have += n;
      const atEnd = n === 0;
      let pos = 0;
      while (pos + 4 <= have) {
        const header = chunk.readInt32LE(pos);
        const size = header < 0 ? 0 : header >>> 1;
        if (pos + 4 + size > have) break;
        onRecord(chunk, header, pos + 4);
        pos += 4 + size;
      }
      if (atEnd) {
        if (pos !== have) throw new Error(`${path} ends inside a text record`);
        return;
      }
      // The part record left over goes to the front (into a bigger chunk when it needs one).
      const header = have - pos >= 4 ? chunk.readInt32LE(pos) : 0;
      const need = 4 + (header < 0 ? 0 : header >>> 1);
      const next = need > chunk.length ? Buffer.allocUnsafe(need) : chunk;
      chunk.copy(next, 0, pos, have);
      chunk = next;
      have -= pos;
    }
  } finally {
    closeSync(fd);
  }
}

/** Records (all of them in `bytes`) as dictionary codes in order of first appearance (-1 missing). */
export function decodeTextRecords(
  bytes: Buffer,
  rows: number,
): { codes: Int32Array; values: string[] } {
  const codes = new Int32Array(rows);
  const values: string[] = [];
  const dict = new Map<string, number>();
  let pos = 0;
  for (let i = 0; i < rows; i++) {
    const header = bytes.readInt32LE(pos);
    pos += 4;
    if (header < 0) {
      codes[i] = -1;
      continue;
    }
    const s = recordText(bytes, header, pos);
    pos += header >>> 1;
    let code = dict.get(s);
    if (code === undefined) {
      code = values.length;
      dict.set(s, code);
      values.push(s);
    }
    codes[i] = code;
  }
  if (pos !== bytes.length) throw new Error('a text column of the cache is longer than its rows');
  return { codes, values };
}
