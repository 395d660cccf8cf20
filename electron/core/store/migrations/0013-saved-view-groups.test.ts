import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import { openDatabase } from '../db.js';
import { createExplorerRepo } from '../explorerRepo.js';
import { MIGRATIONS } from './index.js';

describe('migration saved-view-groups', () => {
  const tempDir = useTempDirs();

  it('keeps the views saved before it, ungrouped', () => {
    const file = join(tempDir(), 'benchtop.db');
    const at = MIGRATIONS.findIndex((m) => m.name === 'saved-view-groups');
    expect(at).toBeGreaterThan(0);
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, at) });
    before
      .prepare(
        `INSERT INTO saved_views (name, query, columns, sort, created_at)
         VALUES ('best', 'metrics.acc > 0.9', '["params.lr"]', '-id', 'now')`,
      )
      .run();
    before.close();

    const repo = createExplorerRepo(openDatabase(file));
    expect(repo.views()).toEqual([
      {
        id: 1,
        name: 'best',
        query: 'metrics.acc > 0.9',
        columns: ['params.lr'],
        sort: '-id',
        group: [],
      },
    ]);
  });
});
