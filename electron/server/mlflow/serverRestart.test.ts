import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/tempDir.js';
import { startMlflowServer, type MlflowServer } from '../../testing/mlflowWire.js';

/**
 * `benchtop serve` (or the app) restarts while a training script keeps logging: its run is
 * marked interrupted at start-up, then the script's next log-batch and its end_run arrive.
 */
describe('a script that outlives a server restart', () => {
  const tempDir = useTempDirs();
  let s: MlflowServer | undefined;
  afterEach(async () => s?.close());

  it('is running again once it logs, and ends without the interruption’s reason', async () => {
    const dataDir = tempDir();
    s = await startMlflowServer(dataDir, tempDir());
    const created = await s.post('runs/create', { experiment_id: '0', start_time: 1 });
    const runId = (created.json.run as { info: { run_id: string } }).info.run_id;
    await s.post('runs/log-batch', {
      run_id: runId,
      metrics: [{ key: 'loss', value: 1, timestamp: 1, step: 0 }],
    });
    await s.close();

    s = await startMlflowServer(dataDir, tempDir());
    const status = async () =>
      ((await s!.get('runs/get', { run_id: runId })).json.run as { info: { status: string } }).info
        .status;
    expect(await status()).toBe('KILLED');
    const logged = await s.post('runs/log-batch', {
      run_id: runId,
      metrics: [{ key: 'loss', value: 0.5, timestamp: 2, step: 1 }],
    });
    expect(logged.status).toBe(200);
    expect(await status()).toBe('RUNNING');

    await s.post('runs/update', {
      run_id: runId,
      run_uuid: runId,
      status: 'FINISHED',
      end_time: 3,
    });
    expect(await status()).toBe('FINISHED');
    // Nor does the app still say the process running it ended.
    const [record] = await s.core.call('runs.list', {});
    expect(record).toMatchObject({ status: 'finished', error: null });
    const history = await s.get('metrics/get-history', { run_id: runId, metric_key: 'loss' });
    expect((history.json.metrics as unknown[]).length).toBe(2);
  });
});
