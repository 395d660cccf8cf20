import { describe, expect, it } from 'vitest';
import { channelOf } from '../shared/api.js';
import { openCore } from './core/core.js';
import { bridgeOverFakeIpc } from './testing/fakeIpcBridge.js';
import { useTempDirs } from './testing/tempDir.js';

/** The desktop path of a heavy read: read worker → JSON bytes → IPC unparsed → parsed in the preload. */
describe('IPC with the read worker', () => {
  const tempDir = useTempDirs();

  it('passes routed reads to the page as JSON main never parses, and the bridge answers as before', async () => {
    const core = openCore({ dataDir: tempDir() });
    const { bridge, replies, handlers } = bridgeOverFakeIpc(core);
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
