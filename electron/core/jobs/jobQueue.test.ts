import { describe, expect, it } from 'vitest';
import { createCore } from '../core.js';
import { useTempDirs } from '../../testing/tempDir.js';
import { defaultConcurrency } from './jobQueue.js';

describe('defaultConcurrency', () => {
  it('is cores − 1, at least 1, unless BENCHTOP_MAX_JOBS says otherwise', () => {
    expect(defaultConcurrency(8, undefined)).toBe(7);
    expect(defaultConcurrency(1, undefined)).toBe(1);
    expect(defaultConcurrency(2, '3')).toBe(3);
    expect(defaultConcurrency(4, 'lots')).toBe(3);
  });
});

describe('a job asked for while the queue shuts down', () => {
  const tempDir = useTempDirs();

  it('ends its run interrupted at once instead of waiting forever', async () => {
    const core = createCore({ dataDir: tempDir() });
    try {
      const { id } = await core.call('datasets.importSample', { name: 'iris' });
      const runId = core.store.runs.create({
        experiment_id: core.store.experiments.ensure('late'),
        dataset_id: id,
        model: 'logistic',
        task: 'multiclass',
        target: 'species',
      });
      await core.training.queue.shutdown();
      const outcome = await core.training.queue.enqueue({ kind: 'crash', runId });
      expect(outcome).toEqual({ kind: 'cancelled' });
      expect(core.store.runs.get(runId)).toMatchObject({
        status: 'interrupted',
        error: 'Benchtop was closed before the run started',
      });
    } finally {
      await core.close();
    }
  });
});
