import {
  chmodSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { createGunzip } from 'node:zlib';
import { oneLine, UserError } from '../userError.js';
import { extractTar } from './extractTar.js';
import { BackupManifest, DB_NAME, MANIFEST_NAME } from './manifest.js';
import { relocateStoredPaths } from './relocatePaths.js';

export interface RestoreResult {
  dataDir: string;
  files: number;
  counts: BackupManifest['counts'];
  app_version: string;
  created_at: string;
}

/**
 * `benchtop restore FILE`: into an empty (or new) data directory only. Everything is extracted
 * to a folder beside it and checked against the manifest first; on any mismatch nothing is
 * restored.
 */
export async function restoreBackup(archive: string, dataDir: string): Promise<RestoreResult> {
  const target = resolve(dataDir);
  if (!existsSync(archive) || !statSync(archive).isFile())
    throw new UserError(`no such backup file: ${archive}`);
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new UserError(`${target} is not a folder`);
    if (readdirSync(target).length)
      throw new UserError(
        `${target} is not empty; restore only into an empty or new data directory`,
      );
  }
  mkdirSync(dirname(target), { recursive: true });
  const stage = mkdtempSync(join(dirname(target), `.${basename(target)}.restoring-`));
  try {
    let extracted;
    try {
      extracted = await extractTar(
        createReadStream(archive).pipe(createGunzip()),
        stage,
        MANIFEST_NAME,
      );
    } catch (e) {
      throw new UserError(
        `checksum error: ${archive} is corrupt or truncated (${oneLine(e)}); nothing restored`,
      );
    }
    if (!extracted.kept)
      throw new UserError(
        `checksum error: ${archive} has no manifest (truncated?); nothing restored`,
      );
    const parsed = BackupManifest.safeParse(JSON.parse(extracted.kept.toString('utf8')) as unknown);
    if (!parsed.success)
      throw new UserError(`${archive} is not a Benchtop backup; nothing restored`);
    const manifest = parsed.data;
    const got = new Map(extracted.files.map((f) => [f.path, f]));
    for (const f of manifest.files) {
      const file = got.get(f.path);
      if (!file || file.bytes !== f.bytes || file.sha256 !== f.sha256) {
        throw new UserError(
          `checksum error: ${f.path} in ${archive} does not match its manifest; nothing restored`,
        );
      }
      got.delete(f.path);
    }
    const extra = [...got.keys()][0];
    if (extra !== undefined)
      throw new UserError(
        `checksum error: ${extra} in ${archive} is not in its manifest; nothing restored`,
      );
    for (const f of extracted.files) chmodSync(join(stage, f.path), f.mode & 0o777 || 0o644);
    if (existsSync(join(stage, DB_NAME))) relocateStoredPaths(join(stage, DB_NAME), target);
    mkdirSync(target, { recursive: true });
    for (const name of readdirSync(stage)) renameSync(join(stage, name), join(target, name));
    return {
      dataDir: target,
      files: manifest.files.length,
      counts: manifest.counts,
      app_version: manifest.app_version,
      created_at: manifest.created_at,
    };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
