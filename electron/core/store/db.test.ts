import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { migrate, openDatabase } from './db.js';
import { MIGRATIONS } from './migrations/index.js';

describe('openDatabase', () => {
  const tempDir = useTempDirs();

  it('creates benchtop.db in WAL mode at the latest schema', () => {
    const db = openDatabase(join(tempDir(), 'benchtop.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining(['datasets', 'experiments', 'metrics', 'params', 'runs']),
    );
    db.close();
  });

  it('numbers migrations 1, 2, 3 … in order', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
    expect(() =>
      migrate(new Database(':memory:'), [{ version: 2, name: 'skipped', sql: '' }]),
    ).toThrow(/expected 1/);
  });

  it('upgrades a database written by the previous version and keeps its rows', () => {
    const file = join(tempDir(), 'benchtop.db');
    const v1 = openDatabase(file);
    v1.prepare("INSERT INTO experiments (name, created_at) VALUES ('kept', 'now')").run();
    v1.close();
    const next = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'add-notes',
        sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY) STRICT;',
      },
    ];
    const v2 = openDatabase(file, { migrations: next });
    expect(v2.pragma('user_version', { simple: true })).toBe(next.length);
    expect(v2.prepare('SELECT name FROM experiments').pluck().all()).toEqual(['kept']);
    v2.close();
  });

  it('refuses a database written by a newer Benchtop with a clear message and leaves it untouched', () => {
    const file = join(tempDir(), 'benchtop.db');
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openDatabase(file)).toThrow(/written by a newer Benchtop \(schema 999/);
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(999);
    again.close();
  });

  it('lets several processes open a new data directory at once', async () => {
    const dir = tempDir();
    const { spawn } = await import('node:child_process');
    const script = `import { openDatabase } from ${JSON.stringify(join(import.meta.dirname, 'db.ts'))}; openDatabase(${JSON.stringify(join(dir, 'benchtop.db'))}).close();`;
    let said = ''; // what a failing process printed, so a failure says why
    const codes = await Promise.all(
      Array.from(
        { length: 4 },
        () =>
          new Promise<number | null>((resolve) => {
            const child = spawn(
              process.execPath,
              ['--import', 'tsx', '--input-type=module', '-e', script],
              { stdio: ['ignore', 'ignore', 'pipe'] },
            );
            child.stderr.on('data', (d: Buffer) => (said += d.toString()));
            child.on('exit', resolve);
          }),
      ),
    );
    expect(codes, said).toEqual([0, 0, 0, 0]);
    const db = openDatabase(join(dir, 'benchtop.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('says so when the file is not a database', async () => {
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      join(dir, 'benchtop.db'),
      'this is not sqlite, just text that is long enough to have a header',
    );
    expect(() => openDatabase(join(dir, 'benchtop.db'))).toThrow(/is not a Benchtop database/);
  });
});
