import { join } from 'node:path';
import { rewriteStoredPaths } from '../store/storedPaths.js';

/** Where a stored path enters the data directory: a dataset blob or cache, or a run's artifact. */
const INSIDE = [
  /[\\/](datasets[\\/]sha256[\\/][0-9a-f]{2}[\\/][^\\/]+)$/,
  /[\\/](artifacts[\\/]runs[\\/]\d+[\\/].+)$/,
];

/** `/old/dir/datasets/sha256/ab/x.csv` under `dataDir`; null when the path is not one of ours. */
export function relocate(path: string, dataDir: string): string | null {
  for (const pattern of INSIDE) {
    const match = pattern.exec(path);
    if (match) return join(dataDir, ...match[1]!.split(/[\\/]/));
  }
  return null;
}

/**
 * A restored store still names files by absolute paths in the data directory it was backed up
 * from; point datasets and run artifacts at the restored copies, so a backup restores into another
 * folder or onto another machine. Runs on the staged database before it is moved into place.
 */
export function relocateStoredPaths(dbFile: string, dataDir: string): number {
  return rewriteStoredPaths(dbFile, (path) => relocate(path, dataDir));
}
