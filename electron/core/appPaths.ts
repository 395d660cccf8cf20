import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let found: string | undefined;

/** The folder holding Benchtop's package.json: the checkout, or the packaged app (asar). */
export function appRoot(from = here): string {
  if (from === here && found) return found;
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'samples'))) {
      if (from === here) found = dir;
      return dir;
    }
    if (dirname(dir) === dir)
      throw new Error(`cannot find Benchtop's install folder above ${from}`);
  }
}

export const samplesDir = (): string => join(appRoot(), 'samples');
export const rendererDir = (): string => join(appRoot(), 'dist', 'renderer');

/** True under tsx or vitest (this file is TypeScript); false when built, bundled (the CLI) or not. */
export const fromSource = import.meta.url.endsWith('.ts');

/**
 * The entry file of a job process or worker thread, named from electron/ without extension
 * ('core/jobs/jobWorker'): the TypeScript from source, else the built JavaScript under
 * dist/electron. Found from the install folder, not the caller's own URL, so a caller inlined
 * into the CLI's bundle (dist/cli) starts the same file as one loaded from dist/electron.
 */
export function entryFile(fromElectron: string): string {
  return fromSource
    ? join(appRoot(), 'electron', `${fromElectron}.ts`)
    : join(appRoot(), 'dist', 'electron', `${fromElectron}.js`);
}
