import { z } from 'zod';
import { ReportRequest } from './api/reports.js';
import { ExperimentNames } from './api/experiments.js';

/**
 * Desktop only: files saved where the user picks in a save dialog (main shows it and writes the
 * file through the core); browser mode downloads instead. One IPC channel, validated in main.
 */
export const SAVE_CHANNEL = 'benchtop:save';

const ProgressId = z
  .string()
  .regex(/^[\w-]{1,64}$/)
  .optional();

export const SaveRequest = z.discriminatedUnion('kind', [
  /** A report or export; pdf is printed by Electron from the report's HTML. */
  z.object({ kind: z.literal('report'), request: ReportRequest }),
  z.object({ kind: z.literal('backup'), progressId: ProgressId }),
  z.object({
    kind: z.literal('experiments'),
    experiments: ExperimentNames,
    progressId: ProgressId,
  }),
  /** One file of a run's artifacts, copied as a stream. */
  z.object({
    kind: z.literal('artifact'),
    runId: z.number().int().positive(),
    path: z.string().max(4096),
  }),
]);
export type SaveRequest = z.input<typeof SaveRequest>;

/** `saved: false` when the dialog was cancelled. */
export const SaveResult = z.object({
  saved: z.boolean(),
  path: z.string().nullable(),
  bytes: z.number().int(),
});
export type SaveResult = z.infer<typeof SaveResult>;
