import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import { createDatasetsRepo } from '../datasetsRepo.js';
import { openDatabase } from '../db.js';
import { MIGRATIONS } from './index.js';

describe('migration 0006-datasets', () => {
  const tempDir = useTempDirs();

  it('upgrades a database of the previous version: old versions get no parent, no options, no profile', () => {
    const file = join(tempDir(), 'benchtop.db');
    const before = MIGRATIONS.findIndex((m) => m.name === 'datasets');
    const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, before) });
    old.exec(`INSERT INTO datasets (id, name, version, hash, file_name, bytes, rows, columns, storage_path, created_at)
      VALUES (1, 'd', 1, 'sha256:${'a'.repeat(64)}', 'd.csv', 1, 1, '[]', '/d.csv', 'now');`);
    old.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, before + 1) });
    const repo = createDatasetsRepo(db);
    expect(repo.get(1)).toMatchObject({
      id: 1,
      parent_id: null,
      options: { types: {} },
      original_path: null,
      storage_path: '/d.csv',
    });
    expect(repo.profileOf(1)).toBeNull();
    const next = repo.insertNextVersion({
      name: 'd',
      hash: `sha256:${'b'.repeat(64)}`,
      file_name: 'd.csv',
      bytes: 2,
      rows: 2,
      columns: [],
      storage_path: '/d2.cols',
    });
    expect(next).toMatchObject({ version: 2, parent_id: 1 });
    db.close();
  });
});
