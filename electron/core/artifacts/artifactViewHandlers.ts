import { basename } from 'node:path';
import type { Method, Output, ParsedInput } from '../../../shared/api.js';
import type { Store } from '../store/store.js';
import { createRunArtifacts } from '../tracking/runArtifacts.js';
import { NotFound } from '../userError.js';
import { previewArtifact } from './artifactPreview.js';
import { loggedImages } from '../../../shared/loggedImages.js';
import { imageBatch } from './imageBatch.js';

type ViewMethod = Extract<
  Method,
  | 'artifacts.browse'
  | 'artifacts.preview'
  | 'artifacts.file'
  | 'artifacts.images'
  | 'artifacts.imageBatch'
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
    'artifacts.imageBatch': ({ items }) => imageBatch(artifacts, run, items),
    'artifacts.file': ({ runId, path }) => {
      const { file, size } = artifacts.locate(run(runId), path);
      return { file, fileName: basename(path), size };
    },
  };
}
