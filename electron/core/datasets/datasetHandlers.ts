import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Output, ParsedInput } from '../../../shared/api.js';
import type { EventBus } from '../eventBus.js';
import type { StoredDataset } from '../store/datasetsRepo.js';
import type { Store } from '../store/store.js';
import { samplesDir } from '../appPaths.js';
import { UserError } from '../userError.js';
import { diffVersions } from './diffVersions.js';
import { firstRows } from './firstRows.js';
import { createImportService, publicDataset } from './importService.js';
import { previewFile } from './previewFile.js';
import { SAMPLES } from './samples.js';
import { uploadBytes } from './uploadLimit.js';

type DatasetMethods =
  | 'datasets.import'
  | 'datasets.upload'
  | 'datasets.list'
  | 'datasets.samples'
  | 'datasets.importSample'
  | 'datasets.show'
  | 'datasets.diff'
  | 'datasets.rows'
  | 'datasets.preview'
  | 'datasets.cancelImport';

// Typed here, not as Pick<core's Handlers>, so this module need not import core.ts (which imports it).
type DatasetHandlers = {
  [M in DatasetMethods]: (input: ParsedInput<M>) => Output<M> | Promise<Output<M>>;
};

/** The contract's datasets.* methods: imports run in job processes, the rest read the store. */
export function createDatasetHandlers(
  store: Store,
  dataDir: string,
  events: EventBus,
): DatasetHandlers {
  const imports = createImportService(store, dataDir, events);
  const get = (id: number): StoredDataset => {
    const d = store.datasets.get(id);
    if (!d) throw new UserError(`no dataset with id ${id}`);
    return d;
  };
  return {
    'datasets.import': ({ path, ...request }) => imports.importPath(path, request),
    'datasets.upload': ({ fileName, content, base64, ...request }) =>
      imports.importUpload(fileName, uploadBytes(fileName, { content, base64 }), request),
    'datasets.list': () => store.datasets.list().map(publicDataset),
    'datasets.samples': () => [...SAMPLES],
    'datasets.importSample': async ({ name }) => {
      const sample = SAMPLES.find((s) => s.name === name);
      if (!sample) throw new UserError(`no sample named ${name}`);
      const {
        existing: _e,
        warnings: _w,
        ...dataset
      } = await imports.importPath(join(samplesDir(), sample.file_name), { name: sample.name });
      return dataset;
    },
    'datasets.show': ({ id }) => {
      const d = get(id);
      return { ...publicDataset(d), profile: store.datasets.profileOf(id), types: d.options.types };
    },
    'datasets.diff': ({ from, to }) => {
      const a = get(from);
      const b = get(to);
      return diffVersions(
        publicDataset(a),
        publicDataset(b),
        store.datasets.profileOf(from),
        store.datasets.profileOf(to),
      );
    },
    'datasets.rows': ({ id, limit }) => firstRows(get(id).storage_path, limit),
    'datasets.preview': async ({ path, fileName, content, base64, delimiter, noHeader }) => {
      if (path) return previewFile(path, fileName, { delimiter, noHeader });
      const dir = join(dataDir, 'datasets', 'uploads');
      mkdirSync(dir, { recursive: true });
      const tmp = join(dir, `${randomUUID()}${extname(fileName).toLowerCase()}`);
      writeFileSync(tmp, uploadBytes(fileName, { content: content ?? '', base64 }));
      try {
        return await previewFile(tmp, fileName, { delimiter, noHeader });
      } finally {
        rmSync(tmp, { force: true });
      }
    },
    'datasets.cancelImport': ({ importId }) => ({ cancelled: imports.cancel(importId) }),
  };
}
