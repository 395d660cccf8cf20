import { statSync } from 'node:fs';
import { importJobOf, type ImportRequest } from './datasets/importJobSpec.js';
import { discardAhead, startAhead } from './jobs/jobAhead.js';

// What a transport may use before it loads the core (whose ~570 modules take a quarter of a
// second): where data lives, the install folder, and an import's job started ahead. Light
// modules only; the core itself comes from core.ts.
export { resolveDataDir } from './dataDir.js';
export { appRoot } from './appPaths.js';

/**
 * Starts the job `datasets.import` will ask for (the same file, options and data directory), so
 * it parses while the core loads. The core adopts it only if its own job is exactly this one;
 * anything else (a bad flag, another file) leaves it to `discardHeadStart`. A guess: never throws.
 */
export function importAhead(dataDir: string, path: string, request: ImportRequest): void {
  try {
    if (statSync(path).isFile()) startAhead(importJobOf(path, request, dataDir));
  } catch {
    // no such file, or no process could start: the import service says so, or starts its own
  }
}

/** Cancels a job started ahead that the core did not adopt, and waits for it to exit. */
export const discardHeadStart = (): Promise<void> => discardAhead();
