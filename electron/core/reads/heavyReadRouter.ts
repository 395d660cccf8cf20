import { UserError } from '../userError.js';
import {
  isRouted,
  type FromReadWorker,
  type RoutedMethod,
  type ToReadWorker,
} from './readProtocol.js';

/** The slice of a worker_threads Worker the router uses (a fake in tests). */
export interface ReadWorkerLike {
  postMessage(message: ToReadWorker): void;
  on(event: 'message', listener: (message: FromReadWorker) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<number>;
}

export interface ReadRouterOptions {
  spawn: () => ReadWorkerLike;
  /** Runs before each routed read: main commits the metric points it holds, so reads see them. */
  beforeRead: () => void;
  /** WAL checkpoints: the worker's while it is ready, main's again when it stops or dies. */
  checkpointing: { toWorker(): void; toMain(): void };
  /** How long stop() waits for the worker's goodbye before terminating it. */
  stopGraceMs?: number;
}

interface Pending {
  resolve(json: Uint8Array): void;
  reject(error: Error): void;
}

/** Workers that die before they are ready this many times in a row: routing gives up, main reads inline. */
const FAILED_STARTS_BEFORE_INLINE = 2;

/**
 * Main's side of the read worker: hands routed reads to it and matches answers to requests by
 * sequence number. A worker that dies fails its pending reads with one line and is replaced on
 * the next read; one that cannot start at all (twice) leaves main reading inline.
 */
export function createReadRouter(options: ReadRouterOptions) {
  const { spawn, beforeRead, checkpointing, stopGraceMs = 2000 } = options;
  let worker: ReadWorkerLike | undefined;
  let ready = false;
  let failedStarts = 0;
  let started = false;
  let stopping: Promise<void> | undefined;
  let seq = 0;
  const pending = new Map<number, Pending>();

  function failAll(error: Error): void {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  }

  function launch(): ReadWorkerLike {
    const w = spawn();
    worker = w;
    ready = false;
    let gone = false;
    w.on('message', (message) => {
      if (worker !== w) return;
      if (message.type === 'ready') {
        ready = true;
        failedStarts = 0;
        checkpointing.toWorker();
      } else if (message.type === 'answer') {
        pending.get(message.seq)?.resolve(message.json);
        pending.delete(message.seq);
      } else if (message.type === 'failed') {
        const p = pending.get(message.seq);
        pending.delete(message.seq);
        if (!p) return;
        const error = message.user ? new UserError(message.message) : new Error(message.message);
        if (message.code) Object.assign(error, { code: message.code });
        p.reject(error);
      }
    });
    let why = '';
    w.on('error', (e) => (why = `: ${e.message.split('\n')[0]}`));
    w.on('exit', (code) => {
      if (gone) return;
      gone = true;
      if (worker !== w) return;
      worker = undefined;
      if (ready) checkpointing.toMain();
      else failedStarts++;
      ready = false;
      if (stopping) return failAll(new UserError('Benchtop is closing; the read was not answered'));
      failAll(
        new UserError(
          `the runs could not be read: the read worker stopped unexpectedly (exit code ${code}${why}); try again`,
        ),
      );
    });
    return w;
  }

  return {
    /** Starts the worker: `serve` and the desktop app. The CLI never does, and reads inline. */
    start(): void {
      if (started) return;
      started = true;
      launch();
    },
    /** Whether `method` goes to the worker now (started, not stopping, and not given up on). */
    routes(method: string): method is RoutedMethod {
      return started && !stopping && failedStarts < FAILED_STARTS_BEFORE_INLINE && isRouted(method);
    },
    /** The answer's data as UTF-8 JSON, read in the worker; `input` is already validated. */
    read(method: RoutedMethod, input: unknown): Promise<Uint8Array> {
      if (stopping)
        return Promise.reject(new UserError('Benchtop is closing; the read was not answered'));
      beforeRead();
      const w = worker ?? launch();
      const id = ++seq;
      return new Promise<Uint8Array>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ type: 'read', seq: id, method, input });
      });
    },
    /** Stops the worker (its last checkpoint first) and gives checkpoints back to main. */
    stop(): Promise<void> {
      stopping ??= (async () => {
        const w = worker;
        if (!w) return;
        const exited = new Promise<void>((resolve) => w.on('exit', () => resolve()));
        w.postMessage({ type: 'stop' });
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((resolve) => {
          timer = setTimeout(() => resolve('late'), stopGraceMs);
        });
        if ((await Promise.race([exited, late])) === 'late') await w.terminate();
        clearTimeout(timer);
        await exited;
      })();
      return stopping;
    },
    /** Reads waiting for the worker (for tests). */
    get pendingCount() {
      return pending.size;
    },
  };
}
export type ReadRouter = ReturnType<typeof createReadRouter>;
