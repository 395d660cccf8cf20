import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Download {
  path: string;
  fileName: string;
}

/**
 * Files made for the page to fetch once (browser mode: a backup, an experiments archive), in a
 * private temporary folder; each id is a random UUID, handed out once and forgotten when fetched.
 */
export function createDownloads(root = join(tmpdir(), 'benchtop-downloads'), ttlMs = 10 * 60_000) {
  const ready = new Map<string, Download & { expires: number }>();
  /** A page that never fetches its download (closed, reloaded) must not leave a copy of the store behind. */
  const expire = (now: number) => {
    for (const [id, d] of ready) {
      if (d.expires > now) continue;
      ready.delete(id);
      rmSync(join(d.path, '..'), { recursive: true, force: true });
    }
  };
  let dir: string | null = null;
  return {
    /** A fresh path to write `fileName` to. */
    reserve(fileName: string): string {
      if (!dir) {
        mkdirSync(root, { recursive: true });
        dir = mkdtempSync(join(root, `${process.pid}-`));
      }
      const folder = join(dir, randomUUID());
      mkdirSync(folder);
      return join(folder, fileName);
    },
    add(path: string, fileName: string): { downloadId: string; bytes: number } {
      const downloadId = randomUUID();
      expire(Date.now());
      ready.set(downloadId, { path, fileName, expires: Date.now() + ttlMs });
      return { downloadId, bytes: statSync(path).size };
    },
    /** The download with this id, now no longer offered; the caller removes it with `discard` once sent. */
    take(id: string): Download | undefined {
      expire(Date.now());
      const found = ready.get(id);
      ready.delete(id);
      return found && { path: found.path, fileName: found.fileName };
    },
    discard(download: Download): void {
      rmSync(join(download.path, '..'), { recursive: true, force: true });
    },
    close(): void {
      if (dir) rmSync(dir, { recursive: true, force: true });
      ready.clear();
      dir = null;
    },
  };
}
export type Downloads = ReturnType<typeof createDownloads>;
