import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParsedBlock } from './parseBlock.js';

export interface ToParseWorker {
  id: number;
  /** The read-ahead ring (shared memory: the thread reads the block where it lies). */
  ring: SharedArrayBuffer;
  offset: number;
  length: number;
  columns: number;
  delimiter: number;
  /** Lines to make room for. */
  capacity: number;
  /** The arrays of the last block, back for reuse. */
  reuse: ParsedBlock | undefined;
}
export type FromParseWorker =
  'ready' | ({ id: number } & ({ block: ParsedBlock } | { error: string }));

/** From this size a CSV's chunks are split with the parse thread (smaller files don't pay for it). */
export const PARSE_THREAD_FROM = 32 << 20;

/** One parse thread when there is a second core for it. */
export function wantParseThread(totalBytes: number, from = PARSE_THREAD_FROM): boolean {
  return totalBytes >= from && availableParallelism() >= 2;
}

/**
 * A second thread that parses the back half of each CSV chunk while the job's thread parses the
 * front half (parseWorker.ts): the built JavaScript, or from source (tests, tsx) the TypeScript
 * behind tsx's loader. The chunk stays in the read-ahead ring; the thread's arrays come back
 * moved (not copied) and go to it again with the next chunk.
 */
export function startParseThread() {
  const worker = import.meta.url.endsWith('.ts')
    ? new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(
          new URL('./parseWorker.ts', import.meta.url).href,
        )}); })`,
        { eval: true },
      )
    : new Worker(fileURLToPath(new URL('./parseWorker.js', import.meta.url)));
  const waiting = new Map<
    number,
    { resolve: (b: ParsedBlock) => void; reject: (e: Error) => void }
  >();
  let nextId = 0;
  let failure: Error | undefined;
  let spare: ParsedBlock | undefined;
  let lastLines = 0;
  const failAll = (e: Error) => {
    failure ??= e;
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
  };
  let started = () => {};
  const thread = {
    /** The thread has started (until then the job's thread parses whole chunks: no waiting for it). */
    ready: false,
    /** Settles once the thread has started (tests wait for it, so that every chunk is split). */
    started: new Promise<void>((resolve) => (started = resolve)),
    /** The share of each chunk the job's thread parses itself (splitChunk.ts moves it). */
    frontShare: 0.5,
    /** Scans `bytes` (whole lines, a view of a SharedArrayBuffer) on the thread. */
    parse(bytes: Uint8Array, columns: number, delimiter: number): Promise<ParsedBlock> {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      const reuse = spare;
      spare = undefined;
      const message: ToParseWorker = {
        id,
        ring: bytes.buffer as SharedArrayBuffer,
        offset: bytes.byteOffset,
        length: bytes.length,
        columns,
        delimiter,
        capacity: Math.max(1024, Math.ceil(lastLines * 1.2)),
        reuse,
      };
      const moved = reuse
        ? [...reuse.columns.map((c) => c.buffer), reuse.other.buffer, reuse.lineStarts.buffer]
        : [];
      return new Promise<ParsedBlock>((resolve, reject) => {
        waiting.set(id, {
          resolve: (block) => {
            lastLines = Math.max(lastLines, block.lines);
            resolve(block);
          },
          reject,
        });
        worker.postMessage(message, moved as ArrayBuffer[]);
      });
    },
    /** A block committed (or dropped): its arrays go back to the thread with the next. */
    recycle(block: ParsedBlock): void {
      spare = block;
    },
    close: () => worker.terminate(),
  };
  worker.on('message', (reply: FromParseWorker) => {
    if (reply === 'ready') {
      thread.ready = true;
      started();
      return;
    }
    const w = waiting.get(reply.id);
    waiting.delete(reply.id);
    if ('error' in reply) w?.reject(new Error(`the parse thread failed: ${reply.error}`));
    else w?.resolve(reply.block);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => {
    failAll(new Error(`the parse thread stopped (exit code ${code})`));
    started();
  });
  return thread;
}

export type ParseThread = ReturnType<typeof startParseThread>;
