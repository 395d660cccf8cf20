import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DriftColumnResult } from '../../../shared/api/drift.js';
import { entryFile, fromSource } from '../appPaths.js';
import { UserError } from '../userError.js';
import { runNumericColumnTask, taskValues, type NumericColumnTask } from './numericColumnTask.js';

export interface ToColumnWorker {
  index: number;
  task: NumericColumnTask;
}
export type FromColumnWorker =
  | { index: number; result: DriftColumnResult }
  | { index: number; error: { message: string; user: boolean } };

/** Below this many values (both samples, all columns) a thread's start-up costs more than it saves. */
export const POOL_MIN_VALUES = 500_000;

export interface PoolOptions {
  /** Called as each column finishes (in the order they finish). */
  onColumn?: (index: number, done: number) => void;
  /** Checked as each column finishes: true stops the work and returns null. */
  cancelled?: () => boolean;
  /** Threads to use; 0 runs inline. Default: one a core when the work is large enough (see usesPool). */
  threads?: number;
}

/** Threads for these tasks: one a core (at most one a column) for ≥ 2 columns and ≥ 500k values, else 0. */
export function poolThreads(tasks: readonly NumericColumnTask[]): number {
  const values = tasks.reduce((s, t) => s + taskValues(t), 0);
  if (tasks.length < 2 || values < POOL_MIN_VALUES) return 0;
  return Math.min(availableParallelism(), tasks.length);
}

/**
 * A worker thread running numericColumnWorker: the built JavaScript, or from source (tests, tsx)
 * the TypeScript behind tsx's loader, registered in the thread before the worker is imported.
 */
function startWorker(): Worker {
  const path = entryFile('core/drift/numericColumnWorker');
  if (!fromSource) return new Worker(path);
  const entry = pathToFileURL(path).href;
  return new Worker(
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`,
    {
      eval: true,
    },
  );
}

/**
 * Tests numeric columns, each on its own (read, sort once, test, histogram), across worker threads
 * when the work is large, else inline. Results come back in the tasks' order; a column's error
 * (a user error stays one) rejects the whole run. Null when cancelled.
 */
export async function runNumericColumns(
  tasks: readonly NumericColumnTask[],
  options: PoolOptions = {},
): Promise<DriftColumnResult[] | null> {
  const threads = options.threads ?? poolThreads(tasks);
  const results = new Array<DriftColumnResult>(tasks.length);
  if (threads === 0) {
    for (const [i, task] of tasks.entries()) {
      results[i] = runNumericColumnTask(task);
      options.onColumn?.(i, i + 1);
      await new Promise((resolve) => setImmediate(resolve));
      if (options.cancelled?.()) return null;
    }
    return results;
  }
  const workers = Array.from({ length: Math.min(threads, tasks.length) }, startWorker);
  try {
    return await new Promise<DriftColumnResult[] | null>((resolve, reject) => {
      let next = 0;
      let done = 0;
      const give = (worker: Worker) => {
        if (next < tasks.length) {
          const message: ToColumnWorker = { index: next, task: tasks[next]! };
          next++;
          worker.postMessage(message);
        }
      };
      for (const worker of workers) {
        worker.on('message', (reply: FromColumnWorker) => {
          if ('error' in reply) {
            const { message, user } = reply.error;
            reject(user ? new UserError(message) : new Error(message));
            return;
          }
          results[reply.index] = reply.result;
          done++;
          options.onColumn?.(reply.index, done);
          if (options.cancelled?.()) resolve(null);
          else if (done === tasks.length) resolve(results);
          else give(worker);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (done < tasks.length) reject(new Error(`a drift worker thread exited (code ${code})`));
        });
        give(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
