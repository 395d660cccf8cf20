import { createHash } from 'node:crypto';
import { createReadStream, lstatSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { UserError } from '../userError.js';
import { BLOCK, padding, tarHeader } from './tarFormat.js';

/** One archive entry: `path` inside the archive, read from `file` on disk. */
export interface ArchiveSource {
  path: string;
  file: string;
}

export interface ArchivedFile {
  path: string;
  bytes: number;
  sha256: string;
}

/** How far an archive (or an import) has got; totals are known before the first byte. */
export interface ArchiveProgress {
  files: number;
  total_files: number;
  bytes: number;
  total_bytes: number;
}

export interface TarGzOptions {
  sources: ArchiveSource[];
  destination: Writable;
  /** The last entry: made once every file is in, from their checksums. */
  manifest: (files: ArchivedFile[]) => { path: string; body: Buffer };
  onProgress?: (p: ArchiveProgress) => void;
  /** A source removed since listing: left out (a backup of a live store), or the archive fails (an export whose index names it). */
  whenMissing?: 'skip' | 'fail';
}

const sizeOf = (file: string): number => {
  try {
    const stat = lstatSync(file);
    return stat.isFile() ? stat.size : 0;
  } catch {
    return 0;
  }
};

/**
 * Streams files into a gzip-compressed ustar archive, hashing each one, and ends it with a
 * manifest. Progress is reported per file and about every 1/200 of the bytes.
 */
export async function writeTarGz({
  sources,
  destination,
  manifest,
  onProgress,
  whenMissing = 'skip',
}: TarGzOptions): Promise<ArchivedFile[]> {
  const files: ArchivedFile[] = [];
  const progress: ArchiveProgress = {
    files: 0,
    total_files: sources.length,
    bytes: 0,
    total_bytes: sources.reduce((n, s) => n + sizeOf(s.file), 0),
  };
  const step = Math.max(64 * 1024, Math.floor(progress.total_bytes / 200));
  let reported = 0;
  const report = (force: boolean) => {
    if (!onProgress || (!force && progress.bytes - reported < step)) return;
    reported = progress.bytes;
    onProgress({ ...progress, bytes: Math.min(progress.bytes, progress.total_bytes) });
  };

  async function* body(
    path: string,
    size: number,
    hash: ReturnType<typeof createHash>,
  ): AsyncGenerator<Buffer> {
    let read = 0;
    if (size > 0) {
      for await (const chunk of createReadStream(path, {
        start: 0,
        end: size - 1,
      }) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        read += chunk.length;
        progress.bytes += chunk.length;
        report(false);
        yield chunk;
      }
    }
    if (read !== size)
      throw new UserError(`${path} changed while it was being archived; try again`);
    const pad = padding(size);
    if (pad) yield Buffer.alloc(pad);
  }

  async function* archive(): AsyncGenerator<Buffer> {
    report(true);
    for (const { path, file } of sources) {
      let stat;
      try {
        stat = lstatSync(file);
      } catch {
        stat = null; // removed since listing (a purged run): not part of this archive
      }
      if (!stat?.isFile() && whenMissing === 'fail')
        throw new UserError(`${path} was removed while it was being archived; try again`);
      if (stat?.isFile()) {
        const hash = createHash('sha256');
        yield tarHeader(path, stat.size, stat.mode, stat.mtimeMs / 1000);
        yield* body(file, stat.size, hash);
        files.push({ path, bytes: stat.size, sha256: hash.digest('hex') });
      }
      progress.files++;
      report(true);
    }
    const last = manifest(files);
    yield tarHeader(last.path, last.body.length, 0o644, Date.now() / 1000);
    yield last.body;
    yield Buffer.alloc(padding(last.body.length) + 2 * BLOCK);
  }

  await pipeline(archive(), createGzip(), destination);
  return files;
}
