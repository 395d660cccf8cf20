import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import { DatasetProfile } from '../../../shared/api/datasets.js';
import { Column } from '../../../shared/domain.js';
import type { ExperimentsImported } from '../../../shared/api/experiments.js';
import type { ArchiveProgress } from '../backup/writeTarGz.js';
import { extractTar, type Extracted } from '../backup/extractTar.js';
import { VersionOptions } from '../datasets/versionOptions.js';
import type { Store } from '../store/store.js';
import { oneLine, UserError } from '../userError.js';
import {
  ArchivedRun,
  EXPERIMENTS_DATA,
  EXPERIMENTS_MANIFEST,
  EXPERIMENTS_RUNS,
  ExperimentsData,
  ExperimentsManifest,
} from './experimentsArchive.js';
import { readLines } from './readLines.js';
import { insertArchivedRun } from './insertArchivedRun.js';

export interface ImportExperimentsOptions {
  store: Store;
  dataDir: string;
  archive: string;
  onProgress?: (p: ArchiveProgress) => void;
}

/** Where a dataset file may land: the content-addressed store only. */
const DATASET_FILE = /^datasets\/sha256\/[0-9a-f]{2}\/[0-9a-f]{64}[\w.-]*$/;

/** Every file the manifest lists, with its size and checksum, and nothing else; else the message. */
function mismatch(manifest: ExperimentsManifest, extracted: Extracted[]): string | null {
  const got = new Map(extracted.map((f) => [f.path, f]));
  for (const f of manifest.files) {
    const file = got.get(f.path);
    if (!file || file.bytes !== f.bytes || file.sha256 !== f.sha256)
      return `${f.path} does not match its manifest`;
    got.delete(f.path);
  }
  const extra = [...got.keys()][0];
  return extra === undefined ? null : `${extra} is not in its manifest`;
}

/** Extracts and checks the archive into `stage`; any damage is a checksum error. */
async function unpack(
  archive: string,
  stage: string,
  onProgress?: (p: ArchiveProgress) => void,
): Promise<{ manifest: ExperimentsManifest; data: ExperimentsData }> {
  const total = statSync(archive).size;
  const progress: ArchiveProgress = { files: 0, total_files: 0, bytes: 0, total_bytes: total };
  const input = createReadStream(archive);
  input.on('data', (chunk) => {
    progress.bytes += chunk.length;
    onProgress?.({ ...progress });
  });
  let extracted;
  try {
    extracted = await extractTar(input.pipe(createGunzip()), stage, EXPERIMENTS_MANIFEST);
  } catch (e) {
    throw new UserError(
      `checksum error: ${archive} is corrupt or truncated (${oneLine(e)}); nothing imported`,
    );
  }
  if (!extracted.kept)
    throw new UserError(
      `checksum error: ${archive} has no manifest (truncated, or not an experiments archive); nothing imported`,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(extracted.kept.toString('utf8'));
  } catch {
    throw new UserError(`checksum error: the manifest of ${archive} is damaged; nothing imported`);
  }
  const manifest = ExperimentsManifest.safeParse(raw);
  if (!manifest.success)
    throw new UserError(`${archive} is not a Benchtop experiments archive; nothing imported`);
  const bad = mismatch(manifest.data, extracted.files);
  if (bad) throw new UserError(`checksum error: ${bad} in ${archive}; nothing imported`);
  let data;
  try {
    data = ExperimentsData.parse(JSON.parse(readFileSync(join(stage, EXPERIMENTS_DATA), 'utf8')));
  } catch {
    throw new UserError(
      `${archive} is a damaged experiments archive (${EXPERIMENTS_DATA} does not read); nothing imported`,
    );
  }
  return { manifest: manifest.data, data };
}

/** Moves a file into place, remembering it so a failed import can put it back. */
function mover() {
  const moved: [from: string, to: string][] = [];
  return {
    move(from: string, to: string): void {
      mkdirSync(dirname(to), { recursive: true });
      renameSync(from, to);
      moved.push([from, to]);
    },
    undo(): void {
      for (const [from, to] of moved.reverse()) {
        try {
          renameSync(to, from);
        } catch {
          rmSync(to, { recursive: true, force: true });
        }
      }
    },
  };
}

/**
 * `benchtop experiments import FILE`: runs are matched by uid (already here: skipped) and dataset
 * versions by content hash and import options (already here: reused), so the same archive twice
 * adds nothing. Checked whole before anything is written; recorded in one transaction.
 */
