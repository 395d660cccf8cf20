import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import { openDatabase } from '../db.js';
import { MIGRATIONS } from './index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('migration 0008-run-uids', () => {
  const tempDir = useTempDirs();

  it('gives existing runs distinct UUIDs, new runs one each, and refuses a duplicate', () => {
    const file = join(tempDir(), 'benchtop.db');
    const at = MIGRATIONS.findIndex((m) => m.name === 'run-uids');
    expect(MIGRATIONS[at]?.version).toBe(8);
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, at) });
    before.exec(`INSERT INTO experiments (id, name, created_at) VALUES (1, 'e', 'now');
      INSERT INTO datasets (id, name, version, hash, file_name, bytes, rows, columns, storage_path, created_at)
        VALUES (1, 'd', 1, 'h', 'd.csv', 1, 1, '[]', 'p', 'now');`);
    const insert = before.prepare(
      `INSERT INTO runs (experiment_id, dataset_id, name, status, model, target, created_at) VALUES (1, 1, 'r', 'finished', 'logistic', 't', 'now')`,
    );
    for (let i = 0; i < 50; i++) insert.run();
    before.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, at + 1) });
    const uids = db.prepare<[], string>('SELECT uid FROM runs').pluck().all();
    expect(uids).toHaveLength(50);
    expect(new Set(uids).size).toBe(50);
    for (const uid of uids) expect(uid).toMatch(UUID);

    const id = db
      .prepare(
        `INSERT INTO runs (experiment_id, dataset_id, name, status, model, target, created_at) VALUES (1, 1, 'new', 'queued', 'logistic', 't', 'now')`,
      )
      .run().lastInsertRowid;
    expect(
      db.prepare<[number], string>('SELECT uid FROM runs WHERE id = ?').pluck().get(Number(id)),
    ).toMatch(UUID);
    expect(() =>
      db.prepare(`UPDATE runs SET uid = ? WHERE id = ?`).run(uids[0], Number(id)),
    ).toThrow(/UNIQUE/);
    db.close();
  });
});
