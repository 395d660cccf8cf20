import { basename } from 'node:path';
import type { Method, Output, ParsedInput } from '../../../shared/api.js';
import type { Store } from '../store/store.js';
import { createRunArtifacts } from '../tracking/runArtifacts.js';
import { InvalidInput, NotFound } from '../userError.js';
import { previewArtifact } from './artifactPreview.js';
import { loggedImages } from '../../../shared/loggedImages.js';
import { imageFrames } from './imageFrames.js';
import { csvPage, parquetPage } from './tablePreview.js';

type ViewMethod = Extract<
  Method,
  | 'artifacts.browse'
  | 'artifacts.preview'
  | 'artifacts.file'
  | 'artifacts.images'
  | 'artifacts.imageFrames'
  | 'artifacts.tableRows'
>;
export type ArtifactViewHandlers = {
  [M in ViewMethod]: (input: ParsedInput<M>) => Output<M> | Promise<Output<M>>;
};

/** The run page's artifacts: any run's folder, listed a level at a time, previewed, downloaded. */
export function createArtifactViewHandlers(store: Store, dataDir: string): ArtifactViewHandlers {
  const artifacts = createRunArtifacts(dataDir);
  const run = (runId: number): number => {
    if (!store.runs.get(runId)) throw new NotFound(`no run with id ${runId}`);
    return runId;
  };
  return {
    'artifacts.browse': ({ runId, path }) => {
      const folder = path.replace(/\/+$/, '');
      const entries = artifacts
        .list(run(runId), folder)
        .map((e) => ({
          name: e.path,
          path: folder ? `${folder}/${e.path}` : e.path,
          is_dir: e.is_dir,
          size: e.size,
        }))
        .sort((a, b) => Number(b.is_dir) - Number(a.is_dir) || (a.name < b.name ? -1 : 1));
      return { entries };
    },
    'artifacts.preview': async ({ runId, path, offset }) => {
      const { full, stats } = artifacts.find(run(runId), path);
      return previewArtifact(path, full, stats, offset);
    },
    'artifacts.images': ({ runIds }) => ({
      runs: runIds.map((runId) => ({
        runId,
        images: loggedImages(
          artifacts
            .list(run(runId), 'images')
            .filter((e) => !e.is_dir)
            .map((e) => e.path),
        ),
      })),
    }),
    'artifacts.imageFrames': ({ items }) => imageFrames(artifacts, run, items),
    'artifacts.tableRows': async ({ runId, path, cursor, row }) => {
      const { full, stats } = artifacts.find(run(runId), path);
      const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
      if (!stats.isFile() || (ext !== 'csv' && ext !== 'tsv' && ext !== 'parquet'))
        throw new InvalidInput(`${basename(path)} is not a CSV, TSV or Parquet table`);
      if (ext === 'parquet')
        return parquetPage(full, cursor).catch((e: unknown) => {
          throw new InvalidInput(
            `${basename(path)} is not a readable Parquet file: ${e instanceof Error ? e.message : String(e)}`,
          );
        });
      if (cursor > stats.size)
        throw new InvalidInput(`${basename(path)} has no rows at byte ${cursor}: open it again`);
      return csvPage(full, stats.size, ext, cursor, row);
    },
    'artifacts.file': ({ runId, path }) => {
      const { file, size } = artifacts.locate(run(runId), path);
      return { file, fileName: basename(path), size };
    },
  };
}
