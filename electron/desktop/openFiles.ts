import { extname, resolve } from 'node:path';
import type { Output } from '../../shared/api.js';

/** The file types Benchtop registers with the OS (build/electron-builder.yml fileAssociations). */
export const ASSOCIATED_EXTENSIONS = ['.csv', '.tsv', '.parquet', '.jsonl'] as const;
/** Every extension the importer reads (an "Open Dataset" dialog offers these). */
export const IMPORTABLE_EXTENSIONS = [...ASSOCIATED_EXTENSIONS, '.json', '.arrow', '.gz'] as const;
const IMPORTABLE = new Set<string>(IMPORTABLE_EXTENSIONS);

/**
 * The data files in a command line (Windows and Linux pass "open with" files as arguments):
 * flags and the executable are skipped; in development argv[1] is the app folder, also skipped.
 */
export function filesFromArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && IMPORTABLE.has(extname(arg).toLowerCase()))
    .map((arg) => resolve(cwd, arg));
}

export interface ImportingCore {
  call(method: 'datasets.import', input: { path: string }): Promise<Output<'datasets.import'>>;
}

export interface FileOpenerOptions {
  /** Shows the imported dataset: main sends the window to `#/datasets/ID`. */
  showDataset(id: number): void;
  /** A file that could not be imported: its one-line message, shown to the user. */
  showError(message: string): void;
}

/**
 * Imports files handed over by the OS (open-file, a second launch, the command line). Files that
 * arrive before the core and window exist (macOS sends open-file before the app is ready) wait
 * until `ready()`; they are imported one at a time, in order.
 */
export function createFileOpener({ showDataset, showError }: FileOpenerOptions) {
  let core: ImportingCore | undefined;
  const waiting: string[] = [];
  let chain = Promise.resolve();

  const importOne = async (importer: ImportingCore, path: string): Promise<void> => {
    try {
      const dataset = await importer.call('datasets.import', { path });
      showDataset(dataset.id);
    } catch (e) {
      showError(`Could not open ${path}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const enqueue = (importer: ImportingCore, path: string): Promise<void> =>
    (chain = chain.then(() => importOne(importer, path)));

  return {
    /** Imports now if the app is ready, else remembers the file. Resolves once it has been handled. */
    open(path: string): Promise<void> {
      if (!core) {
        waiting.push(path);
        return Promise.resolve();
      }
      return enqueue(core, path);
    },
    /** The core and the window exist: imports everything that arrived before them. */
    ready(importer: ImportingCore): Promise<void> {
      core = importer;
      for (const path of waiting.splice(0)) void enqueue(importer, path);
      return chain;
    },
  };
}
export type FileOpener = ReturnType<typeof createFileOpener>;
