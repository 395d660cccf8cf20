import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Store } from '../store/store.js';
import { UserError } from '../userError.js';
import type { ArchiveSource } from '../backup/writeTarGz.js';
import {
  runFolder,
  type ArchivedDataset,
  type ArchivedRun,
  type ExperimentsData,
} from './experimentsArchive.js';

/** Files under `dir`, relative to it with `/`, sorted; none when it does not exist. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => f.split(sep).join('/'))
    .sort();
}

/** `path` relative to `dir` with `/`, or null when it lies outside. */
function inside(dir: string, path: string): string | null {
  const rel = relative(dir, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : null;
}

/**
 * What an experiments archive holds: the named experiments' runs (not deleted) with everything
 * recorded about them, the dataset versions they were trained on, and the files to pack.
 */
export function collectExperiments(
  store: Store,
  dataDir: string,
  names: string[],
  writeRun: (run: ArchivedRun) => void,
): { data: ExperimentsData; sources: ArchiveSource[] } {
  const unique = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
  if (!unique.length)
    throw new UserError('name at least one experiment: --experiment NAME[,NAME...]');
  const experiments = unique.map((name) => {
    const found = store.experiments.named(name);
    if (!found) {
      const known = store.experiments.list().map((e) => JSON.stringify(e.name));
      throw new UserError(
        `no experiment named ${JSON.stringify(name)}${known.length ? `; there are: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', …' : ''}` : '; there are none yet'}`,
      );
    }
    return found;
  });

  const sources = new Map<string, ArchiveSource>();
  const add = (path: string, file: string) => sources.set(path, { path, file });
  const runs: ExperimentsData['runs'] = [];
  const datasetIds = new Set<number>();
  for (const experiment of experiments) {
    for (const row of store.runArchive.runsOf(experiment.id)) {
      if (row.dataset_id !== null) datasetIds.add(row.dataset_id);
      const folder = join(dataDir, 'artifacts', 'runs', String(row.id));
      const files = filesUnder(folder);
      for (const f of files) add(`${runFolder(row.uid)}/${f}`, join(folder, ...f.split('/')));
      runs.push({ uid: row.uid, dataset_id: row.dataset_id });
      writeRun({
        ...row,
        experiment: experiment.name,
        archived: row.archived === 1,
        params: store.params.forRun(row.id),
        tags: store.runArchive.tags(row.id),
        metrics: store.metrics
          .series(row.id)
          .map(({ key, steps, values, times }) => ({ key, steps, values, times })),
        environment: store.training.environment(row.id),
        evaluation: store.training.evaluation(row.id),
        logs: store.training.logs(row.id),
        artifacts: store.training.artifacts(row.id).map((a) => ({
          name: a.name,
          file: inside(folder, a.path),
          sha256: a.sha256,
          bytes: a.bytes,
        })),
        files,
      });
    }
  }

  const datasets: ArchivedDataset[] = [...datasetIds]
    .sort((a, b) => a - b)
    .map((id) => {
      const d = store.datasets.get(id);
      if (!d) throw new Error(`run data refers to a missing dataset ${id}`);
      const carry = (path: string | null): string | null => {
        const rel = path === null ? null : inside(dataDir, path);
        if (rel === null || !rel.startsWith('datasets/') || !existsSync(path!)) return null;
        add(rel, path!);
        return rel;
      };
      return {
        id: d.id,
        name: d.name,
        version: d.version,
        hash: d.hash,
        file_name: d.file_name,
        bytes: d.bytes,
        rows: d.rows,
        columns: d.columns,
        options: d.options,
        profile: store.datasets.profileOf(id),
        created_at: d.created_at,
        original: carry(d.original_path),
        storage: carry(d.storage_path),
      };
    });

  return {
    data: {
      experiments: experiments.map(({ name, created_at }) => ({ name, created_at })),
      datasets,
      runs,
    },
    sources: [...sources.values()],
  };
}
