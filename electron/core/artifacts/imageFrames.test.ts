import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IMAGE_BATCH_MAX_BYTES } from '../../../shared/api/artifactPreview.js';
import { openCore, type CoreHandle } from '../core.js';
import { useTempDirs } from '../../testing/tempDir.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]);

/** One step of the compare view's slider: many runs' images in one request. */
describe('artifacts.imageFrames', () => {
  const tempDir = useTempDirs();
  let core: CoreHandle;
  afterEach(async () => core?.close());

  async function runsWith(...runs: Record<string, Buffer>[]) {
    const dataDir = tempDir();
    core = openCore({ dataDir });
    const experiment = await core.call('experiments.create', { name: 'e' });
    const ids: number[] = [];
    for (const files of runs) {
      const run = await core.call('runs.start', { experimentId: experiment.id });
      for (const [path, bytes] of Object.entries(files)) {
        const file = join(dataDir, 'artifacts', 'runs', String(run.id), path);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, bytes);
      }
      ids.push(run.id);
    }
    return ids;
  }

  it("answers several runs' images in the order asked, refusing bad items one by one", async () => {
    const [a, b] = await runsWith(
      { 'images/k%step%0%timestamp%1%x.png': PNG, 'images/fake.png': JPEG, 'images/sub/x': PNG },
      { 'images/k%step%0%timestamp%2%y.jpeg': JPEG, 'notes.txt': Buffer.from('text') },
    );
    const { images, rest, bytes } = await core.call('artifacts.imageFrames', {
      items: [
        { runId: b!, path: 'images/k%step%0%timestamp%2%y.jpeg' },
        { runId: a!, path: 'images/k%step%0%timestamp%1%x.png' },
        { runId: a!, path: 'images/fake.png' },
        { runId: b!, path: 'notes.txt' },
        { runId: a!, path: 'images/sub' },
        { runId: a!, path: '../../../etc/passwd' },
        { runId: 999, path: 'images/x.png' },
        { runId: a!, path: 'images/gone.png' },
      ],
    });
    expect(rest).toBe(0);
    expect(images.slice(0, 2)).toEqual([
      {
        kind: 'image',
        runId: b,
        path: 'images/k%step%0%timestamp%2%y.jpeg',
        mime: 'image/jpeg',
        offset: 0,
        length: JPEG.length,
      },
      {
        kind: 'image',
        runId: a,
        path: 'images/k%step%0%timestamp%1%x.png',
        mime: 'image/png',
        offset: JPEG.length,
        length: PNG.length,
      },
    ]);
    expect(Buffer.from(bytes)).toEqual(Buffer.concat([JPEG, PNG]));
    expect(images.slice(2).map((i) => (i.kind === 'refused' ? i.reason : i.kind))).toEqual([
      'fake.png is not a PNG image: its bytes are JPEG',
      'notes.txt is not a PNG, JPEG, GIF or WebP image',
      'sub is a folder',
      'invalid artifact path "../../../etc/passwd": it may not contain . or .. segments',
      'no run with id 999',
      'no artifact "images/gone.png" in this run',
    ]);
  });

  it('puts the bytes in one exactly sized block, refusals in their place', async () => {
    const [a, b] = await runsWith(
      { 'images/1.png': PNG, 'images/fake.png': JPEG },
      { 'images/2.jpeg': JPEG },
    );
    const items = [
      { runId: b!, path: 'images/2.jpeg' },
      { runId: a!, path: 'images/fake.png' },
      { runId: 999, path: 'images/x.png' },
      { runId: a!, path: 'images/1.png' },
    ];
    const frames = await core.call('artifacts.imageFrames', { items });
    expect(frames.rest).toBe(0);
    expect(frames.images).toEqual([
      { kind: 'image', runId: b, path: 'images/2.jpeg', mime: 'image/jpeg', offset: 0, length: 10 },
      expect.objectContaining({ kind: 'refused', runId: a, path: 'images/fake.png' }),
      { kind: 'refused', runId: 999, path: 'images/x.png', reason: 'no run with id 999' },
      { kind: 'image', runId: a, path: 'images/1.png', mime: 'image/png', offset: 10, length: 12 },
    ]);
    expect(frames.images[1]).toMatchObject({ kind: 'refused', reason: /is not a PNG image/ });
    expect(Buffer.from(frames.bytes)).toEqual(Buffer.concat([JPEG, PNG]));
    // Its own buffer, not a view into Node's pool: IPC's structured clone copies only these bytes.
    expect(frames.bytes.buffer.byteLength).toBe(frames.bytes.length);
    expect(structuredClone(frames)).toEqual(frames);
  });

  it('stops once the block holds its byte budget, always answering at least one', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(IMAGE_BATCH_MAX_BYTES / 2)]);
    const [a] = await runsWith({ 'images/1.png': big, 'images/2.png': big, 'images/3.png': big });
    const items = ['1', '2', '3'].map((n) => ({ runId: a!, path: `images/${n}.png` }));
    const first = await core.call('artifacts.imageFrames', { items });
    expect(first.images.map((i) => i.path)).toEqual(['images/1.png', 'images/2.png']);
    expect([first.rest, first.bytes.length]).toEqual([1, 2 * big.length]);
    const many = Array.from({ length: 2001 }, () => ({ runId: a!, path: 'images/x.png' }));
    await expect(core.call('artifacts.imageFrames', { items: many })).rejects.toThrow(
      'ask for at most 2000 images at once',
    );
  });
});
