import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding Benchtop's package.json: the checkout, or the packaged app (asar). */
export function appRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'samples'))) return dir;
    if (dirname(dir) === dir)
      throw new Error(`cannot find Benchtop's install folder above ${from}`);
  }
}

export const samplesDir = (): string => join(appRoot(), 'samples');
export const rendererDir = (): string => join(appRoot(), 'dist', 'renderer');
