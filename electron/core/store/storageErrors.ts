import { statfsSync } from 'node:fs';
import { oneLine, UserError } from '../userError.js';

/**
 * SQLite's faults of the store under `where` (the data directory), as one line the user can act
 * on; anything else is returned unchanged (an internal error stays one). An ENOSPC may concern
 * another place (an --out file), so its message names none; an EROFS keeps its own message.
 */
export function storageError(e: unknown, where: string): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (e instanceof UserError || typeof code !== 'string') return e;
  if (code === 'SQLITE_FULL') return diskFull(where);
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new UserError(
      `no space left on the disk (${oneLine(e)}); free some space and try again`,
    );
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return corruptDatabase(where);
  if (code.startsWith('SQLITE_READONLY')) return readOnly(where);
  // SQLite reports a full disk as an I/O error where it maps memory (the WAL index): ask the disk.
  if (code.startsWith('SQLITE_IOERR'))
    return freeBytes(where) < 1024 * 1024
      ? diskFull(where)
      : new UserError(`cannot read or write the store in ${where}: ${oneLine(e)} (${code})`);
  return e;
}

function freeBytes(where: string): number {
  try {
    const { bavail, bsize } = statfsSync(where);
    return bavail * bsize;
  } catch {
    return Infinity;
  }
}

export const diskFull = (where: string) =>
  new UserError(
    `the disk holding ${where} is full: this change was not saved (everything saved before is intact); free some space and try again`,
  );

export const corruptDatabase = (where: string) =>
  new UserError(
    `the database in ${where} is damaged or is not a Benchtop database; it was left as it is. Restore a backup into a new data directory: benchtop --data-dir NEW_DIR restore BACKUP_FILE`,
  );

export const readOnly = (where: string) =>
  new UserError(
    `the data directory ${where} is read-only; Benchtop needs to write there: make it writable or choose another data directory (--data-dir)`,
  );
