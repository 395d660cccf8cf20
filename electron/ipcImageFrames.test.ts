import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from './core/core.js';
import { bridgeOverFakeIpc } from './testing/fakeIpcBridge.js';
import { useTempDirs } from './testing/tempDir.js';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

/** The desktop path of the compare view's images: bytes through IPC's structured clone, no base64. */
describe('IPC: artifacts.imageFrames', () => {
  const tempDir = useTempDirs();

  it('carries the images as one Uint8Array through the fake IPC and the bridge', async () => {
    const dataDir = tempDir();
    const core = openCore({ dataDir });
    const { bridge, replies: sent } = bridgeOverFakeIpc(core);
    try {
      const experiment = await core.call('experiments.create', { name: 'e' });
      const run = await core.call('runs.start', { experimentId: experiment.id });
      const file = join(dataDir, 'artifacts', 'runs', String(run.id), 'images/a.png');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, PNG);
      const items = [
        { runId: run.id, path: 'images/a.png' },
        { runId: run.id, path: 'images/gone.png' },
      ];
      const reply = await bridge.call('artifacts.imageFrames', { items });
      expect(reply.bytes).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(reply.bytes)).toEqual(PNG);
      expect(reply.images).toEqual([
        {
          kind: 'image',
          runId: run.id,
          path: 'images/a.png',
          mime: 'image/png',
          offset: 0,
          length: 12,
        },
        {
          kind: 'refused',
          runId: run.id,
          path: 'images/gone.png',
          reason: 'no artifact "images/gone.png" in this run',
        },
      ]);
      // Sent as data with its bytes, never as base64 or JSON text.
      expect(JSON.stringify((sent[0] as { data: { images: unknown } }).data.images)).not.toContain(
        'base64',
      );
      expect(sent[0]).not.toHaveProperty('json');
      await expect(
        bridge.call('artifacts.imageFrames', { items: Array(2001).fill(items[0]) }),
      ).rejects.toThrow('ask for at most 2000 images at once');
    } finally {
      await core.close();
    }
  });
});
