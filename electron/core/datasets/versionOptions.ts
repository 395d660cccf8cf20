import { z } from 'zod';
import { ColumnType } from '../../../shared/domain.js';

/** The options that shape a version; two imports are the same version when hash and these agree. */
export const VersionOptions = z.object({
  types: z.record(z.string(), ColumnType).default({}),
  delimiter: z.string().optional(),
  noHeader: z.boolean().optional(),
  skipBadLines: z.boolean().optional(),
});
export type VersionOptions = z.infer<typeof VersionOptions>;

/** A stable text for VersionOptions (sorted keys, defaults left out), compared in SQL. */
export const optionsKey = (o: VersionOptions): string =>
  JSON.stringify({
    types: Object.fromEntries(Object.entries(o.types).sort(([a], [b]) => (a < b ? -1 : 1))),
    ...(o.delimiter ? { delimiter: o.delimiter } : {}),
    ...(o.noHeader ? { noHeader: true } : {}),
    ...(o.skipBadLines ? { skipBadLines: true } : {}),
  });

/** Runs in a job process: import one file as a version (the files only; main records it). */
export const ImportJob = z.object({
  kind: z.literal('import'),
  path: z.string(),
  fileName: z.string(),
  dataDir: z.string(),
  options: VersionOptions,
});
export type ImportJob = z.infer<typeof ImportJob>;
