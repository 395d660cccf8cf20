import { createWriteStream, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { Writable } from 'node:stream';
import type { Store } from '../store/store.js';
import { removeQuietly, writeErrorReason } from '../reports/writeOutput.js';
import { UserError } from '../userError.js';
import { writeTarGz, type ArchiveProgress } from './writeTarGz.js';
import { DB_NAME, MANIFEST_NAME, type BackupManifest } from './manifest.js';

export interface BackupOptions {
  store: Pick<Store, 'maintenance'>;
  dataDir: string;
  out: string;
  appVersion: string;
  /** Test seam: where the archive's bytes go (default: the partial file beside `out`). */
  openOutput?: (partial: string) => Writable;
  /** Files and bytes archived so far (the settings view's progress bar). */
  onProgress?: (p: ArchiveProgress) => void;
}

export interface BackupResult {
  path: string;
  bytes: number;
  files: number;
  counts: BackupManifest['counts'];
}

/** The live database and its sidecars are never copied as files: the online backup replaces them. */
const SKIP = /^benchtop\.db(-wal|-shm|-journal)?$|\.partial-\d+$|\.tmp$/;
/** Scratch folders: imports in progress stage and spool there, and delete what they leave. */
const SCRATCH = new Set(['tmp', 'datasets/tmp']);

/** Every regular file under the data directory (datasets, artifacts, …), relative, sorted. */
export function dataFiles(dataDir: string, exclude: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SCRATCH.has(relative(dataDir, full).split(sep).join('/'))) walk(full);
      } else if (entry.isFile() && !SKIP.test(entry.name) && resolve(full) !== exclude)
        out.push(relative(dataDir, full).split(sep).join('/'));
    }
  };
  walk(dataDir);
  return out.sort();
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
  try {
    await opts.store.maintenance.backupTo(snapshot);
    const counts = opts.store.maintenance.rowCounts();
    const sources = [
      { path: DB_NAME, file: snapshot },
      ...dataFiles(opts.dataDir, out).map((p) => ({ path: p, file: join(opts.dataDir, p) })),
    ];
    let files: BackupManifest['files'] = [];
    const manifest = (): BackupManifest => ({
      format: 'benchtop-backup',
      format_version: 1,
      app_version: opts.appVersion,
      schema_version: opts.store.maintenance.schemaVersion(),
      created_at: new Date().toISOString(),
      counts,
      files,
    });
    files = await writeTarGz({
      sources,
      destination: opts.openOutput?.(partial) ?? createWriteStream(partial),
      manifest: (archived) => (
        (files = archived),
        { path: MANIFEST_NAME, body: Buffer.from(JSON.stringify(manifest(), null, 2)) }
      ),
      onProgress: opts.onProgress,
    });
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
