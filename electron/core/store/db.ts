import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { oneLine, UserError } from '../userError.js';
import { corruptDatabase, readOnly, storageError } from './storageErrors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for another ABI (the desktop app's Electron copy). */
  nativeBinding?: string;
  migrations?: readonly Migration[];
}

/** Opens (creating if needed) the store in WAL mode and brings its schema up to date. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  let db: Db;
  try {
    if (file !== ':memory:') {
      mkdirSync(dirname(file), { recursive: true });
      // Refuse a read-only place up front (EROFS even for root) rather than fail on the first write.
      accessSync(dirname(file), constants.W_OK);
      if (existsSync(file)) accessSync(file, constants.W_OK);
    }
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') throw readOnly(dirname(file));
    throw new UserError(`cannot open the data directory ${dirname(file)}: ${oneLine(e)}`);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const migrations = options.migrations ?? MIGRATIONS;
    // Never upgrade a damaged file: a committed migration would change what the user restores from.
    const pending = (db.pragma('user_version', { simple: true }) as number) < migrations.length;
    if (pending && db.pragma('quick_check', { simple: true }) !== 'ok')
      throw corruptDatabase(dirname(file));
    migrate(db, migrations);
    return db;
  } catch (e) {
    db.close();
    // Damaged, full or read-only: one line to act on; the file itself is left as it was.
    throw storageError(e, dirname(file));
  }
}

export function migrate(db: Db, migrations: readonly Migration[]): void {
  const latest = migrations.length;
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new UserError(
      `this data directory was written by a newer Benchtop (schema ${current}, this app knows ${latest}); update Benchtop to open it`,
    );
  }
  for (const m of migrations.slice(current)) {
    // The pragma is a no-op inside a transaction, so it is switched around it.
    if (m.foreignKeysOff) db.pragma('foreign_keys = OFF');
    try {
      // IMMEDIATE takes the write lock first; re-reading the version inside it means a second
      // process opening the same new data directory skips what the first one just applied.
      db.transaction(() => {
        if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return;
        db.exec(m.sql);
        if (m.foreignKeysOff && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
          throw new Error(`migration ${m.name} left rows whose references are broken`);
        }
        db.pragma(`user_version = ${m.version}`);
      }).immediate();
    } finally {
      if (m.foreignKeysOff) db.pragma('foreign_keys = ON');
    }
  }
}
