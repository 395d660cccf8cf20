import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { z } from 'zod';
import { DatasetProfile, type ImportedDataset } from '../../../shared/api/datasets.js';
import { Column, type Dataset } from '../../../shared/domain.js';
import type { EventBus } from '../eventBus.js';
import { startJob, type JobHandle } from '../jobs/jobProcess.js';
import type { StoredDataset } from '../store/datasetsRepo.js';
import type { Store } from '../store/store.js';
import { UserError } from '../userError.js';
import { statInput } from './readers/byteSource.js';
import { formatOf } from './readers/readTable.js';
import { recordVersion } from './recordVersion.js';
import { importJobOf, type ImportRequest } from './importJobSpec.js';

/** The job's report, checked before anything is recorded. */
const Prepared = z.object({
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  file_name: z.string(),
  bytes: z.number().int(),
  rows: z.number().int(),
  columns: z.array(Column),
  profile: DatasetProfile,
  original_path: z.string(),
  storage_path: z.string(),
  warnings: z.array(z.string()),
});

/** A version as the contract shows it (field order pinned: the CLI's JSON keeps it). */
export const publicDataset = (d: StoredDataset): Dataset => ({
  id: d.id,
  name: d.name,
  version: d.version,
  parent_id: d.parent_id,
  hash: d.hash,
  rows: d.rows,
  columns: d.columns,
  file_name: d.file_name,
  bytes: d.bytes,
  created_at: d.created_at,
});

/**
 * Imports files in job processes (the window never waits on parsing) and records the versions:
 * identical content read the same way is the existing version; new content under a known name
 * is that name's next version, linked to its parent.
 */
export function createImportService(store: Store, dataDir: string, events: EventBus) {
  const running = new Map<string, JobHandle>();

  async function importPath(path: string, request: ImportRequest = {}): Promise<ImportedDataset> {
    const job = importJobOf(path, request, dataDir);
    const { fileName, options } = job;
    formatOf(fileName);
    statInput(path, fileName); // fail fast, before a process starts
    const importId = request.importId ?? randomUUID();
    let report: unknown;
    const started = Date.now(); // before startJob: a job started ahead replays its messages in it
    const handle = startJob(job, (message) => {
      if (message.type === 'report') report = message.report;
      if (message.type === 'import-progress') {
        const { bytes, totalBytes, rows } = message;
        const elapsed = (Date.now() - started) / 1000;
        const eta =
          bytes > 0 && bytes < totalBytes ? (elapsed * (totalBytes - bytes)) / bytes : null;
        events.emit({
          type: 'dataset.progress',
          importId,
          file_name: fileName,
          bytes,
          total_bytes: totalBytes,
          rows,
          eta_seconds: eta,
        });
      }
    });
    running.set(importId, handle);
    const outcome = await handle.done.finally(() => running.delete(importId));
    if (outcome.kind === 'error')
      throw outcome.user ? new UserError(outcome.message) : new Error(outcome.message);
    if (outcome.kind === 'crashed')
      throw new Error(`the import of ${fileName} failed: ${outcome.message}`);
    if (outcome.kind === 'cancelled')
      throw new UserError(`the import of ${fileName} was cancelled`);
    const prepared = Prepared.parse(report);
    const name = (request.name ?? datasetNameOf(fileName)).trim() || 'dataset';
    const { warnings, ...version } = prepared;
    const { stored, existing } = recordVersion(
      store,
      version,
      name,
      options,
      request.name !== undefined,
    );
    return { ...publicDataset(stored), existing, warnings };
  }

  /** Browser mode: the page sends the bytes; they go to a temp file and take the same path. */
  async function importUpload(
    fileName: string,
    bytes: Uint8Array,
    request: ImportRequest = {},
  ): Promise<ImportedDataset> {
    const dir = join(dataDir, 'datasets', 'uploads');
    mkdirSync(dir, { recursive: true });
    const tmp = join(dir, `${randomUUID()}${extname(fileName).toLowerCase()}`);
    writeFileSync(tmp, bytes);
    try {
      return await importPath(tmp, { ...request, fileName });
    } finally {
      rmSync(tmp, { force: true });
    }
  }

  return {
    importPath,
    importUpload,
    cancel(importId: string): boolean {
      const handle = running.get(importId);
      handle?.cancel();
      return handle !== undefined;
    },
  };
}

/** A dataset's default name: the file's stem without its format and compression suffixes. */
export function datasetNameOf(fileName: string): string {
  let stem = basename(fileName);
  if (stem.toLowerCase().endsWith('.gz')) stem = stem.slice(0, -3);
  return stem.slice(0, stem.length - extname(stem).length) || stem;
}
