import {
  closeSync,
  createWriteStream,
  mkdtempSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { writeTarGz, type ArchiveProgress } from '../backup/writeTarGz.js';
import { removeQuietly, writeErrorReason } from '../reports/writeOutput.js';
import type { Store } from '../store/store.js';
import { UserError } from '../userError.js';
import { collectExperiments } from './collectExperiments.js';
import {
  EXPERIMENTS_DATA,
  EXPERIMENTS_MANIFEST,
  EXPERIMENTS_RUNS,
  type ExperimentsManifest,
} from './experimentsArchive.js';

export interface ExportExperimentsOptions {
  store: Store;
  dataDir: string;
  experiments: string[];
  out: string;
  appVersion: string;
  onProgress?: (p: ArchiveProgress) => void;
  /** Test seam: where the archive's bytes go (default: the partial file beside `out`). */
  openOutput?: (partial: string) => Writable;
}

export interface ExportedExperiments {
  path: string;
  bytes: number;
  files: number;
  counts: ExperimentsManifest['counts'];
}

/** `benchtop export experiments`: the named experiments in one checksummed tar.gz, written whole or not at all. */
export async function exportExperiments(
  opts: ExportExperimentsOptions,
): Promise<ExportedExperiments> {
  const out = resolve(opts.out);
  const partial = `${out}.partial-${process.pid}`;
  const stage = mkdtempSync(join(tmpdir(), 'benchtop-export-'));
  try {
    // One run a line, written as it is read: an export never holds every metric in memory.
    const runsFile = join(stage, EXPERIMENTS_RUNS);
    const fd = openSync(runsFile, 'w');
    let collected;
    try {
      collected = collectExperiments(opts.store, opts.dataDir, opts.experiments, (run) =>
        writeSync(fd, `${JSON.stringify(run)}\n`),
      );
    } finally {
      closeSync(fd);
    }
    const { data, sources } = collected;
    const counts = {
      experiments: data.experiments.length,
      runs: data.runs.length,
      datasets: data.datasets.length,
    };
    const dataFile = join(stage, EXPERIMENTS_DATA);
    writeFileSync(dataFile, JSON.stringify(data));
    const files = await writeTarGz({
      sources: [
        { path: EXPERIMENTS_DATA, file: dataFile },
        { path: EXPERIMENTS_RUNS, file: runsFile },
        ...sources,
      ],
      destination: opts.openOutput?.(partial) ?? createWriteStream(partial),
      manifest: (archived) => {
        const manifest: ExperimentsManifest = {
          format: 'benchtop-experiments',
          format_version: 1,
          app_version: opts.appVersion,
          created_at: new Date().toISOString(),
          counts,
          files: archived,
        };
        return { path: EXPERIMENTS_MANIFEST, body: Buffer.from(JSON.stringify(manifest, null, 2)) };
      },
      onProgress: opts.onProgress,
      whenMissing: 'fail', // runs.jsonl already lists every file: an archive without one would not import
    });
    renameSync(partial, out);
    return { path: out, bytes: statSync(out).size, files: files.length, counts };
  } catch (e) {
    removeQuietly(partial);
    if (e instanceof UserError) throw e;
    throw new UserError(`export failed, nothing written to ${out}: ${writeErrorReason(e)}`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
