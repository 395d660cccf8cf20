import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WrittenArtifact {
  name: string;
  path: string;
  sha256: string;
  bytes: number;
}

export const CHECKSUMS_FILE = 'checksums.sha256';

export function sha256File(path: string): { sha256: string; bytes: number } {
  const data = readFileSync(path);
  return { sha256: createHash('sha256').update(data).digest('hex'), bytes: data.byteLength };
}

export const writeJson = (dir: string, name: string, value: unknown): void => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), `${JSON.stringify(value, null, 2)}\n`);
};

/** Hashes the files of a run folder and writes them in `sha256sum -c` format beside them. */
export function checksum(dir: string, names: readonly string[]): WrittenArtifact[] {
  const artifacts = names.map((name) => ({
    name,
    path: join(dir, name),
    ...sha256File(join(dir, name)),
  }));
  writeFileSync(
    join(dir, CHECKSUMS_FILE),
    artifacts.map((a) => `${a.sha256}  ${a.name}\n`).join(''),
  );
  return artifacts;
}
