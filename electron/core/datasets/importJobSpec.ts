import { basename, resolve } from 'node:path';
import type { ImportOptions } from '../../../shared/api/datasets.js';
import type { ImportJob, VersionOptions } from './versionOptions.js';

export interface ImportRequest extends Partial<ImportOptions> {
  name?: string | undefined;
  /** The name the file had for the user (an upload's temp file has another). */
  fileName?: string | undefined;
}

/**
 * The import job a request makes: built here alone, so a job the CLI started ahead
 * (headStart.ts) and the one the import service asks for compare equal when they are the same.
 */
export function importJobOf(path: string, request: ImportRequest, dataDir: string): ImportJob {
  const options: VersionOptions = {
    types: request.types ?? {},
    ...(request.delimiter ? { delimiter: request.delimiter } : {}),
    ...(request.noHeader ? { noHeader: true } : {}),
    ...(request.skipBadLines ? { skipBadLines: true } : {}),
  };
  return {
    kind: 'import',
    path: resolve(path),
    fileName: request.fileName ?? basename(path),
    dataDir,
    options,
  };
}
