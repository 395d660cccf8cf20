import { Worker } from 'node:worker_threads';

/** Chunks the worker may read ahead of the parser (memory: this many × the chunk size). */
const AHEAD = 4;

/**
 * The read-ahead thread's code: plain JavaScript run with `eval` (node builtins only), so it is the
 * same from source under tsx and vitest as from dist. It reads the file, hashes each chunk and
 * writes it to the copy, then hands the buffer over (transferred, not copied); it stays at most
 * `ahead` chunks in front of the parser, which counts the chunks it takes in shared memory (the
 * thread sleeps on that count with Atomics.wait: no messages back).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, readSync, writeSync, closeSync } = require('node:fs');
const { createHash } = require('node:crypto');
const { path, copyTo, chunkBytes, ahead, shared } = workerData;
// shared[0]: chunks the parser has taken; shared[1]: 1 once it wants no more.
const state = new Int32Array(shared);
let sent = 0;
(() => {
  let fd, copy, last;
  try {
    fd = openSync(path, 'r');
    copy = copyTo ? openSync(copyTo, 'w', 0o644) : undefined;
    const hasher = createHash('sha256');
    let bytes = 0;
    for (;;) {
      for (;;) {
        const taken = Atomics.load(state, 0);
        if (Atomics.load(state, 1) === 1 || sent - taken < ahead) break;
        Atomics.wait(state, 0, taken);
      }
      if (Atomics.load(state, 1) === 1) break;
      const buffer = Buffer.allocUnsafeSlow(chunkBytes);
      const n = readSync(fd, buffer, 0, chunkBytes, null);
      if (n === 0) {
        last = { type: 'end', hash: hasher.digest('hex'), bytes };
        break;
      }
      const chunk = buffer.subarray(0, n);
      hasher.update(chunk);
      if (copy !== undefined) for (let done = 0; done < n; ) done += writeSync(copy, chunk, done, n - done);
      bytes += n;
      sent++;
      parentPort.postMessage({ type: 'chunk', buffer: buffer.buffer, length: n }, [buffer.buffer]);
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
  | { type: 'chunk'; buffer: ArrayBuffer; length: number }
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
 * parser, instead of in its pass. Yields the file's chunks in order; `hash()` is the SHA-256 hex
 * once they are drained. Ending early (a parse error) stops the thread.
 */
export function readAhead(
  path: string,
  copyTo: string | undefined,
  chunkBytes: number,
): { chunks: AsyncGenerator<Buffer>; hash: () => string } {
  let hash: string | undefined;
  async function* chunks(): AsyncGenerator<Buffer> {
    // The parser's side of the flow control, without messages: chunks taken, and a stop flag.
    const shared = new SharedArrayBuffer(8);
    const state = new Int32Array(shared);
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path, copyTo, chunkBytes, ahead: AHEAD, shared },
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
        yield Buffer.from(m.buffer, 0, m.length);
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
