import type { VersionOptions } from './versionOptions.js';
import type { PreparedVersion } from './prepareVersion.js';
import type { StoredDataset } from '../store/datasetsRepo.js';
import type { Store } from '../store/store.js';

/**
 * Records a prepared version: identical content read the same way is the existing version (under
 * `name` when one was asked for); new content under a known name is that name's next version.
 */
export function recordVersion(
  store: Store,
  prepared: Omit<PreparedVersion, 'warnings'>,
  name: string,
  options: VersionOptions,
  nameGiven: boolean,
): { stored: StoredDataset; existing: boolean } {
  const existing = store.datasets.findByContent(
    prepared.hash,
    options,
    nameGiven ? name : undefined,
  );
  if (existing) return { stored: existing, existing: true };
  return {
    stored: store.datasets.insertNextVersion({ ...prepared, name, options }),
    existing: false,
  };
}
