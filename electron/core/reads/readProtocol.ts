import type { Method } from '../../../shared/api.js';

/**
 * The contract methods main hands to the read worker: reads of the whole runs table that take
 * many milliseconds at 10,000 runs (and their JSON even more), which would stall main's loop.
 */
export const ROUTED_METHODS = ['runs.table', 'runs.query'] as const satisfies readonly Method[];
export type RoutedMethod = (typeof ROUTED_METHODS)[number];

export const isRouted = (method: string): method is RoutedMethod =>
  (ROUTED_METHODS as readonly string[]).includes(method);

/** What the worker is started with. */
export interface ReadWorkerData {
  dbFile: string;
  nativeBinding?: string | undefined;
  /** How often the worker checkpoints main's WAL (main's own autocheckpoint is off meanwhile). */
  checkpointEveryMs: number;
}

/** Main → worker: a read (its input already validated by main) or the request to stop. */
export type ToReadWorker =
  { type: 'read'; seq: number; method: RoutedMethod; input: unknown } | { type: 'stop' };

/** Worker → main, every answer tagged with the request's sequence number. */
export type FromReadWorker =
  | { type: 'ready' }
  /** The answer's data as UTF-8 JSON, serialised in the worker (its buffer is transferred, not copied). */
  | { type: 'answer'; seq: number; json: Uint8Array }
  | { type: 'failed'; seq: number; message: string; user: boolean; code?: string | undefined }
  | { type: 'stopped' };
