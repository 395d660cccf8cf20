import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import { openDatabase } from '../db.js';
import { MIGRATIONS } from './index.js';

describe('migration explorer', () => {
  const tempDir = useTempDirs();

  it('upgrades a database written by the previous version: runs kept, not archived, no note', () => {
    const file = join(tempDir(), 'benchtop.db');
    const at = MIGRATIONS.findIndex((m) => m.name === 'explorer');
    expect(at).toBeGreaterThan(0);
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, at) });
    before.exec(`INSERT INTO experiments (id, name, created_at) VALUES (1, 'e', 'now');
      INSERT INTO datasets (id, name, version, hash, file_name, bytes, rows, columns, storage_path, created_at)
        VALUES (1, 'd', 1, 'h', 'd.csv', 1, 1, '[]', 'p', 'now');
      INSERT INTO runs (id, experiment_id, dataset_id, name, status, model, target, created_at)
        VALUES (7, 1, 1, 'run-7', 'finished', 'logistic', 't', 'now');`);
    before.close();

    const after = openDatabase(file);
    expect(after.prepare('SELECT id, archived, deleted_at, note FROM runs').all()).toEqual([
      { id: 7, archived: 0, deleted_at: null, note: '' },
    ]);
    after.prepare("INSERT INTO tags (run_id, key) VALUES (7, 'baseline')").run();
    after
      .prepare(
        "INSERT INTO saved_views (name, query, columns, sort, created_at) VALUES ('v', '', '[]', '', 'now')",
      )
      .run();
    const indexes = after
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index'")
      .pluck()
      .all();
    expect(indexes).toEqual(
      expect.arrayContaining(['params_by_key', 'latest_metrics_by_key', 'tags_by_key']),
    );
    after.close();
  });
});
