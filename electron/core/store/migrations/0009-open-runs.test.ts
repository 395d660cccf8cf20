import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import { openDatabase } from '../db.js';
import { MIGRATIONS } from './index.js';

describe('migration 0009-open-runs', () => {
  const tempDir = useTempDirs();

  it('rebuilds runs without losing a row or a reference, and lets runs have no dataset, model or target', () => {
    const file = join(tempDir(), 'benchtop.db');
    const at = MIGRATIONS.findIndex((m) => m.name === 'open-runs');
    expect(MIGRATIONS[at]?.version).toBe(9);
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, at) });
    before.exec(`INSERT INTO experiments (id, name, created_at) VALUES (1, 'e', 'then');
      INSERT INTO datasets (id, name, version, hash, file_name, bytes, rows, columns, storage_path, created_at)
        VALUES (1, 'd', 1, 'h', 'd.csv', 1, 1, '[]', 'p', 'now');
      INSERT INTO runs (id, experiment_id, dataset_id, name, status, model, target, created_at, note, archived)
        VALUES (7, 1, 1, 'r', 'finished', 'logistic', 't', 'now', 'a note', 1);
      INSERT INTO params (run_id, key, value) VALUES (7, 'lr', '0.1');
      INSERT INTO tags (run_id, key, value) VALUES (7, 'team', 'a');
      INSERT INTO metric_keys (id, name) VALUES (1, 'loss');
      INSERT INTO latest_metrics (run_id, key_id, step, value) VALUES (7, 1, 3, 0.5);
      INSERT INTO models (id, name, created_at) VALUES (1, 'm', 'now');
      INSERT INTO model_versions (id, uid, model_id, version, run_id, source, created_at) VALUES (1, 'v', 1, 1, 7, '{}', 'now');`);
    const uid = before.prepare<[], string>('SELECT uid FROM runs WHERE id = 7').pluck().get();
    before.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, at + 1) });
    expect(
      db
        .prepare('SELECT id, name, status, model, target, note, archived, uid, source FROM runs')
        .all(),
    ).toEqual([
      {
        id: 7,
        name: 'r',
        status: 'finished',
        model: 'logistic',
        target: 't',
        note: 'a note',
        archived: 1,
        uid,
        source: 'benchtop',
      },
    ]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare('SELECT updated_at FROM experiments').pluck().get()).toBe('then');
    // The registry's reference survives, so the run still cannot be dropped from under its version.
    expect(() => db.prepare('DELETE FROM runs WHERE id = 7').run()).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM model_versions').run();
    db.prepare('DELETE FROM runs WHERE id = 7').run();
    expect(db.prepare('SELECT COUNT(*) FROM params').pluck().get()).toBe(0); // cascades still work
    expect(db.prepare('SELECT COUNT(*) FROM tags').pluck().get()).toBe(0);

    const id = db
      .prepare(
        `INSERT INTO runs (experiment_id, name, status, created_at, source) VALUES (1, 'script', 'running', 'now', 'script')`,
      )
      .run().lastInsertRowid;
    expect(
      db
        .prepare(
          'SELECT dataset_id, model, target, uid IS NOT NULL AS has_uid FROM runs WHERE id = ?',
        )
        .get(Number(id)),
    ).toEqual({
      dataset_id: null,
      model: null,
      target: null,
      has_uid: 1,
    });
    expect(() =>
      db
        .prepare(
          `INSERT INTO runs (experiment_id, name, status, created_at, source) VALUES (1, 'x', 'running', 'now', 'nope')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
