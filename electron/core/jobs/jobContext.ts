import { z } from 'zod';

/**
 * The job's side of the protocol: the messages a job process sends to main, and the context a job
 * kind runs with. It imports nothing of the job kinds, so every job kind can import it.
 */

const jobId = z.string();

export const FromJob = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), jobId, backend: z.string() }),
  z.object({
    type: z.literal('progress'),
    jobId,
    fraction: z.number().min(0).max(1),
    message: z.string(),
  }),
  z.object({
    type: z.literal('metric'),
    jobId,
    keys: z.array(z.string()).min(1).max(65_535),
    keyIndex: z.instanceof(Uint16Array),
    step: z.instanceof(Float64Array),
    value: z.instanceof(Float64Array),
    time: z.instanceof(Float64Array),
  }),
  z.object({
    type: z.literal('log'),
    jobId,
    level: z.enum(['info', 'warn', 'error']),
    message: z.string(),
  }),
  z.object({
    type: z.literal('artifact'),
    jobId,
    name: z.string(),
    path: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytes: z.number().int().nonnegative(),
  }),
  z.object({
    type: z.literal('environment'),
    jobId,
    env: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  }),
  /** The job's own CPU use since its last report (percent of one core) and resident memory. */
  z.object({
    type: z.literal('usage'),
    jobId,
    cpuPercent: z.number().nonnegative(),
    rssBytes: z.number().nonnegative(),
  }),
  /** A job's structured answer (a drift report), validated by the service that asked for it. */
  z.object({ type: z.literal('report'), jobId, report: z.unknown() }),
  /** A dataset import's progress: raw bytes read of the file's size, rows parsed. */
  z.object({
    type: z.literal('import-progress'),
    jobId,
    bytes: z.number(),
    totalBytes: z.number(),
    rows: z.number().int(),
  }),
  z.object({ type: z.literal('result'), jobId, metrics: z.record(z.string(), z.number()) }),
  /** `user`: the input was at fault (a UserError in the job), so the CLI exits 2, not 1. */
  z.object({ type: z.literal('error'), jobId, message: z.string(), user: z.boolean().optional() }),
]);
export type FromJob = z.infer<typeof FromJob>;
/**
 * What a job process writes on its channel: its messages in order, several at once when its
 * coalescer (messageCoalescer.ts) held them, so main reads one IPC message for each send.
 */
export const FromJobWire = z.array(FromJob).min(1);
export type MetricMessage = Extract<FromJob, { type: 'metric' }>;

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** What a job kind gets from the worker entry: a way to send messages (the worker adds the job id) and a cancel flag. */
export interface JobContext {
  send(message: DistributiveOmit<FromJob, 'jobId'>): void;
  cancelled(): boolean;
}
