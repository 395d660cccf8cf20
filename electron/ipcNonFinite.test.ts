import { describe, expect, it } from 'vitest';
import { buildBridge } from './bridge.js';
import { openCore } from './core/core.js';
import { isAppUrl } from './desktop/appProtocol.js';
import { bindIpc, type IpcMainLike } from './ipc.js';
import { useTempDirs } from './testing/tempDir.js';

type Handler = Parameters<IpcMainLike['handle']>[1];

/** The desktop path: the read worker's JSON (runs.table) and structured clone (the rest) keep ±Infinity. */
describe('IPC: non-finite metric values', () => {
  const tempDir = useTempDirs();

  it('brings ±Infinity through the read worker and the bridge as numbers', async () => {
    const core = openCore({ dataDir: tempDir() });
    const handlers = new Map<string, Handler>();
    const replies: unknown[] = [];
    bindIpc(
      { handle: (c, l) => void handlers.set(c, l), removeHandler: (c) => void handlers.delete(c) },
      core,
      isAppUrl,
      () => {},
      () => {},
    );
    const bridge = buildBridge(
      {
        invoke: async (channel, input) => {
          const reply = await handlers.get(channel)!(
            { senderFrame: { url: 'app://benchtop/index.html' } } as never,
            input,
          );
          replies.push(reply);
          return structuredClone(reply); // as Electron's IPC copies it
        },
        on: () => {},
        removeListener: () => {},
      },
      { getPathForFile: () => '' },
    );
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
