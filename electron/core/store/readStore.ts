import Database from 'better-sqlite3';
import { createRunQueryRepo } from './runQueryRepo.js';
import { createRunTableRepo } from './runTableRepo.js';
import { createRunsRepo } from './runsRepo.js';

export interface ReadStoreOptions {
  /** Path of a better_sqlite3.node built for another ABI (the desktop app's Electron copy). */
  nativeBinding?: string | undefined;
}

/** The repositories the read worker answers from, on a read-only connection of its own. */
export interface ReadStore {
  runs: ReturnType<typeof createRunsRepo>;
  runTable: ReturnType<typeof createRunTableRepo>;
  runQueries: ReturnType<typeof createRunQueryRepo>;
  close(): void;
}

const connect = (file: string, options: ReadStoreOptions, readonly: boolean) =>
  new Database(file, {
    readonly,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });

/**
 * A second, read-only connection to the store main writes (WAL lets it read while main commits).
 * The schema is main's to migrate: this connection only opens a store main has opened.
 */
export function openReadStore(file: string, options: ReadStoreOptions = {}): ReadStore {
  const db = connect(file, options, true);
  try {
    db.pragma('busy_timeout = 5000');
    return {
      runs: createRunsRepo(db),
      runTable: createRunTableRepo(db),
      runQueries: createRunQueryRepo(db),
      close: () => db.close(),
    };
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Checkpoints main's WAL from another thread: a PASSIVE checkpoint copies what it can into the
 * database file without waiting for (or blocking) main's writes or anyone's reads. It needs a
 * read-write connection (a read-only one may not checkpoint), which never writes anything else.
 */
export function openWalCheckpointer(
  file: string,
  options: ReadStoreOptions = {},
): { checkpoint(): void; close(): void } {
  const db = connect(file, options, false);
  db.pragma('wal_autocheckpoint = 0');
  return {
    checkpoint(): void {
      db.pragma('wal_checkpoint(PASSIVE)');
    },
    close: () => void db.close(),
  };
}
