import { describe, expect, it } from 'vitest';
import { ApiEvent } from '../../shared/api.js';
import { UserError } from '../core/userError.js';
import {
  createMenuActions,
  modelVersionInView,
  type MenuCore,
  type MenuDialogs,
} from './menuActions.js';

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup({
  hash = '#/',
  datasets = [{ id: 3 }, { id: 9 }, { id: 4 }],
  picked = ['/d/a.csv'],
  saveTo = '/out/churn-v2.json' as string | null,
  answer = 0,
} = {}) {
  const calls: [string, unknown][] = [];
  const log: string[] = [];
  const core: MenuCore = {
    call: async (method, input) => {
      calls.push([method, input]);
      if (method === 'datasets.list') return datasets as never;
      if (method === 'registry.version') return { id: 12, version: 2 } as never;
      if (method === 'registry.export')
        throw new UserError('cannot write /out/churn-v2.json: EACCES');
      throw new Error(`unexpected ${method}`);
    },
  };
  const dialogs: MenuDialogs = {
    pickDataFiles: async () => picked,
    pickSaveFile: async (name) => (log.push(`save ${name}`), saveTo),
    ask: async (message, _detail, buttons) => (
      log.push(`ask ${message} [${buttons.join('|')}]`),
      answer
    ),
    error: (message) => log.push(`error ${message}`),
  };
  const actions = createMenuActions({
    core,
    dialogs,
    dataDir: '/home/me/.config/Benchtop',
    revealFolder: (p) => log.push(`reveal ${p}`),
    openFile: async (p) => void log.push(`open ${p}`),
    navigate: (h) => log.push(`navigate ${h}`),
    currentHash: () => hash,
  });
  return { actions, calls, log };
}

describe('menu actions', () => {
  it('Open Dataset imports every picked file', async () => {
    const { actions, log } = setup({ picked: ['/d/a.csv', '/d/b.parquet'] });
    actions.openDataset();
    await settle();
    expect(log).toEqual(['open /d/a.csv', 'open /d/b.parquet']);
  });

  it('New Training Run opens the newest dataset (its page has the training form), or the welcome page', async () => {
    const some = setup();
    some.actions.newTrainingRun();
    const none = setup({ datasets: [] });
    none.actions.newTrainingRun();
    await settle();
    expect(some.log).toEqual(['navigate #/datasets/9']);
    expect(none.log).toEqual(['navigate #/']);
  });

  it('Compare Runs opens the run explorer', () => {
    const { actions, log } = setup();
    actions.compareRuns();
    expect(log).toEqual(['navigate #/runs']);
  });

  it('Export asks for a file for the version on screen and shows what went wrong', async () => {
    const { actions, log, calls } = setup({ hash: '#/models/churn?a=12&b=10' });
    actions.exportModel();
    await settle();
    expect(calls).toEqual([
      ['registry.version', { id: 12 }],
      ['registry.export', { model: 'churn', version: 2, out: '/out/churn-v2.json' }],
    ]);
    expect(log).toEqual([
      'save churn-v2.benchtop.json',
      'error Could not export the model: cannot write /out/churn-v2.json: EACCES',
    ]);
  });

  it('Export explains itself when no model version is open, and does nothing when the save is cancelled', async () => {
    const elsewhere = setup({ hash: '#/runs' });
    elsewhere.actions.exportModel();
    const cancelled = setup({ hash: '#/models/churn?a=12', saveTo: null });
    cancelled.actions.exportModel();
    await settle();
    expect(elsewhere.log).toEqual(['ask Open a model version to export it. [OK]']);
    expect(elsewhere.calls).toEqual([]);
    expect(cancelled.calls.map(([m]) => m)).toEqual(['registry.version']);
  });

  it('Preferences says where the data lives and can show the folder', async () => {
    const { actions, log } = setup({ answer: 1 });
    actions.preferences();
    await settle();
    expect(log).toEqual([
      'ask Benchtop keeps its data in /home/me/.config/Benchtop [OK|Show Folder]',
      'reveal /home/me/.config/Benchtop',
    ]);
  });

  it('sends only in-app routes, which the window-side contract check accepts', async () => {
    const { actions, log } = setup();
    actions.compareRuns();
    actions.newTrainingRun();
    await settle();
    for (const line of log) {
      const hash = line.replace(/^navigate /, '');
      expect(ApiEvent.safeParse({ type: 'app.navigate', hash }).success, hash).toBe(true);
    }
    expect(
      ApiEvent.safeParse({ type: 'app.navigate', hash: 'https://evil.example/' }).success,
    ).toBe(false);
  });

  it('reads the model version from the route', () => {
    expect(modelVersionInView('#/models/my%20model?a=4')).toEqual({
      model: 'my model',
      versionId: 4,
    });
    expect(modelVersionInView('#/models/churn')).toBeNull();
    expect(modelVersionInView('#/models/%E0%A4?a=4')).toBeNull();
    expect(modelVersionInView('#/datasets/4')).toBeNull();
  });
});
