import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ColumnProfile } from '../../../shared/api/datasets.js';
import { entryFile, fromSource } from '../appPaths.js';
import { UserError } from '../userError.js';
import type { FinishedColumn } from './finishColumns.js';

export type NumericColumn = Extract<FinishedColumn, { type: 'numeric' }>;
export interface ToProfileWorker {
  id: number;
  column: NumericColumn;
}
export type FromProfileWorker =
  | { id: number; profile: ColumnProfile; warnings: string[] }
  | { id: number; error: { message: string; user: boolean } };

/** A column profiled on the thread: its profile and the warnings profiling it gave. */
export interface ThreadProfile {
  profile: ColumnProfile;
  warnings: string[];
}

/**
 * One worker thread beside the import job's own, profiling numeric columns (quantiles, distinct
 * estimate, histogram) while the job profiles others: the built JavaScript, or from source (tests,
 * tsx) the TypeScript behind tsx's loader, as drift's column pool starts its threads.
 */
export function startProfileThread() {
  const entry = entryFile('core/datasets/profileWorker');
  const worker = fromSource
    ? new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(
          pathToFileURL(entry).href,
        )}); })`,
        { eval: true },
      )
    : new Worker(entry);
  const waiting = new Map<
    number,
    { resolve: (p: ThreadProfile) => void; reject: (e: Error) => void }
  >();
  let nextId = 0;
  let failure: Error | undefined;
  const failAll = (e: Error) => {
    failure ??= e;
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
  };
  worker.on('message', (reply: FromProfileWorker) => {
    const w = waiting.get(reply.id);
    waiting.delete(reply.id);
    if ('error' in reply)
      w?.reject(
        reply.error.user ? new UserError(reply.error.message) : new Error(reply.error.message),
      );
    else w?.resolve({ profile: reply.profile, warnings: reply.warnings });
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the profile thread stopped (exit code ${code})`)));
  return {
    /** Columns sent and not answered yet. */
    get busy(): number {
      return waiting.size;
    },
    /**
     * Profiles `column` on the thread. Values in shared memory (TableBuilder.reserve) are read where
     * they lie, and must not change until the answer comes; any others are copied now, so the
     * caller may reuse their buffer.
     */
    profile(column: NumericColumn): Promise<ThreadProfile> {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      const shared = column.nums.buffer instanceof SharedArrayBuffer;
      // A copy holds exactly the column's values (a view's whole buffer would be cloned).
      const nums = shared ? column.nums : column.nums.slice();
      const message: ToProfileWorker = { id, column: { ...column, nums } };
      return new Promise<ThreadProfile>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage(message, shared ? [] : [nums.buffer as ArrayBuffer]);
      });
    },
    async close(): Promise<void> {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}

export type ProfileThread = ReturnType<typeof startProfileThread>;
