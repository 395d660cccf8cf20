import { describe, expect, it } from 'vitest';
import { UserError } from '../core/userError.js';
import { createFileOpener, filesFromArgv, type ImportingCore } from './openFiles.js';

function fakeCore(failing: string[] = []) {
  const imported: string[] = [];
  const core: ImportingCore = {
    call: async (_method, { path }) => {
      if (failing.includes(path)) throw new UserError(`${path}: not a table`);
      imported.push(path);
      return { id: imported.length } as never;
    },
  };
  return { core, imported };
}

describe('files from the command line', () => {
  it('keeps data files, resolved against the launch folder, and skips the executable, the app folder and flags', () => {
    const argv = [
      '/opt/Benchtop/benchtop',
      '.',
      '--no-sandbox',
      'iris.csv',
      '/data/sales.PARQUET',
      'notes.txt',
      'logs/events.jsonl',
    ];
    expect(filesFromArgv(argv, '/home/me')).toEqual([
      '/home/me/iris.csv',
      '/data/sales.PARQUET',
      '/home/me/logs/events.jsonl',
    ]);
  });

  it('finds nothing in a plain launch', () => {
    expect(filesFromArgv(['C:\\Benchtop\\Benchtop.exe'], 'C:\\')).toEqual([]);
  });
});

describe('file opener', () => {
  it('imports each file through the core and shows the dataset', async () => {
    const { core, imported } = fakeCore();
    const shown: number[] = [];
    const opener = createFileOpener({
      showDataset: (id) => shown.push(id),
      showError: () => undefined,
    });
    await opener.ready(core);
    await opener.open('/data/iris.csv');
    await opener.open('/data/wine.tsv');
    expect(imported).toEqual(['/data/iris.csv', '/data/wine.tsv']);
    expect(shown).toEqual([1, 2]);
  });

  it('holds files that arrive before the app is ready (macOS open-file at launch) and imports them in order', async () => {
    const { core, imported } = fakeCore();
    const shown: number[] = [];
    const opener = createFileOpener({
      showDataset: (id) => shown.push(id),
      showError: () => undefined,
    });
    await opener.open('/a.csv');
    await opener.open('/b.csv');
    expect(imported).toEqual([]);
    await opener.ready(core);
    expect(imported).toEqual(['/a.csv', '/b.csv']);
    expect(shown).toEqual([1, 2]);
  });

  it("reports a file the core refuses with the core's message, and carries on with the next", async () => {
    const { core, imported } = fakeCore(['/bad.csv']);
    const errors: string[] = [];
    const opener = createFileOpener({
      showDataset: () => undefined,
      showError: (m) => errors.push(m),
    });
    await opener.ready(core);
    await opener.open('/bad.csv');
    await opener.open('/good.csv');
    expect(errors).toEqual(['Could not open /bad.csv: /bad.csv: not a table']);
    expect(imported).toEqual(['/good.csv']);
  });
});
