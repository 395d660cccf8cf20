import { describe, expect, it } from 'vitest';
import { channelOf } from '../shared/api.js';
import { buildBridge } from './bridge.js';
import { openCore } from './core/core.js';
import { isAppUrl } from './desktop/appProtocol.js';
import { bindIpc, type IpcMainLike } from './ipc.js';
import { useTempDirs } from './testing/tempDir.js';

type Handler = Parameters<IpcMainLike['handle']>[1];

/** The desktop path of a heavy read: read worker → JSON bytes → IPC unparsed → parsed in the preload. */
describe('IPC with the read worker', () => {
  const tempDir = useTempDirs();

  it('passes routed reads to the page as JSON main never parses, and the bridge answers as before', async () => {
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
          return reply;
        },
        on: () => {},
        removeListener: () => {},
      },
      { getPathForFile: () => '' },
    );
    try {
      await core.call('runs.demo', { runs: 12, points: 5 });
      const inline = await bridge.call('runs.table', {});
      const inlineQuery = await bridge.call('runs.query', { sort: 'metrics.val_loss' });
      expect(replies.every((r) => 'data' in (r as object))).toBe(true);
      core.start();
      expect(await bridge.call('runs.table', {})).toEqual(inline);
      expect(await bridge.call('runs.query', { sort: 'metrics.val_loss' })).toEqual(inlineQuery);
      expect(
        replies.slice(-2).every((r) => (r as { json?: unknown }).json instanceof Uint8Array),
      ).toBe(true);
      // Everything else is still answered as data, and errors as one line.
      await expect(bridge.call('runs.get', { id: 999_999 })).rejects.toThrow(
        'no run with id 999999',
      );
      await expect(bridge.call('runs.query', { filter: 'params.lr <' })).rejects.toThrow(/^query /);
      expect(handlers.has(channelOf('runs.table'))).toBe(true);
    } finally {
      await core.close();
    }
  });
});
