import { createReadStream } from 'node:fs';
import { maskedCrc32c } from './crc32c.js';

/**
 * TFRecord framing, the container of TensorBoard event files. Each record is
 *   uint64 length (little-endian) · uint32 masked CRC32C of those 8 bytes ·
 *   `length` bytes of data · uint32 masked CRC32C of the data.
 */

/** Damage found in a file: where (byte offset and 0-based record index) and what. */
export interface TfProblem {
  kind: 'problem';
  file: string;
  /** Byte offset of the start of the damaged record (or of the failed read). */
  offset: number;
  /** 0-based index of the damaged record among the file's records. */
  record: number;
  what: string;
}

export interface TfRecord {
  kind: 'record';
  index: number;
  offset: number;
  /** The record's data. May be a view into the chunk it arrived in: use it before the next feed. */
  data: Uint8Array;
}

export interface FramingOptions {
  /**
   * Larger records are skipped (and reported) instead of held in memory, which bounds what a
   * file can make the reader allocate. Scalars and text are tiny; only graphs come near this.
   */
  maxRecordBytes?: number;
}

export const DEFAULT_MAX_RECORD_BYTES = 256 << 20;
export const DEFAULT_CHUNK_BYTES = 256 << 10;

const HEADER = 12;
const FOOTER = 4;

export interface FramerSink {
  record(record: TfRecord): void;
  problem(problem: TfProblem): void;
}

/**
 * A push parser: feed it chunks of any size, in order, and it hands complete, checksummed
 * records to the sink. It is synchronous so a whole chunk is framed without an await per record.
 *
 * Damage policy: a bad length checksum means the framing can no longer be trusted, so reading
 * stops there; a bad data checksum (the length having checked out) skips just that record and
 * carries on; a file that ends mid-record is truncated. Each is reported once, never thrown.
 */
export class TfRecordFramer {
  /** Absolute offset of the first byte of the next chunk. */
  private base = 0;
  private index = 0;
  private start = 0;
  private phase: 'header' | 'body' | 'skip' | 'stopped' = 'header';
  private readonly header = new Uint8Array(HEADER);
  private headerFill = 0;
  private length = 0;
  private body: Uint8Array | null = null;
  private bodyFill = 0;
  private skipLeft = 0;
  private readonly maxRecordBytes: number;

  constructor(
    readonly file: string,
    private readonly sink: FramerSink,
    options: FramingOptions = {},
  ) {
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  }

  /** Bytes consumed so far. */
  get offset(): number {
    return this.base;
  }

  /** Records framed so far (checksum failures included). */
  get records(): number {
    return this.index;
  }

  /** True once damage made further bytes meaningless; the caller may stop reading. */
  get stopped(): boolean {
    return this.phase === 'stopped';
  }

  feed(chunk: Uint8Array): void {
    const n = chunk.length;
    let i = 0;
    while (i < n && this.phase !== 'stopped') {
      if (this.phase === 'header') {
        if (this.headerFill === 0) this.start = this.base + i;
        if (this.headerFill === 0 && n - i >= HEADER) {
          this.onHeader(chunk, i);
          i += HEADER;
        } else {
          const take = Math.min(HEADER - this.headerFill, n - i);
          this.header.set(chunk.subarray(i, i + take), this.headerFill);
          this.headerFill += take;
          i += take;
          if (this.headerFill === HEADER) {
            this.headerFill = 0;
            this.onHeader(this.header, 0);
          }
        }
      } else if (this.phase === 'body') {
        const need = this.length + FOOTER;
        if (this.body === null && n - i >= need) {
          this.onBody(chunk, i);
          i += need;
        } else {
          // The record spans chunks: gather it. The buffer grows with the bytes that actually
          // arrive, so a length that lies (on a cut file) costs no more than the file holds.
          const take = Math.min(need - this.bodyFill, n - i);
          this.body = ensureRoom(this.body, this.bodyFill, this.bodyFill + take, need);
          this.body.set(chunk.subarray(i, i + take), this.bodyFill);
          this.bodyFill += take;
          i += take;
          if (this.bodyFill === need) {
            const body = this.body;
            this.body = null;
            this.bodyFill = 0;
            this.onBody(body, 0);
          }
        }
      } else {
        const take = Math.min(this.skipLeft, n - i);
        this.skipLeft -= take;
        i += take;
        if (this.skipLeft === 0) this.nextRecord();
      }
    }
    this.base += n;
  }

  /** The input has ended: a record left half-read is a truncation. */
  finish(): void {
    if (this.phase === 'stopped') return;
    const got = this.base - this.start;
    if (this.phase === 'header' && this.headerFill > 0) {
      this.fail(`truncated: the file ends ${got} bytes into this record's ${HEADER}-byte header`);
    } else if (this.phase === 'body' || this.phase === 'skip') {
      const total = HEADER + this.length + FOOTER;
      this.fail(`truncated: the file ends ${got} bytes into this record of ${total} bytes`);
    }
    this.phase = 'stopped';
    this.body = null;
  }

