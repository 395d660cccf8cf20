import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import { openDatabase } from '../db.js';
import { MIGRATIONS } from './index.js';

describe('migration 0002-training', () => {
  const tempDir = useTempDirs();

  it('upgrades a database written by schema 1 and keeps its runs', () => {
    const file = join(tempDir(), 'benchtop.db');
    const v1 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) });
    v1.exec(`INSERT INTO experiments (id, name, created_at) VALUES (1, 'Default', 'now');
      INSERT INTO datasets (id, name, version, hash, file_name, bytes, rows, columns, storage_path, created_at)
        VALUES (1, 'd', 1, 'sha256:x', 'd.csv', 1, 1, '[]', '/d', 'now');
      INSERT INTO runs (id, experiment_id, dataset_id, name, status, model, target, created_at)
        VALUES (1, 1, 1, 'run-1', 'finished', 'logistic', 'y', 'now');`);
    v1.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, 2) });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT name FROM runs').all()).toEqual([{ name: 'run-1' }]);
    db.prepare(`INSERT INTO run_evaluations (run_id, metrics) VALUES (1, '{"accuracy":1}')`).run();
    db.prepare(
      `INSERT INTO run_artifacts (run_id, name, path, sha256, bytes) VALUES (1, 'model.json', '/m', 'ab', 3)`,
    ).run();
    const tables = db
      .prepare<[], { name: string }>(
        `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`,
      )
      .all();
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'run_artifacts',
        'run_environments',
        'run_evaluations',
        'run_logs',
        'sweep_runs',
        'sweeps',
      ]),
    );
    db.close();
  });
});
