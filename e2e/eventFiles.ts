import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  concat,
  encodeEvent,
  frameRecord,
} from '../electron/core/importers/tensorboard/testEvents.js';

/** A TensorBoard event file of `steps` scalar points of `tag`, from step `from` on. */
export function eventFile(tag: string, from: number, steps: number): Uint8Array {
  const wallTime = 1_700_000_000;
  const records = [frameRecord(encodeEvent({ wallTime, fileVersion: 'brain.Event:2' }))];
  for (let i = 0; i < steps; i++)
    records.push(
      frameRecord(
        encodeEvent({
          wallTime: wallTime + i,
          step: from + i,
          values: [{ tag, simple: 1 / (i + 1) }],
        }),
      ),
    );
  return concat(records);
}

/** A logdir of `runs` runs (`run-0`, `run-1`…) of `points` points each: big enough to watch it read. */
export async function writeLogdir(dir: string, runs: number, points: number): Promise<void> {
  const file = eventFile('loss', 0, points);
  for (let r = 0; r < runs; r++) {
    await mkdir(path.join(dir, `run-${r}`), { recursive: true });
    await writeFile(
      path.join(dir, `run-${r}`, 'events.out.tfevents.1700000000.benchtop-e2e.1.v2'),
      file,
    );
  }
}
