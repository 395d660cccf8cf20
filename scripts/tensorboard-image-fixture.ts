/**
 * Writes the TensorBoard image fixture (electron/core/importers/tensorboard/fixtures/images/).
 * Neither tensorboardX nor torch is installed here, so the event files come from the project's
 * own protobuf writer (testEvents.ts), in the two shapes writers use: TF1's `Summary.Image`
 * (tensorboardX / torch `add_image`) and TF2's `images` plugin tensor (`tf.summary.image`).
 * Run: npx tsx scripts/tensorboard-image-fixture.ts
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DT_STRING } from '../electron/core/importers/tensorboard/tensorProto.js';
import {
  eventFileBytes,
  type EventSpec,
} from '../electron/core/importers/tensorboard/testEvents.js';
import { tinyPng } from '../electron/core/importers/tensorboard/tinyPng.js';

const ROOT = join(import.meta.dirname, '../electron/core/importers/tensorboard/fixtures/images');
/** A 1×1 red GIF: a second sample in another format. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAP8AAAAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const SIZE = 32;

/** A square that moves right as training goes on, in the seed's colour. */
const prediction = (seed: number, step: number) =>
  tinyPng(SIZE, SIZE, (x, y) => {
    const inside = x >= step && x < step + 12 && y >= 10 && y < 22;
    return inside ? (seed === 0 ? [220, 60, 40] : [40, 90, 220]) : [245, 245, 240];
  });

rmSync(ROOT, { recursive: true, force: true });
for (const seed of [0, 1]) {
  const events: EventSpec[] = [];
  for (const step of [0, 5, 10, 15]) {
    const wallTime = 1700000000 + step + seed / 10;
    events.push({ wallTime, step, values: [{ tag: 'loss', simple: 1 / (step + 1 + seed) }] });
    events.push({
      wallTime,
      step,
      values: [
        {
          tag: 'val/prediction',
          image: { width: SIZE, height: SIZE, encoded: prediction(seed, step) },
        },
      ],
    });
    if (step % 10 === 0)
      events.push({
        wallTime,
        step,
        values: [
          {
            tag: 'inputs',
            plugin: 'images',
            tensor: {
              dtype: DT_STRING,
              dims: [4],
              strings: [String(SIZE), String(SIZE)],
              bytes: [tinyPng(SIZE, SIZE, (x, y) => [x * 8, y * 8, step * 12]), GIF],
            },
          },
        ],
      });
    if (step === 5)
      events.push({
        wallTime,
        step,
        values: [
          {
            tag: 'broken',
            image: { width: 2, height: 2, encoded: Buffer.from('not an image at all') },
          },
        ],
      });
  }
  const dir = join(ROOT, `seed${seed}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'events.out.tfevents.1700000000.benchtop-fixture.images.0'),
    eventFileBytes(events),
  );
}
console.log(`wrote ${ROOT}`);
