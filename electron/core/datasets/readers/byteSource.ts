import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { UserError } from '../../userError.js';
import { readAhead } from './readAheadWorker.js';

export const CHUNK_BYTES = 4 << 20;
/** From this size a worker thread reads, hashes and copies the file while the parser runs. */
export const READ_AHEAD_BYTES = 16 << 20;

export interface SourceStats {
  /** Raw bytes read from the file so far (compressed when it is gzip). */
  bytes: number;
  totalBytes: number;
}

export interface ByteSource {
  /** The file's bytes in order; a chunk is valid until the next is asked for (copy what you keep). */
  chunks: AsyncIterable<Uint8Array>;
  stats: SourceStats;
  /** `sha256:<hex>` of the raw file; valid once `chunks` is drained. */
  hash(): string;
}

export interface SourceOptions {
  /** Also write the raw bytes here, in the same pass (the content-addressed copy). */
  copyTo?: string | undefined;
  gzip: boolean;
  /** Files this big or bigger are read on a worker thread (tests lower it). */
  readAheadFrom?: number | undefined;
}

/** Checks the path and returns its size; a missing, unreadable or folder path is a UserError. */
export function statInput(path: string, fileName: string): { size: number; mtimeMs: number } {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES') throw new UserError(`cannot read ${path}: permission denied`);
    throw new UserError(`no such file: ${path}`);
  }
  if (st.isDirectory()) throw new UserError(`${path} is a folder, not a file`);
  if (st.size === 0) throw new UserError(`${fileName} is empty`);
  return { size: st.size, mtimeMs: st.mtimeMs };
}

/**
 * Streams a file once: hashes it, copies it and (for gzip) inflates it, chunk by chunk.
 * A file that changes while it is read is refused rather than half-imported.
 */
export function openSource(path: string, fileName: string, options: SourceOptions): ByteSource {
  const before = statInput(path, fileName);
  const stats: SourceStats = { bytes: 0, totalBytes: before.size };
  // Only an import (which copies) reads ahead: a preview reads a little and stops.
  const threaded =
    options.copyTo !== undefined && before.size >= (options.readAheadFrom ?? READ_AHEAD_BYTES);
  const ahead = threaded ? readAhead(path, options.copyTo, CHUNK_BYTES) : undefined;
  const local = threaded ? undefined : readHashCopy(path, options.copyTo);

  async function* raw(): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of ahead ? ahead.chunks : local!.chunks) {
        if (stats.bytes === 0 && options.gzip && !(chunk[0] === 0x1f && chunk[1] === 0x8b)) {
          throw new UserError(`${fileName} is not gzip data (its name ends in .gz)`);
        }
        stats.bytes += chunk.length;
        yield chunk;
        // Reads are synchronous, or queued ahead by the thread: let messages such as cancel in.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (e) {
      if (e instanceof UserError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC')
        throw new UserError(
          `cannot store ${fileName}: the disk holding the data directory is full; free some space and try again`,
        );
      throw new UserError(
        `cannot read ${fileName}: ${code === 'EACCES' ? 'permission denied' : (e as Error).message}`,
      );
    }
    const after = statSync(path);
    if (
      after.size !== before.size ||
      after.mtimeMs !== before.mtimeMs ||
      stats.bytes !== before.size
    ) {
      throw new UserError(
        `${fileName} changed while it was being imported; nothing was stored, import it again`,
      );
    }
  }

  const chunks = options.gzip ? inflate(raw(), fileName) : raw();
  return { chunks, stats, hash: () => `sha256:${ahead ? ahead.hash() : local!.hash()}` };
}

async function* inflate(
  source: AsyncIterable<Uint8Array>,
  fileName: string,
): AsyncGenerator<Uint8Array> {
  const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
  // zlib may still hold a chunk when the next is read, so it gets copies.
  const input = Readable.from(copies(source));
  input.on('error', (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) yield chunk;
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`${fileName}: the gzip data is damaged (${(e as Error).message})`);
  }
}

/** A copy of `bytes[start, end)` (a Buffer's own `slice` is a view, not a copy). */
export function copyOf(bytes: Uint8Array, start = 0, end = bytes.length): Uint8Array {
  return Uint8Array.prototype.slice.call(bytes, start, end);
}

async function* copies(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) yield copyOf(chunk);
}

/** The small file's way: read, hash and copy in this thread, in fresh buffers (consumers may keep them). */
function readHashCopy(
  path: string,
  copyTo: string | undefined,
): { chunks: Generator<Buffer>; hash: () => string } {
  const hasher = createHash('sha256');
  function* chunks(): Generator<Buffer> {
    const fd = openSync(path, 'r');
    const copy = copyTo ? openSync(copyTo, 'w', 0o644) : undefined;
    try {
      for (;;) {
        const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
        const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
        if (n === 0) return;
        const chunk = n < CHUNK_BYTES ? buffer.subarray(0, n) : buffer;
        hasher.update(chunk);
        if (copy !== undefined) writeSync(copy, chunk);
        yield chunk;
      }
    } finally {
      closeSync(fd);
      if (copy !== undefined) closeSync(copy);
    }
  }
  return { chunks: chunks(), hash: () => hasher.copy().digest('hex') };
}
