import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, lstatSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Db } from '../store/db.js';
import { removeQuietly, writeErrorReason } from '../reports/writeOutput.js';
import { UserError } from '../userError.js';
import { BLOCK, padding, tarHeader } from './tarFormat.js';
import { DB_NAME, MANIFEST_NAME, type BackupManifest } from './manifest.js';

export interface BackupOptions {
  db: Db;
  dataDir: string;
  out: string;
  appVersion: string;
  /** Test seam: where the archive's bytes go (default: the partial file beside `out`). */
  openOutput?: (partial: string) => Writable;
}

export interface BackupResult {
  path: string;
  bytes: number;
  files: number;
  counts: BackupManifest['counts'];
}

/** The live database and its sidecars are never copied as files: the online backup replaces them. */
const SKIP = /^benchtop\.db(-wal|-shm|-journal)?$|\.partial-\d+$/;

/** Every regular file under the data directory (datasets, artifacts, …), relative, sorted. */
export function dataFiles(dataDir: string, exclude: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && !SKIP.test(entry.name) && resolve(full) !== exclude) out.push(relative(dataDir, full).split(sep).join('/'));
    }
  };
  walk(dataDir);
  return out.sort();
}

async function* fileBody(path: string, size: number, hash: ReturnType<typeof createHash>): AsyncGenerator<Buffer> {
  let read = 0;
  if (size > 0) {
    for await (const chunk of createReadStream(path, { start: 0, end: size - 1 }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      read += chunk.length;
      yield chunk;
    }
  }
  if (read !== size) throw new UserError(`${path} changed during the backup; try again`);
  const pad = padding(size);
  if (pad) yield Buffer.alloc(pad);
}

/**
 * `benchtop backup`: SQLite's online backup (consistent while the app keeps writing) plus every
 * file of the data directory, in one tar.gz whose last entry is a manifest with sha256 checksums.
 * Written to a partial file and renamed, so a failure (a full disk) leaves nothing behind.
 */
export async function createBackup(opts: BackupOptions): Promise<BackupResult> {
  const out = resolve(opts.out);
  const partial = `${out}.partial-${process.pid}`;
  const stage = mkdtempSync(join(tmpdir(), 'benchtop-backup-'));
  const snapshot = join(stage, DB_NAME);
  const count = (sql: string) => opts.db.prepare<[], number>(sql).pluck().get() ?? 0;
  try {
    await opts.db.backup(snapshot);
    const counts = {
      runs: count('SELECT COUNT(*) FROM runs'),
      datasets: count('SELECT COUNT(*) FROM datasets'),
      model_versions: count('SELECT COUNT(*) FROM model_versions'),
    };
    const sources = [{ path: DB_NAME, file: snapshot }, ...dataFiles(opts.dataDir, out).map((p) => ({ path: p, file: join(opts.dataDir, p) }))];
    const files: BackupManifest['files'] = [];
    const manifest = (): BackupManifest => ({
      format: 'benchtop-backup',
      format_version: 1,
      app_version: opts.appVersion,
      schema_version: opts.db.pragma('user_version', { simple: true }) as number,
      created_at: new Date().toISOString(),
      counts,
      files,
    });
    async function* archive(): AsyncGenerator<Buffer> {
      for (const { path, file } of sources) {
        let stat;
        try {
          stat = lstatSync(file);
        } catch {
          continue; // removed since listing (a purged run): not part of this backup
        }
        if (!stat.isFile()) continue;
        const hash = createHash('sha256');
        yield tarHeader(path, stat.size, stat.mode, stat.mtimeMs / 1000);
        yield* fileBody(file, stat.size, hash);
        files.push({ path, bytes: stat.size, sha256: hash.digest('hex') });
      }
      const body = Buffer.from(JSON.stringify(manifest(), null, 2));
      yield tarHeader(MANIFEST_NAME, body.length, 0o644, Date.now() / 1000);
      yield body;
      yield Buffer.alloc(padding(body.length) + 2 * BLOCK);
    }
    await pipeline(archive(), createGzip(), opts.openOutput?.(partial) ?? createWriteStream(partial));
    renameSync(partial, out);
    return { path: out, bytes: statSync(out).size, files: files.length, counts };
  } catch (e) {
    removeQuietly(partial);
    if (e instanceof UserError) throw e;
    throw new UserError(`backup failed, nothing written to ${out}: ${writeErrorReason(e)}`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
