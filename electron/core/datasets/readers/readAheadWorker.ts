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
 *
 * The copy is written around the page cache (O_DIRECT) where the system allows it: the copy is
 * rarely read back, and filling fresh page-cache pages cost more CPU than the parse's second
 * core could spare (0.3-0.5 s for 189 MB on a VM whose host reclaims free memory; 0.03 s direct).
 * Direct writes need the slot's address aligned, which JavaScript cannot see: the ring is
 * probed for the first offset the kernel takes. A disk slower than ~400 MB/s would make the parser
 * wait for it, so after two slow chunk writes the rest goes through the page cache as before.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, readSync, writeSync, closeSync, ftruncateSync, constants } = require('node:fs');
const { createHash } = require('node:crypto');
const { path, copyTo, chunkBytes, ahead, shared, ring, slowWriteMs } = workerData;
// shared[0]: chunks the parser has taken; shared[1]: 1 once it wants no more.
const state = new Int32Array(shared);
const slots = ahead + 1;
const memory = Buffer.from(ring);
const ALIGN = 4096;
let base = 0;
let direct = false;
let slowWrites = 0;

/** Opens the copy for direct writes and finds the ring's aligned offset; else a plain file. */
function openCopy() {
  if (constants.O_DIRECT !== undefined) {
    let fd;
    try {
      fd = openSync(copyTo, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_DIRECT, 0o644);
      for (let offset = 0; offset < ALIGN; offset += 16) {
        try {
          writeSync(fd, memory, offset, ALIGN, 0); // overwritten by the first chunk
          base = offset;
          direct = true;
          return fd;
        } catch (e) {
          if (e.code !== 'EINVAL') throw e;
        }
      }
    } catch (e) {
      if (e.code !== 'EINVAL' && e.code !== 'EOPNOTSUPP' && e.code !== 'ENOTSUP') throw e;
    }
    if (fd !== undefined) closeSync(fd);
  }
  return openSync(copyTo, 'w', 0o644);
}

function writeCopy(copy, offset, n, position) {
  if (!direct) {
    for (let done = 0; done < n; ) done += writeSync(copy, memory, offset + done, n - done, position + done);
    return copy;
  }
  const started = performance.now();
  // A whole number of blocks (the last chunk's tail is cut off again at the end).
  writeSync(copy, memory, offset, Math.ceil(n / ALIGN) * ALIGN, position);
  if (performance.now() - started > slowWriteMs) slowWrites++;
  else slowWrites = 0;
  if (slowWrites < 2) return copy;
  // The disk is slower than the parse: the page cache takes the rest.
  const buffered = openSync(copyTo, 'r+');
  closeSync(copy);
  direct = false;
  return buffered;
}

let sent = 0;
(() => {
  let fd, copy, last;
  try {
    fd = openSync(path, 'r');
    copy = copyTo ? openCopy() : undefined;
    const hasher = createHash('sha256');
    let bytes = 0;
    for (;;) {
      for (;;) {
        const taken = Atomics.load(state, 0);
        if (Atomics.load(state, 1) === 1 || sent - taken < ahead) break;
        Atomics.wait(state, 0, taken);
      }
      if (Atomics.load(state, 1) === 1) break;
      const offset = base + (sent % slots) * chunkBytes;
      let n = 0;
      for (let got = -1; got !== 0 && n < chunkBytes; n += got) got = readSync(fd, memory, offset + n, chunkBytes - n, null);
      if (n === 0) {
        if (copy !== undefined) ftruncateSync(copy, bytes);
        last = { type: 'end', hash: hasher.digest('hex'), bytes };
        break;
      }
      hasher.update(memory.subarray(offset, offset + n));
      if (copy !== undefined) copy = writeCopy(copy, offset, n, bytes);
      bytes += n;
      sent++;
      parentPort.postMessage({ type: 'chunk', offset, length: n });
    }
  } catch (e) {
    last = { type: 'error', code: e.code, message: e.message };
  }
  // Closed before the last word, so the copy can be renamed the moment the parser is done.
  try {
    if (fd !== undefined) closeSync(fd);
    if (copy !== undefined) closeSync(copy);
  } catch (e) {
    last = { type: 'error', code: e.code, message: e.message };
  }
  if (last) parentPort.postMessage(last);
  parentPort.close();
})();
`;

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
    const ring = new SharedArrayBuffer((AHEAD + 1) * chunkBytes + 4096);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path, copyTo, chunkBytes, ahead: AHEAD, shared, ring, slowWriteMs },
    });
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
