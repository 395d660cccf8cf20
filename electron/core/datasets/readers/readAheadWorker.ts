import { closeSync, constants, openSync, readSync, writeSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Chunks the worker may read ahead of the parser (memory: one more than this × the chunk size). */
const AHEAD = 4;

/**
 * The read-ahead thread's code: plain JavaScript run with `eval` (node builtins only), so it is the
 * same from source under tsx and vitest as from dist. It reads the file into a ring of chunk slots
 * in shared memory, hashes each chunk and writes it to the copy, then tells the parser which slot
 * holds it. It stays at most `ahead` chunks in front of the parser, which counts the chunks it
 * takes in shared memory (the thread sleeps on that count with Atomics.wait: no messages back).
 * The ring has one slot more than `ahead`, so the slot the parser still reads is never refilled.
 * The parser's thread opened both files and read the first chunk itself (the thread's start-up
 * costs more than that read), so the thread begins by hashing and copying slot 0.
 *
 * A disk slower than ~400 MB/s would make the parser wait for direct writes (see openCopy), so
 * after two slow chunk writes the rest goes through the page cache.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, readSync, writeSync, closeSync, ftruncateSync } = require('node:fs');
const { createHash } = require('node:crypto');
const { fd, copyTo, base, first, chunkBytes, ahead, shared, ring, slowWriteMs } = workerData;
let { copy, direct } = workerData;
// shared[0]: chunks the parser has taken; shared[1]: 1 once it wants no more.
const state = new Int32Array(shared);
const slots = ahead + 1;
const memory = Buffer.from(ring);
const ALIGN = 4096;
let slowWrites = 0;

function writeCopy(offset, n, position) {
  if (!direct) {
    for (let done = 0; done < n; ) done += writeSync(copy, memory, offset + done, n - done, position + done);
    return;
  }
  const started = performance.now();
  // A whole number of blocks (the last chunk's tail is cut off again at the end).
  writeSync(copy, memory, offset, Math.ceil(n / ALIGN) * ALIGN, position);
  if (performance.now() - started > slowWriteMs) slowWrites++;
  else slowWrites = 0;
  if (slowWrites < 2) return;
  // The disk is slower than the parse: the page cache takes the rest.
  const buffered = openSync(copyTo, 'r+');
  closeSync(copy);
  copy = buffered;
  direct = false;
}

let last;
try {
  const hasher = createHash('sha256');
  // Slot 0 holds the first chunk, which the parser has already.
  hasher.update(memory.subarray(base, base + first));
  if (copy !== undefined && first > 0) writeCopy(base, first, 0);
  let bytes = first;
  let sent = first > 0 ? 1 : 0;
  for (;;) {
    for (;;) {
      const taken = Atomics.load(state, 0);
      if (Atomics.load(state, 1) === 1 || sent - taken < ahead) break;
      Atomics.wait(state, 0, taken);
    }
    if (Atomics.load(state, 1) === 1) break;
    const offset = base + (sent % slots) * chunkBytes;
    let n = 0;
    for (let got = -1; got !== 0 && n < chunkBytes; n += got)
      got = readSync(fd, memory, offset + n, chunkBytes - n, bytes + n);
    if (n === 0) {
      if (copy !== undefined) ftruncateSync(copy, bytes);
      last = { type: 'end', hash: hasher.digest('hex'), bytes };
      break;
    }
    hasher.update(memory.subarray(offset, offset + n));
    if (copy !== undefined) writeCopy(offset, n, bytes);
    bytes += n;
    sent++;
    parentPort.postMessage({ type: 'chunk', offset, length: n });
  }
} catch (e) {
  last = { type: 'error', code: e.code, message: e.message };
}
// Closed before the last word, so the copy can be renamed the moment the parser is done.
try {
  closeSync(fd);
  if (copy !== undefined) closeSync(copy);
} catch (e) {
  last = { type: 'error', code: e.code, message: e.message };
}
if (last) parentPort.postMessage(last);
parentPort.close();
`;

const ALIGN = 4096;

/**
 * Opens the copy. It is written around the page cache (O_DIRECT) where the system allows it: the
 * copy is rarely read back, and filling fresh page-cache pages cost more CPU than the parse's
 * second core could spare (0.3-0.5 s for 189 MB on a VM whose host reclaims free memory; 0.03 s
 * direct). Direct writes need the slot's address aligned, which JavaScript cannot see: the ring is
 * probed for the first offset the kernel takes (the probe's block is overwritten by the first chunk).
 */
function openCopy(copyTo: string, memory: Buffer): { copy: number; base: number; direct: boolean } {
  if (constants.O_DIRECT !== undefined) {
    let fd: number | undefined;
    try {
      const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_DIRECT;
      fd = openSync(copyTo, flags, 0o644);
      for (let offset = 0; offset < ALIGN; offset += 16) {
        try {
          writeSync(fd, memory, offset, ALIGN, 0);
          return { copy: fd, base: offset, direct: true };
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EINVAL') throw e;
        }
      }
    } catch (e) {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EINVAL' && code !== 'EOPNOTSUPP' && code !== 'ENOTSUP') throw e;
    }
    if (fd !== undefined) closeSync(fd);
  }
  return { copy: openSync(copyTo, 'w', 0o644), base: 0, direct: false };
}

type FromReader =
  | { type: 'chunk'; offset: number; length: number }
  | { type: 'end'; hash: string; bytes: number }
  | { type: 'error'; code?: string; message: string };

/** A read failure in the thread, carrying the errno code as a thrown fs error would. */
export class ReadAheadError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * Reads `path` on a worker thread: hashing and the content-addressed copy run there, beside the
 * parser, instead of in its pass. Yields the file's chunks in order, each valid only until the next
 * is asked for (its memory is then refilled: copy what you keep); `hash()` is the SHA-256 hex once
 * they are drained. Ending early (a parse error) stops the thread.
 */
export function readAhead(
  path: string,
  copyTo: string | undefined,
  chunkBytes: number,
  // A direct write of a chunk slower than this (400 MB/s) counts as slow (tests lower it).
  slowWriteMs = (chunkBytes / 400e6) * 1000,
): { chunks: AsyncGenerator<Buffer>; hash: () => string } {
  if (chunkBytes % 4096 !== 0) throw new Error('chunkBytes must be a whole number of 4 KiB blocks');
  let hash: string | undefined;
  async function* chunks(): AsyncGenerator<Buffer> {
    // The parser's side of the flow control, without messages: chunks taken, and a stop flag.
    const shared = new SharedArrayBuffer(8);
    const state = new Int32Array(shared);
    // The chunk slots, and room to align them for direct writes.
    const ring = new SharedArrayBuffer((AHEAD + 1) * chunkBytes + ALIGN);
    const memory = Buffer.from(ring);
    const fd = openSync(path, 'r');
    let opened: ReturnType<typeof openCopy> | undefined;
    let first: number;
    let worker: Worker;
    try {
      opened = copyTo === undefined ? undefined : openCopy(copyTo, memory);
      first = readSync(fd, memory, opened?.base ?? 0, chunkBytes, 0);
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          fd,
          copyTo,
          copy: opened?.copy,
          direct: opened?.direct ?? false,
          base: opened?.base ?? 0,
          first,
          chunkBytes,
          ahead: AHEAD,
          shared,
          ring,
          slowWriteMs,
        },
      });
    } catch (e) {
      closeSync(fd);
      if (opened) closeSync(opened.copy);
      throw e;
    }
    const base = opened?.base ?? 0;
    const queue: FromReader[] = [];
    let waiting: (() => void) | null = null;
    let failure: Error | undefined;
    const wake = () => {
      const w = waiting;
      waiting = null;
      w?.();
    };
    worker.on('message', (m: FromReader) => {
      queue.push(m);
      wake();
    });
    worker.on('error', (e) => {
      failure = e;
      wake();
    });
    const exited = new Promise<void>((resolve) =>
      worker.on('exit', () => {
        failure ??= new Error('the read-ahead thread stopped before the end of the file');
        wake();
        resolve();
      }),
    );
    try {
      if (first > 0) {
        // The first chunk, read here: counted as taken, as the thread counts it as sent.
        Atomics.add(state, 0, 1);
        yield Buffer.from(ring, base, first);
      }
      for (;;) {
        const m = queue.shift();
        if (m === undefined) {
          if (failure) throw failure;
          await new Promise<void>((resolve) => (waiting = resolve));
          continue;
        }
        if (m.type === 'error') throw new ReadAheadError(m.message, m.code);
        if (m.type === 'end') {
          hash = m.hash;
          return;
        }
        Atomics.add(state, 0, 1);
        Atomics.notify(state, 0);
        yield Buffer.from(ring, m.offset, m.length);
      }
    } finally {
      // Let the thread close its files and exit on its own (early, when the parser stopped early).
      worker.removeAllListeners('message');
      if (hash === undefined) {
        Atomics.store(state, 1, 1);
        Atomics.add(state, 0, 1); // changes the word the thread may be about to sleep on
        Atomics.notify(state, 0);
      }
      await exited;
    }
  }
  return {
    chunks: chunks(),
    hash: () => {
      if (hash === undefined) throw new Error('the file was not read to its end');
      return hash;
    },
  };
}
