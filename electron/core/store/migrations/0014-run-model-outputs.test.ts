import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import { openDatabase } from '../db.js';
import { createLoggedModelsRepo } from '../loggedModelsRepo.js';
import { MIGRATIONS } from './index.js';

describe('migration run-model-outputs', () => {
  const tempDir = useTempDirs();

  it('keeps the logged models made before it, with no declared outputs, and records new ones', () => {
    const file = join(tempDir(), 'benchtop.db');
    const at = MIGRATIONS.findIndex((m) => m.name === 'run-model-outputs');
    expect(at).toBeGreaterThan(0);
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, at) });
    before.prepare(`INSERT INTO experiments (name, created_at) VALUES ('e', 'now')`).run();
    before
      .prepare(
        `INSERT INTO runs (experiment_id, name, status, uid, created_at) VALUES (1, 'r', 'finished', 'u1', 'now')`,
      )
      .run();
    before
      .prepare(
        `INSERT INTO logged_models (id, run_id, name, status, created_ms, updated_ms)
         VALUES ('m-1', 1, 'model', 'ready', 1, 1)`,
      )
      .run();
    before.close();

    const db = openDatabase(file);
    const repo = createLoggedModelsRepo(db);
    expect(repo.get('m-1')?.name).toBe('model');
    expect(repo.outputsOf(['u1'])).toEqual([]);
    repo.logOutputs(1, [{ id: 'm-1', step: 4 }]);
    expect(repo.outputsOf(['u1'])).toEqual([{ run_uid: 'u1', model_id: 'm-1', step: 4 }]);
    const point = { model_id: 'm-1', key: 'acc', step: 0, time: 1 };
    const dataset = { dataset_name: 'd', dataset_digest: 'x' };
    repo.logMetrics([{ ...point, ...dataset, run_id: 1, value: NaN }]);
    expect(repo.metricsOf('m-1')).toEqual([{ ...point, ...dataset, run_uid: 'u1', value: NaN }]);
    // Deleting the model drops the output with it.
    repo.remove('m-1');
    expect(repo.outputsOf(['u1'])).toEqual([]);
  });
});
