import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core.js';
import { useTempDirs } from '../../testing/tempDir.js';
import { sniffImage } from '../artifacts/imageBytes.js';

/** fixtures/images: two runs with TF1 `add_image` and TF2 `tf.summary.image` summaries (see fixtures/README.md). */
const LOGDIR = join(import.meta.dirname, 'tensorboard', 'fixtures', 'images');

describe('TensorBoard images import as images logged per step', () => {
  const tempDir = useTempDirs();
  let core: Core;
  afterEach(async () => core?.close());

  it('writes each sample as log_image names it, leaves out bytes that are no image, and counts them', async () => {
    const dataDir = tempDir();
    core = createCore({ dataDir });
    const preview = await core.call('runs.import', { path: LOGDIR, preview: true });
    expect(preview).toMatchObject({ runs_added: 2, images: 16 });

    const summary = await core.call('runs.import', { path: LOGDIR, experiment: 'tb-images' });
    expect(summary).toMatchObject({ source: 'tensorboard', runs_added: 2, images: 16 });
    expect(summary.metric_points).toBe(8);
    expect(summary.warnings).toEqual([
      'seed0: an image of "broken" is not PNG, JPEG, GIF or WebP: left out',
      'seed1: an image of "broken" is not PNG, JPEG, GIF or WebP: left out',
    ]);

    const runs = await core.call('runs.table', {});
    const seed0 = runs.find((r) => r.name === 'seed0')!;
    const seed1 = runs.find((r) => r.name === 'seed1')!;
    const { runs: listed } = await core.call('artifacts.images', { runIds: [seed0.id, seed1.id] });
    const images = listed[0]!.images;
    expect(images.map((i) => [i.key, i.step])).toEqual([
      ['inputs', 0],
      ['inputs', 10],
      ['inputs/1', 0],
      ['inputs/1', 10],
      ['val/prediction', 0],
      ['val/prediction', 5],
      ['val/prediction', 10],
      ['val/prediction', 15],
    ]);
    expect(images[4]).toEqual({
      key: 'val/prediction',
      step: 0,
      timestamp: 1_700_000_000_000,
      path: 'images/val#prediction%step%0%timestamp%1700000000000%tb0.png',
      thumb: null,
    });
    expect(images[2]!.path).toMatch(/%tb1\.gif$/);
    expect(listed[1]!.images.map((i) => i.timestamp)[4]).toBe(1_700_000_000_100);

    // The bytes are the encoded image, whole: a PNG that previews as one.
    const file = join(dataDir, 'artifacts', 'runs', String(seed0.id), images[5]!.path);
    expect(sniffImage(readFileSync(file))).toBe('image/png');
    const shown = await core.call('artifacts.preview', { runId: seed0.id, path: images[5]!.path });
    expect(shown).toMatchObject({ kind: 'image', mime: 'image/png' });

    const again = await core.call('runs.import', { path: LOGDIR, experiment: 'tb-images' });
    expect(again).toMatchObject({ runs_added: 0, runs_skipped: 2, images: 0 });
  });
});
