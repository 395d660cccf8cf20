import { describe, expect, it } from 'vitest';
import { openCore } from './core/core.js';
import { bridgeOverFakeIpc } from './testing/fakeIpcBridge.js';
import { useTempDirs } from './testing/tempDir.js';

/** The desktop path: the read worker's JSON (runs.table) and structured clone (the rest) keep ±Infinity. */
describe('IPC: non-finite metric values', () => {
  const tempDir = useTempDirs();

  it('brings ±Infinity through the read worker and the bridge as numbers', async () => {
    const core = openCore({ dataDir: tempDir() });
    const { bridge, replies } = bridgeOverFakeIpc(core);
    try {
      const experiment = await core.call('experiments.create', { name: 'e' });
      const run = await core.call('runs.start', { experimentId: experiment.id });
      await core.call('runs.log', {
        uid: run.uid,
        metrics: [
          { key: 'loss', value: Infinity, time: 1, step: 0 },
          { key: 'gap', value: -Infinity, time: 1, step: 0 },
        ],
      });
      core.start();
      const [row] = await bridge.call('runs.table', {});
      expect((replies.at(-1) as { json?: unknown }).json).toBeInstanceOf(Uint8Array);
      expect(row!.metrics).toMatchObject({ loss: Infinity, gap: -Infinity });
      expect((await bridge.call('runs.get', { id: run.id })).metrics).toEqual({
        loss: Infinity,
        gap: -Infinity,
      });
    } finally {
      await core.close();
    }
  });
});
