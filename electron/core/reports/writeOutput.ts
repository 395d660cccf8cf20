import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { UserError } from '../userError.js';

const reason = (e: unknown) => {
  const err = e as NodeJS.ErrnoException;
  const why: Record<string, string> = {
    ENOENT: 'its folder does not exist',
    ENOTDIR: 'a part of the path is not a folder',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'it is a folder',
    ENOSPC: 'the disk is full',
    EROFS: 'the file system is read-only',
  };
  return (err.code && why[err.code]) ?? err.message;
};

/** Removes a file if it is there; a path that cannot even be looked at has nothing to remove. */
export function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // ENOTDIR, EACCES: no partial file was made
  }
}

/** Writes a file whole or not at all: a temporary file beside it, renamed into place. */
function atomically(out: string, write: (partial: string) => void): void {
  const partial = `${out}.partial-${process.pid}`;
  try {
    write(partial);
    renameSync(partial, out);
  } catch (e) {
    removeQuietly(partial);
    throw new UserError(`cannot write ${out}: ${reason(e)}`);
  }
}

export const writeOutput = (out: string, content: string | Uint8Array): void =>
  atomically(out, (partial) => writeFileSync(partial, content));

export { reason as writeErrorReason };
