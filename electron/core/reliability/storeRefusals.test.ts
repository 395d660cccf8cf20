import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canMount } from '../../testing/mounts.js';
import { benchtop } from '../../testing/runCli.js';
import { useTempDirs } from '../../testing/tempDir.js';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const isRoot = process.getuid?.() === 0;
/** Root ignores permission bits, so it needs a read-only mount; anyone else can chmod. */
const CAN_MOUNT = isRoot && canMount();

describe('a data directory Benchtop must not open is refused at start with one line (exit 2)', () => {
  const tempDir = useTempDirs();

  /** A data directory with three demo runs and a backup of it. */
  async function populated(): Promise<{ dir: string; db: string; backup: string }> {
    const dir = tempDir();
    expect(
      (await benchtop(['--data-dir', dir, 'demo', '--runs', '3', '--points', '20'])).code,
    ).toBe(0);
    const backup = join(tempDir(), 'backup.tar.gz');
    const made = await benchtop(['--data-dir', dir, 'backup', '--out', backup]);
    expect(made.stderr).toBe('');
    return { dir, db: join(dir, 'benchtop.db'), backup };
  }

  const damages: [string, (db: string) => void][] = [
    ['garbage bytes', (db) => writeFileSync(db, Buffer.alloc(64 * 1024, 0xa5))],
    [
      'truncated to half',
      (db) => truncateSync(db, Math.floor(readFileSync(db).length / 2 / 4096) * 4096 + 100),
    ],
    [
      'pages overwritten with zeros',
      (db) => {
        const bytes = readFileSync(db);
        bytes.fill(0, 2 * 4096, bytes.length - 4096);
        writeFileSync(db, bytes);
      },
    ],
  ];
  it.each(damages)(
    'a corrupt database (%s) is left as it is, and a restore from backup is offered',
    async (_what, damage) => {
      const { dir, db, backup } = await populated();
      damage(db);
      const before = sha256(db);
      const files = readdirSync(dir).sort();
      for (const args of [['runs'], ['serve', '--port', '0']]) {
        const r = await benchtop(['--data-dir', dir, ...args]);
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(
          `benchtop: the database in ${dir} is damaged or is not a Benchtop database; it was left as it is. Restore a backup into a new data directory: benchtop --data-dir NEW_DIR restore BACKUP_FILE\n`,
        );
        expect(r.stdout).toBe('');
      }
      expect(sha256(db)).toBe(before);
      expect(readdirSync(dir).sort()).toEqual(files);
      // The offered way out works.
      const fresh = join(tempDir(), 'restored');
      expect((await benchtop(['--data-dir', fresh, 'restore', backup])).code).toBe(0);
      expect((await benchtop(['--data-dir', fresh, 'runs', '--json'])).json()).toHaveLength(3);
    },
  );

  it('a database from a newer Benchtop is refused and left as it is', async () => {
    const { dir, db } = await populated();
    const raw = new Database(db);
    raw.pragma('user_version = 9999');
    raw.close();
    const before = sha256(db);
    for (const args of [['runs'], ['serve', '--port', '0']]) {
      const r = await benchtop(['--data-dir', dir, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /^benchtop: this data directory was written by a newer Benchtop \(schema 9999, this app knows \d+\); update Benchtop to open it\n$/,
      );
    }
    expect(sha256(db)).toBe(before);
  });

  it.skipIf(isRoot && !CAN_MOUNT)(
    `a read-only data directory (${isRoot ? (CAN_MOUNT ? 'root: a read-only bind mount' : 'skipped: root without permission to mount, and root ignores chmod') : 'chmod 555'})`,
    async () => {
      const { dir, db } = await populated();
      const before = sha256(db);
      const mounted = isRoot;
      if (mounted) {
        // Bind the folder onto itself, then make that view read-only.
        expect(spawnSync('mount', ['--bind', dir, dir]).status).toBe(0);
        expect(spawnSync('mount', ['-o', 'remount,bind,ro', dir, dir]).status).toBe(0);
      } else chmodSync(dir, 0o555);
      try {
        for (const args of [['runs'], ['serve', '--port', '0'], ['demo', '--runs', '1']]) {
          const r = await benchtop(['--data-dir', dir, ...args]);
          expect(r.code).toBe(2);
          expect(r.stderr).toBe(
            `benchtop: the data directory ${dir} is read-only; Benchtop needs to write there: make it writable or choose another data directory (--data-dir)\n`,
          );
        }
      } finally {
        if (mounted) spawnSync('umount', [dir]);
        else chmodSync(dir, 0o755);
      }
      expect(sha256(db)).toBe(before);
    },
  );
});
