import type { Output } from '../../shared/api.js';
import type { MenuActions } from './menuTemplate.js';

/** The core calls the menu makes. */
export interface MenuCore {
  call<M extends 'datasets.list' | 'registry.version' | 'registry.export'>(
    method: M,
    input: unknown,
  ): Promise<Output<M>>;
}
/** Native dialogs, parented to the window by main (fakes in tests). */
export interface MenuDialogs {
  pickDataFiles(): Promise<string[]>;
  pickSaveFile(defaultName: string): Promise<string | null>;
  /** A message box; resolves to the index of the button chosen. */
  ask(message: string, detail: string, buttons: readonly string[]): Promise<number>;
  error(message: string): void;
}
export interface MenuActionOptions {
  core: MenuCore;
  dialogs: MenuDialogs;
  dataDir: string;
  /** Shows a folder in the OS's file manager. */
  revealFolder(path: string): void;
  openFile(path: string): Promise<void>;
  /** Sends the window to a renderer route (`#/…`). */
  navigate(hash: string): void;
  /** The window's current route hash, e.g. `#/models/churn?a=4`. */
  currentHash(): string;
}

/** The model version a `#/models/NAME?a=ID` route shows, if any. */
export function modelVersionInView(hash: string): { model: string; versionId: number } | null {
  const match = /^#\/models\/([^?]+)\?(.*)$/.exec(hash);
  const id = new URLSearchParams(match?.[2] ?? '').get('a');
  if (!match || !id || !/^\d+$/.test(id)) return null;
  try {
    return { model: decodeURIComponent(match[1]!), versionId: Number(id) };
  } catch {
    return null;
  }
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** What each menu item does, in terms of the core, native dialogs and the window's route. */
export function createMenuActions(o: MenuActionOptions): MenuActions {
  const guard = (what: string, work: () => Promise<void>) => () =>
    void work().catch((e: unknown) => o.dialogs.error(`${what}: ${message(e)}`));
  return {
    openDataset: guard('Could not open the dataset', async () => {
      for (const path of await o.dialogs.pickDataFiles()) await o.openFile(path);
    }),
    // The training form lives on a dataset's page: open the newest dataset, or the welcome page.
    newTrainingRun: guard('Could not start a training run', async () => {
      const datasets = await o.core.call('datasets.list', {});
      const newest = datasets.reduce<number | null>(
        (max, d) => (max === null || d.id > max ? d.id : max),
        null,
      );
      o.navigate(newest === null ? '#/' : `#/datasets/${newest}`);
    }),
    compareRuns: () => o.navigate('#/runs'),
    exportModel: guard('Could not export the model', async () => {
      const shown = modelVersionInView(o.currentHash());
      if (!shown) {
        await o.dialogs.ask(
          'Open a model version to export it.',
          'Choose a model in the sidebar, select a version, then use File › Export Model Version.',
          ['OK'],
        );
        return;
      }
      const detail = await o.core.call('registry.version', { id: shown.versionId });
      const out = await o.dialogs.pickSaveFile(`${shown.model}-v${detail.version}.benchtop.json`);
      if (!out) return;
      await o.core.call('registry.export', { model: shown.model, version: detail.version, out });
    }),
    // Benchtop has one setting, where its data lives; say so rather than open an empty window.
    preferences: guard('Could not show the preferences', async () => {
      const detail =
        'To use another folder, start Benchtop with the BENCHTOP_HOME environment variable set to it.';
      const button = await o.dialogs.ask(`Benchtop keeps its data in ${o.dataDir}`, detail, [
        'OK',
        'Show Folder',
      ]);
      if (button === 1) o.revealFolder(o.dataDir);
    }),
  };
}
