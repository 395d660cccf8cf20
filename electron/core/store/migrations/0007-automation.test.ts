import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import { createAutomationRepo } from '../automationRepo.js';
import { openDatabase } from '../db.js';
import { MIGRATIONS } from './index.js';

describe('migration 0007-automation', () => {
  const tempDir = useTempDirs();

  it('upgrades a database of the previous version, and holds at most one running pipeline per model', () => {
    const file = join(tempDir(), 'benchtop.db');
    const at = MIGRATIONS.findIndex((m) => m.name === 'automation');
    expect(MIGRATIONS[at]!.version).toBe(7);
    const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, at) });
    old.exec(
      `INSERT INTO models (id, name, created_at) VALUES (1, 'm', 'now'), (2, 'other', 'now');`,
    );
    old.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, at + 1) });
    const repo = createAutomationRepo(db);
    expect(repo.policies()).toEqual([]);
    const config = {
      trigger: 'drift' as const,
      metric: null,
      margin: 0,
      threshold: null,
      strategy: 'new',
      autoPromote: false,
      dataset: null,
    };
    const pipeline = {
      modelId: 1,
      policyId: null,
      source: 'manual' as const,
      config,
      dataPath: '/a.csv',
      dataHash: 'sha256:a',
    };
    const first = repo.createPipeline(pipeline);
    expect(repo.pipeline(first)!.summary).toMatchObject({
      model: 'm',
      status: 'running',
      steps: expect.arrayContaining([
        expect.objectContaining({ name: 'import', status: 'pending' }),
      ]),
    });
    expect(() => repo.createPipeline({ ...pipeline, dataHash: 'sha256:b' })).toThrow(/UNIQUE/);
    expect(repo.createPipeline({ ...pipeline, modelId: 2 })).toBeGreaterThan(first);
    repo.setStatus(first, 'finished');
    expect(repo.createPipeline({ ...pipeline, dataHash: 'sha256:c' })).toBeGreaterThan(first);
    expect(() => db.exec(`UPDATE pipeline_runs SET status = 'done' WHERE id = ${first}`)).toThrow(
      /CHECK/,
    );
    db.close();
  });
});
