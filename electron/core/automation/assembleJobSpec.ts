import { z } from 'zod';

// The assemble job's message schema alone: jobs/protocol.ts (every job process) reads it without
// loading the job itself (papaparse, the table loader).

const Source = z.object({ path: z.string(), fileName: z.string() });

/**
 * Runs in a job process: splits the new data into a holdout and a training part, and writes the
 * retraining set (older versions' rows, then the new training part) and the holdout as CSV files.
 */
export const AssembleJob = z.object({
  kind: z.literal('assemble'),
  newData: Source,
  /** Rows added before the new data's training part (the reference, or the window's older versions). */
  earlier: z.array(Source),
  /** The model's features and its target: the columns written, in this order. */
  columns: z.array(z.string()).min(1),
  target: z.string(),
  holdoutFraction: z.number().gt(0).lt(1),
  seed: z.number().int(),
  trainOut: z.string(),
  holdoutOut: z.string(),
});
export type AssembleJob = z.infer<typeof AssembleJob>;
