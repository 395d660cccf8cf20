import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import { openDatabase } from '../db.js';
import { MIGRATIONS } from './index.js';

describe('migration 0010-registry-details', () => {
  const tempDir = useTempDirs();

  it('rebuilds models without losing a row or a reference, adds descriptions, tags and tombstones', () => {
    const file = join(tempDir(), 'benchtop.db');
    const at = MIGRATIONS.findIndex((m) => m.name === 'registry-details');
    expect(MIGRATIONS[at]?.version).toBe(10);
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, at) });
    before.exec(`INSERT INTO experiments (id, name, created_at) VALUES (1, 'e', 'then');
      INSERT INTO runs (id, experiment_id, name, status, created_at, source) VALUES (7, 1, 'r', 'finished', 'now', 'script');
      INSERT INTO models (id, name, created_at) VALUES (1, 'm', '2024-01-01T00:00:00.000Z'), (2, 'empty', '2024-02-01T00:00:00.000Z');
      INSERT INTO model_versions (id, uid, model_id, version, run_id, note, source, created_at)
        VALUES (1, 'v1', 1, 1, 7, 'first', '{}', '2024-01-02T00:00:00.000Z'), (2, 'v2', 1, 2, NULL, '', '{}', '2024-01-03T00:00:00.000Z');
      INSERT INTO model_aliases (model_id, alias, version_id) VALUES (1, 'champion', 2);
      INSERT INTO registry_history (version_id, action, detail, at) VALUES (1, 'registered', 'from run 7', 'now');
      INSERT INTO automation_policies (id, model_id, trigger, strategy, created_at, updated_at) VALUES (1, 1, 'always', 'same', 'now', 'now');`);
    before.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, at + 1) });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // A model changed when its newest version came; one without versions when it was made.
    expect(
      db
        .prepare(
          'SELECT id, name, description, created_at, updated_at, deleted_at FROM models ORDER BY id',
        )
        .all(),
    ).toEqual([
      {
        id: 1,
        name: 'm',
        description: '',
        created_at: '2024-01-01T00:00:00.000Z',
        updated_at: '2024-01-03T00:00:00.000Z',
        deleted_at: null,
      },
      {
        id: 2,
        name: 'empty',
        description: '',
        created_at: '2024-02-01T00:00:00.000Z',
        updated_at: '2024-02-01T00:00:00.000Z',
        deleted_at: null,
      },
    ]);
    expect(
      db
        .prepare(
          'SELECT id, note, source_uri, updated_at, deleted_at FROM model_versions ORDER BY id',
        )
        .all(),
    ).toEqual([
      {
        id: 1,
        note: 'first',
        source_uri: '',
        updated_at: '2024-01-02T00:00:00.000Z',
        deleted_at: null,
      },
      { id: 2, note: '', source_uri: '', updated_at: '2024-01-03T00:00:00.000Z', deleted_at: null },
    ]);
    // References into the rebuilt table still hold.
    expect(() => db.prepare('DELETE FROM models WHERE id = 1').run()).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO model_versions (uid, model_id, version, source, created_at) VALUES ('x', 99, 1, '{}', 'now')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(
      db
        .prepare('SELECT m.name FROM automation_policies p JOIN models m ON m.id = p.model_id')
        .pluck()
        .all(),
    ).toEqual(['m']);

    // A live name is unique; a deleted model frees it.
    expect(() =>
      db
        .prepare(`INSERT INTO models (name, created_at, updated_at) VALUES ('m', 'now', 'now')`)
        .run(),
    ).toThrow(/UNIQUE/);
    db.prepare(`UPDATE models SET deleted_at = 'now' WHERE id = 2`).run();
    db.prepare(
      `INSERT INTO models (name, created_at, updated_at) VALUES ('empty', 'now', 'now')`,
    ).run();
    expect(db.prepare(`SELECT COUNT(*) FROM models WHERE name = 'empty'`).pluck().get()).toBe(2);

    db.prepare(`INSERT INTO model_tags (model_id, key, value) VALUES (1, 't', '1')`).run();
    db.prepare(
      `INSERT INTO model_version_tags (version_id, key, value) VALUES (1, 'vt', '1')`,
    ).run();
    expect(() =>
      db.prepare(`INSERT INTO model_tags (model_id, key, value) VALUES (1, 't', '2')`).run(),
    ).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() =>
      db
        .prepare(`INSERT INTO model_version_tags (version_id, key, value) VALUES (99, 'vt', '1')`)
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