  /** Reading the input failed (I/O error, vanished file): reported at the current offset. */
  readFailed(what: string): void {
    if (this.phase === 'stopped') return;
    this.phase = 'stopped';
    this.body = null;
    this.sink.problem({
      kind: 'problem',
      file: this.file,
      offset: this.base,
      record: this.index,
      what,
    });
  }

  private onHeader(b: Uint8Array, at: number): void {
    const lo = u32le(b, at);
    const hi = u32le(b, at + 4);
    if (maskedCrc32c(b, at, at + 8) !== u32le(b, at + 8)) {
      this.fail('the length checksum does not match (the framing is damaged; reading stops)');
      return;
    }
    this.length = hi * 2 ** 32 + lo;
    if (this.length > this.maxRecordBytes) {
      this.problem(
        `a record of ${this.length} bytes is over the ${this.maxRecordBytes}-byte limit; skipped`,
      );
      this.skipLeft = this.length + FOOTER;
      this.phase = 'skip';
    } else this.phase = 'body';
  }

  /** `b[at, at + length + 4)` holds the data and its checksum. */
  private onBody(b: Uint8Array, at: number): void {
    const end = at + this.length;
    if (maskedCrc32c(b, at, end) !== u32le(b, end)) {
      this.problem('the data checksum does not match; the record is skipped');
    } else {
      const data = b.subarray(at, end);
      this.sink.record({ kind: 'record', index: this.index, offset: this.start, data });
    }
    this.nextRecord();
  }

  private nextRecord(): void {
    this.index++;
    this.phase = 'header';
  }

  private problem(what: string): void {
    this.sink.problem({
      kind: 'problem',
      file: this.file,
      offset: this.start,
      record: this.index,
      what,
    });
  }

  private fail(what: string): void {
    this.problem(what);
    this.phase = 'stopped';
    this.body = null;
  }
}

function u32le(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/**
 * `body` with room for `size` bytes (keeping its first `used`), doubling up to `cap`. A Buffer,
 * because strings decode from Buffers in place.
 */
function ensureRoom(body: Uint8Array | null, used: number, size: number, cap: number): Uint8Array {
  if (body !== null && body.length >= size) return body;
  const grown = Buffer.allocUnsafe(Math.min(cap, Math.max(size, 2 * (body?.length ?? 0), 1 << 16)));
  if (body !== null) grown.set(body.subarray(0, used));
  return grown;
}

/** Where bytes come from: a file path (streamed) or any async sequence of chunks. */
export type ByteInput = string | AsyncIterable<Uint8Array>;

/**
 * Feeds a file or chunk sequence through `framer`, in bounded memory (one chunk at a time, plus
 * at most one record). Read errors become a problem rather than an exception. It yields once
 * after each chunk is framed, so the async generators above it can hand out what it produced.
 */
export async function* pumpChunks(
  input: ByteInput,
  framer: TfRecordFramer,
  chunkBytes = DEFAULT_CHUNK_BYTES,
): AsyncGenerator<void> {
  const stream =
    typeof input === 'string' ? createReadStream(input, { highWaterMark: chunkBytes }) : null;
  const chunks = (stream ?? (input as AsyncIterable<Uint8Array>))[Symbol.asyncIterator]();
  try {
    while (!framer.stopped) {
      // Only the read is guarded: an exception from the consumer's own code must not pass for
      // a damaged file.
      let step: IteratorResult<Uint8Array>;
      try {
        step = (await chunks.next()) as IteratorResult<Uint8Array>;
      } catch (e) {
        framer.readFailed(`cannot read the file: ${oneLine(e)}`);
        return;
      }
      if (step.done) break;
      framer.feed(step.value);
      yield;
    }
    framer.finish();
  } finally {
    stream?.destroy();
    if (!stream) await chunks.return?.();
  }
}

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim();
}

/** Every record and problem of a file or chunk sequence, in file order. */
export async function* readTfRecords(
  input: ByteInput,
  options: FramingOptions & { file?: string; chunkBytes?: number } = {},
): AsyncGenerator<TfRecord | TfProblem> {
  const out: (TfRecord | TfProblem)[] = [];
  const sink: FramerSink = {
    // Records are copied out because a consumer may hold them past the next chunk.
    record: (r) => out.push({ ...r, data: new Uint8Array(r.data) }),
    problem: (p) => out.push(p),
  };
  const file = options.file ?? (typeof input === 'string' ? input : '<bytes>');
  const framer = new TfRecordFramer(file, sink, options);
  for await (const _ of pumpChunks(input, framer, options.chunkBytes)) {
    yield* out.splice(0);
  }
  yield* out.splice(0);
}