export async function importExperiments({
  store,
  dataDir,
  archive,
  onProgress,
}: ImportExperimentsOptions): Promise<ExperimentsImported> {
  if (!existsSync(archive) || !statSync(archive).isFile())
    throw new UserError(`no such archive: ${archive}`);
  const tmp = join(dataDir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const stage = mkdtempSync(join(tmp, 'import-'));
  try {
    const { manifest, data } = await unpack(archive, stage, onProgress);
    const checksum = new Map(manifest.files.map((f) => [f.path, f.sha256]));
    const datasets = data.datasets.map((d) => {
      const parsed = z
        .object({
          columns: z.array(Column),
          options: VersionOptions,
          profile: DatasetProfile.nullable(),
        })
        .safeParse({ columns: d.columns, options: d.options, profile: d.profile });
      if (!parsed.success)
        throw new UserError(
          `${archive}: dataset ${d.name} v${d.version} is damaged; nothing imported`,
        );
      for (const path of [d.original, d.storage]) {
        if (path !== null && !DATASET_FILE.test(path))
          throw new UserError(
            `${archive}: dataset file ${path} would land outside the dataset store; nothing imported`,
          );
      }
      // The store is content-addressed: a file may only sit under its own content's hash.
      const hex = d.hash.replace(/^sha256:/, '');
      const named = (path: string | null) => path === null || basename(path).startsWith(hex);
      const original = d.original === null || checksum.get(d.original) === hex;
      if (!named(d.original) || !named(d.storage) || !original) {
        throw new UserError(
          `${archive}: dataset ${d.name} v${d.version} does not match its content hash; nothing imported`,
        );
      }
      return { ...d, ...parsed.data };
    });
    const files = mover();
    const result: ExperimentsImported = {
      experiments_added: 0,
      runs_added: 0,
      runs_skipped: 0,
      datasets_added: 0,
      datasets_reused: 0,
      files_added: 0,
    };
    try {
      store.transaction(() => {
        const datasetIds = new Map<number, number>();
        const needed = new Set(
          data.runs.filter((r) => !store.runArchive.hasUid(r.uid)).map((r) => r.dataset_id),
        );
        for (const d of datasets) {
          if (!needed.has(d.id)) continue;
          const existing =
            store.datasets.findByContent(d.hash, d.options, d.name) ??
            store.datasets.findByContent(d.hash, d.options);
          if (existing) {
            datasetIds.set(d.id, existing.id);
            result.datasets_reused++;
            continue;
          }
          for (const path of new Set([d.original, d.storage])) {
            if (path === null || existsSync(join(dataDir, path))) continue;
            files.move(join(stage, path), join(dataDir, path));
            result.files_added++;
          }
          const inserted = store.datasets.insertNextVersion({
            name: d.name,
            hash: d.hash,
            file_name: d.file_name,
            bytes: d.bytes,
            rows: d.rows,
            columns: d.columns,
            options: d.options,
            ...(d.profile ? { profile: d.profile } : {}),
            original_path: d.original === null ? null : join(dataDir, d.original),
            // A version whose files stayed behind keeps its history; training on it says the file is missing.
            storage_path: join(dataDir, d.storage ?? join('datasets', 'missing', d.file_name)),
          });
          datasetIds.set(d.id, inserted.id);
          result.datasets_added++;
        }
        for (const e of data.experiments) {
          if (!store.experiments.named(e.name)) result.experiments_added++;
          store.experiments.ensure(e.name);
        }
        // runs.jsonl, one run a line in the index's order, read as it is recorded.
        const damaged = (why: string) =>
          new UserError(
            `${archive} is a damaged experiments archive (${EXPERIMENTS_RUNS}: ${why}); nothing imported`,
          );
        let line = 0;
        for (const text of readLines(join(stage, EXPERIMENTS_RUNS))) {
          const indexed = data.runs[line++];
          if (!indexed) throw damaged('more runs than its index lists');
          if (store.runArchive.hasUid(indexed.uid)) {
            result.runs_skipped++;
            continue;
          }
          let parsed;
          try {
            parsed = ArchivedRun.safeParse(JSON.parse(text));
          } catch {
            throw damaged(`line ${line} is not JSON`);
          }
          if (!parsed.success)
            throw damaged(
              `line ${line}: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trim(),
            );
          const run = parsed.data;
          if (run.uid !== indexed.uid || run.dataset_id !== indexed.dataset_id)
            throw damaged(`line ${line} does not match its index`);
          const datasetId = run.dataset_id === null ? null : datasetIds.get(run.dataset_id);
          if (datasetId === undefined)
            throw new UserError(
              `${archive}: run ${run.name} refers to a dataset the archive does not hold; nothing imported`,
            );
          const added = insertArchivedRun(store, dataDir, run, datasetId, stage, files.move);
          result.files_added += added;
          result.runs_added++;
        }
        if (line !== data.runs.length) throw damaged('fewer runs than its index lists');
      });
    } catch (e) {
      files.undo();
      throw e;
    }
    return result;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
