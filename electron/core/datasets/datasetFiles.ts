import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Content-addressed blob store under `<dataDir>/datasets/sha256/`, like a DVC cache: each file once. */
export function storeBlob(dataDir: string, bytes: Uint8Array, ext: string): { hash: string; path: string } {
  const hex = createHash('sha256').update(bytes).digest('hex');
  const dir = join(dataDir, 'datasets', 'sha256', hex.slice(0, 2));
  const path = join(dir, `${hex}${ext}`);
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes, { mode: 0o444 });
    renameSync(tmp, path);
  }
  return { hash: `sha256:${hex}`, path };
}
