import { z } from 'zod';

/** Progress of a long transfer (a backup, an experiments export or import), shared by backup.* and experiments.*. */

/** Names the page gives a long transfer so it can pick its own progress events out of the stream. */
export const ProgressId = z
  .string()
  .regex(/^[\w-]{1,64}$/, 'a progress id is letters, digits, - or _')
  .optional();

export const TransferProgress = z.object({
  type: z.literal('transfer.progress'),
  progressId: z.string(),
  phase: z.enum(['backup', 'export', 'import']),
  files: z.number().int(),
  total_files: z.number().int(),
  bytes: z.number(),
  total_bytes: z.number(),
});
export type TransferProgress = z.infer<typeof TransferProgress>;
