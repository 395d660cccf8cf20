import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { startMlflowServer, type MlflowServer } from '../../testing/mlflowWire.js';
import { waitForRunEnd } from '../../testing/waitForRun.js';

/** Eight scripts logging at once beside a training job: every point kept, no SQLITE_BUSY, no error. */
describe('concurrent MLflow writers', () => {
  const tempDir = useTempDirs();
  let s: MlflowServer;
  afterEach(async () => s?.close());

  it(
    'keeps every point of eight scripts logging at once while a job trains',
    { timeout: 120_000 },
    async () => {
      s = await startMlflowServer(tempDir(), tempDir());
      const { id: datasetId } = await s.core.call('datasets.importSample', { name: 'iris' });
      const { runId: trainedId } = await s.core.call('jobs.train', {
        datasetId,
        target: 'species',
        params: { epochs: 30 },
      });

      const WRITERS = 8;
      const BATCHES = 12;
      const PER_BATCH = 500;
      const replies = await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          const created = await s.post('runs/create', {
            experiment_id: '0',
            run_name: `writer-${w}`,
            start_time: Date.now(),
          });
          const runId = (created.json.run as { info: { run_id: string } }).info.run_id;
          const statuses: number[] = [];
          for (let b = 0; b < BATCHES; b++) {
            const metrics = Array.from({ length: PER_BATCH }, (_, i) => {
              const step = b * (PER_BATCH / 2) + Math.floor(i / 2);
              return {
                key: i % 2 ? 'train/loss' : 'system/cpu',
                value: Math.sin(step + w) * 1e-3 + w,
                timestamp: Date.now(),
                step,
              };
            });
            statuses.push(
              (
                await s.post('runs/log-batch', {
                  run_id: runId,
                  metrics,
                  params: b === 0 ? [{ key: 'writer', value: String(w) }] : [],
                })
              ).status,
            );
          }
          return { runId, statuses };
        }),
      );
      for (const { runId, statuses } of replies) {
        expect(statuses.every((status) => status === 200)).toBe(true);
        for (const key of ['train/loss', 'system/cpu']) {
          const history = await s.get('metrics/get-history', {
            run_id: runId,
            metric_key: key,
            max_results: 25_000,
          });
          const steps = (history.json.metrics as { step: number }[]).map((p) => p.step);
          expect(steps).toEqual(Array.from({ length: (BATCHES * PER_BATCH) / 2 }, (_, i) => i));
        }
      }
      expect(await waitForRunEnd(s.core, trainedId)).toBe('finished');
    },
  );
});
