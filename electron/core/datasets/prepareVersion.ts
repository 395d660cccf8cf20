import { createHash, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { ColumnProfile, DatasetProfile } from '../../../shared/api/datasets.js';
import type { Column } from '../../../shared/domain.js';
import { optionsKey, type VersionOptions } from './versionOptions.js';
import { UserError } from '../userError.js';
import { ColumnarCacheWriter } from './columnarCache.js';
import { ColumnSpool, SPILL_BYTES } from './columnSpool.js';
import { ColumnScratch, loadSpooledColumn, releaseColumn } from './spooledColumn.js';
import { finishColumn, type FinishedColumn } from './finishColumns.js';
import { finishTextFile } from './spilledText.js';
import { profileColumn } from './profileColumns.js';
import { startProfileThread, type ProfileThread, type ThreadProfile } from './profileThread.js';
import { formatOf, readTable, type ReadProgress } from './readers/readTable.js';
import type { TableBuilder } from './tableBuilder.js';

/** Everything main needs to record a version; the files are already in place. */
export interface PreparedVersion {
  hash: string;
  file_name: string;
  bytes: number;
  rows: number;
  columns: Column[];
  profile: DatasetProfile;
  original_path: string;
  storage_path: string;
  warnings: string[];
}

export interface PrepareInput {
  path: string;
  fileName: string;
  dataDir: string;
  options: VersionOptions;
  onProgress?: (p: ReadProgress) => void;
  cancelled?: () => boolean;
  /** Bytes of parsed columns held in memory before they spill to a scratch file (tests lower it). */
  memoryBudget?: number;
  /** About the bytes of text columns' dictionaries held in memory before the biggest becomes a file of text records (tests lower it). */
  dictionaryBudget?: number;
  /** Files from this size are read, hashed and copied on a worker thread (tests lower it). */
  readAheadFrom?: number;
  /** CSV files this big or bigger are parsed with a second thread (tests lower it). */
  parseThreadFrom?: number;
  /** Files from this size also profile numeric columns on a second thread (tests change it). */
  profileThreadFrom?: number;
}

const blobDir = (dataDir: string, hex: string) =>
  join(dataDir, 'datasets', 'sha256', hex.slice(0, 2));

/**
 * Reads a file once (hashing and copying it in the same pass), types and profiles its columns,
 * and writes the content-addressed original and the columnar cache under the data directory.
 */
export async function prepareVersion(input: PrepareInput): Promise<PreparedVersion> {
  const { path, fileName, dataDir, options } = input;
  formatOf(fileName);
  const tmpDir = join(dataDir, 'datasets', 'tmp');
  mkdirSync(tmpDir, { recursive: true });
  const tmp = join(tmpDir, `${randomUUID()}.part`);
  // Started now, so the thread is up by the time the parse is done.
  const profiler =
    sizeOf(path) >= (input.profileThreadFrom ?? PROFILE_THREAD_BYTES)
      ? startProfileThread()
      : undefined;
  // CSV, JSON Lines and Parquet stream their parsed rows to a scratch file: memory stays bounded
  // however big the file. A JSON array is parsed whole (JSON.parse), so it stays in memory.
  const spool =
    formatOf(fileName).format !== 'json' && formatOf(fileName).format !== 'arrow'
      ? new ColumnSpool(`${tmp}.cols`, input.memoryBudget, input.dictionaryBudget)
      : undefined;
  try {
    const read = await readTable(path, fileName, {
      spool,
      delimiter: options.delimiter,
      noHeader: options.noHeader,
      skipBadLines: options.skipBadLines,
      textColumns: new Set(
        Object.keys(options.types).filter((name) => options.types[name] !== 'numeric'),
      ),
      copyTo: tmp,
      readAheadFrom: input.readAheadFrom,
      parseThreadFrom: input.parseThreadFrom,
      onProgress: input.onProgress,
      cancelled: input.cancelled,
    });
    const { builder, warnings } = read;
    const names = new Set(builder.columns.map((c) => c.name));
    const unknown = Object.keys(options.types).find((n) => !names.has(n));
    if (unknown !== undefined)
      throw new UserError(`--type ${unknown}: ${fileName} has no column named "${unknown}"`);

    const hex = read.hash.slice('sha256:'.length);
    const dir = blobDir(dataDir, hex);
    mkdirSync(dir, { recursive: true });
    const { gzip } = formatOf(fileName);
    const ext = (gzip ? `${extname(fileName.slice(0, -3))}.gz` : extname(fileName)).toLowerCase();
    const original = join(dir, `${hex}${/^\.[a-z0-9.]{1,12}$/.test(ext) ? ext : ''}`);
    if (existsSync(original)) rmSync(tmp);
    else {
      chmodSync(tmp, 0o444);
      renameSync(tmp, original);
    }

    const shape = createHash('sha256').update(optionsKey(options)).digest('hex').slice(0, 12);
    const cache = join(dir, `${hex}.${shape}.cols`);
    const profiles = await profileAndCache(
      read.builder,
      options,
      warnings,
      spool,
      existsSync(cache) ? undefined : cache,
      profiler,
    );
    const profile: DatasetProfile = {
      rows: builder.rows,
      columns: profiles,
      encoding: read.encoding,
      format: read.format + (gzip ? '+gzip' : ''),
      delimiter: read.delimiter,
      skipped_lines: read.skipped,
      warnings,
    };
    return {
      hash: read.hash,
      file_name: fileName,
      bytes: read.bytes,
      rows: builder.rows,
      columns: profile.columns.map(({ name, type, missing, distinct }) => ({
        name,
        type,
        missing,
        distinct,
      })),
      profile,
      original_path: original,
      storage_path: cache,
      warnings,
    };
  } catch (e) {
    // The scratch file and the columnar cache are written here too: a full disk is the user's to fix.
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT')
      throw new UserError(
        `cannot store ${fileName}: the disk holding the data directory is full; free some space and try again`,
      );
    throw e;
  } finally {
    rmSync(tmp, { force: true });
    spool?.dispose();
    await profiler?.close();
  }
}

/** The file's size, or 0 when it cannot be read (the reader says why, as one line). */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Files from this size profile on two threads (below, a thread's start costs more than it saves). */
const PROFILE_THREAD_BYTES = 32 << 20;

/**
 * One column at a time: read it back (when spooled), type, profile and cache it, then let it go.
 * Given a profile thread, a numeric column is profiled there whenever it is free,
 * while this one goes on to the next column; warnings keep the columns' order.
 */
async function profileAndCache(
  builder: TableBuilder,
  options: VersionOptions,
  warnings: string[],
  spool: ColumnSpool | undefined,
  cache: string | undefined,
  profiler: ProfileThread | undefined,
): Promise<ColumnProfile[]> {
  const writer = cache === undefined ? undefined : new ColumnarCacheWriter(cache);
  const scratch = new ColumnScratch();
  const numeric = builder.columns.filter((c) => c.numeric).length;
  // The thread profiles a column (read in place when it lies in shared memory, else a copy) while
  // this one loads the next: two columns in memory, so only while two fit the budget for parsed
  // columns (bounded memory comes before a second core).
  const thread = numeric >= 2 && builder.rows * 16 <= SPILL_BYTES ? profiler : undefined;
  try {
    const profiles: Array<ThreadProfile | Promise<ThreadProfile>> = [];
    const finishWarnings: string[][] = [];
    for (const [i, c] of builder.columns.entries()) {
      finishWarnings.push([]);
      let finished: FinishedColumn;
      if (c.textFile && spool) {
        const text = finishTextFile(c, options.types[c.name], builder.rows, spool, writer);
        if ('profile' in text) {
          profiles.push({ profile: text.profile, warnings: [] });
          continue;
        }
        finished = text.column;
        finishWarnings[i]!.push(...text.warnings);
      } else {
        if (spool?.used) {
          await writer?.drained(); // the scratch buffer is about to be refilled
          loadSpooledColumn(c, i, spool, builder.rows, scratch);
        }
        finished = finishColumn(c, options.types[c.name], finishWarnings[i]!);
      }
      // Written in the background while the profile (and the next column) is computed.
      writer?.add(finished);
      if (thread && finished.type === 'numeric' && thread.busy === 0) {
        const profiled = thread.profile(finished); // the column is not written again: it may go now
        profiled.catch(() => {}); // awaited below, in order; a failure rejects there
        profiles.push(profiled);
      } else {
        const own: string[] = [];
        profiles.push({ profile: profileColumn(finished, own), warnings: own });
      }
      releaseColumn(c);
      // A turn of the event loop, so the thread's answer (and so whether it is free) arrives.
      if (thread) await new Promise((resolve) => setImmediate(resolve));
    }
    const done = await Promise.all(profiles);
    for (const [i, p] of done.entries()) warnings.push(...finishWarnings[i]!, ...p.warnings);
    await writer?.finish(builder.rows);
    return done.map((p) => p.profile);
  } catch (e) {
    await writer?.abort();
    throw e;
  }
}
