import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { BLOCK, padding, parseHeader } from './tarFormat.js';

export interface Extracted {
  path: string;
  bytes: number;
  sha256: string;
  mode: number;
}

/** A path from the archive that stays inside the target: relative, no `..`, plain characters. */
function safePath(path: string): string {
  const clean = normalize(path);
  if (
    !path ||
    path.startsWith('/') ||
    clean.startsWith('..') ||
    clean !== path ||
    /(^|\/)\.\.(\/|$)|\\|\0/.test(path)
  ) {
    throw new Error(`unsafe path in the archive: ${path}`);
  }
  return path;
}

/**
 * Extracts a (gunzipped) tar stream into `dir`, hashing every file; `keep` names an entry
 * returned in memory instead (the manifest). Throws on anything but well-formed regular files.
 */
export async function extractTar(
  source: AsyncIterable<Buffer>,
  dir: string,
  keep: string,
): Promise<{ files: Extracted[]; kept: Buffer | null }> {
  const files: Extracted[] = [];
  let kept: Buffer | null = null;
  let pending: Buffer = Buffer.alloc(0);
  let entry: {
    path: string;
    size: number;
    mode: number;
    left: number;
    pad: number;
    fd: number | null;
    hash: ReturnType<typeof createHash>;
    memory: Buffer[];
  } | null = null;
  let ended = false;

  const finish = () => {
    if (!entry) return;
    if (entry.fd !== null) closeSync(entry.fd);
    if (entry.path === keep) kept = Buffer.concat(entry.memory);
    else
      files.push({
        path: entry.path,
        bytes: entry.size,
        sha256: entry.hash.digest('hex'),
        mode: entry.mode,
      });
    entry = null;
  };

  for await (const chunk of source) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (;;) {
      if (ended) {
        pending = Buffer.alloc(0);
        break;
      }
      if (entry) {
        if (entry.left > 0) {
          if (!pending.length) break;
          const part = pending.subarray(0, Math.min(entry.left, pending.length));
          pending = pending.subarray(part.length);
          entry.left -= part.length;
          if (entry.fd !== null) {
            entry.hash.update(part);
            writeSync(entry.fd, part);
          } else entry.memory.push(Buffer.from(part));
          continue;
        }
        if (pending.length < entry.pad) break;
        pending = pending.subarray(entry.pad);
        finish();
        continue;
      }
      if (pending.length < BLOCK) break;
      const header = parseHeader(pending.subarray(0, BLOCK));
      pending = pending.subarray(BLOCK);
      if (!header) {
        ended = true;
        continue;
      }
      const path = safePath(header.path);
      let fd: number | null = null;
      if (path !== keep) {
        const target = join(dir, path);
        mkdirSync(dirname(target), { recursive: true });
        fd = openSync(target, 'wx');
      }
      entry = {
        path,
        size: header.size,
        mode: header.mode,
        left: header.size,
        pad: padding(header.size),
        fd,
        hash: createHash('sha256'),
        memory: [],
      };
    }
  }
  if (entry || !ended) {
    finish();
    throw new Error('the archive ends early');
  }
  return { files, kept };
}
