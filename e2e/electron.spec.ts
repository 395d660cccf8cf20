// The desktop app itself, driven through Playwright's Electron support. Runs wherever Electron's
// binary exists (after one `npm start`); elsewhere every test is skipped with the reason.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DesktopBridge } from '../shared/api.js';
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '..');
const electronDir = path.join(ROOT, 'node_modules', 'electron');
const electronVersion = (
  JSON.parse(readFileSync(path.join(electronDir, 'package.json'), 'utf8')) as { version: string }
).version;
const binding = path.join(
  ROOT,
  '.electron-native',
  `better_sqlite3-electron-${electronVersion}.node`,
);

function missing(): string | null {
  if (
    !existsSync(path.join(electronDir, 'path.txt')) ||
    !existsSync(path.join(electronDir, 'dist'))
  ) {
    return "Electron's binary is not installed (run `npm start` once where it can be downloaded)";
  }
  if (!existsSync(binding))
    return 'better-sqlite3 is not built for Electron yet (run `npm start` once)';
  if (!existsSync(path.join(ROOT, 'dist', 'electron', 'main.js')))
    return 'the app is not built (run `npm run build`)';
  return null;
}
const reason = missing();
test.skip(reason !== null, reason ?? '');

let app: ElectronApplication;
let page: Page;
let dataDir: string;

test.beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'benchtop-electron-'));
  app = await electron.launch({
    args: [ROOT],
    cwd: ROOT,
    env: {
      ...process.env,
      BENCHTOP_HOME: dataDir,
      BENCHTOP_SQLITE_BINDING: binding,
      BENCHTOP_CHECK_OUTPUTS: '1',
    },
  });
  page = await app.firstWindow();
  await expect(page.getByRole('link', { name: 'Benchtop' })).toBeVisible();
});

test.afterEach(async () => {
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
});

test('the window is locked down: sandboxed, no Node, only the typed bridge', async () => {
  const exposed = await page.evaluate(() => ({
    bridge: typeof (window as { benchtop?: unknown }).benchtop,
    require: typeof (window as { require?: unknown }).require,
    process: typeof (window as { process?: unknown }).process,
  }));
  expect(exposed).toEqual({ bridge: 'object', require: 'undefined', process: 'undefined' });
});

test('imports a sample, trains twice and compares the runs', async () => {
  for (let i = 0; i < 2; i++) {
    if (i === 0) await page.getByRole('button', { name: 'Import iris' }).click();
    else
      await page
        .getByRole('list', { name: 'Datasets' })
        .getByRole('link', { name: /iris/ })
        .click();
    await expect(page.getByRole('heading', { level: 1, name: 'iris' })).toBeVisible();
    await page.locator('form.train-form').first().getByRole('button', { name: 'Train' }).click();
    await expect(page.getByRole('main').getByText('finished', { exact: true })).toBeVisible({
      timeout: 60_000,
    });
  }
  await page.getByRole('link', { name: /Explore and compare runs/ }).click();
  await page.getByLabel('Select every run shown').check();
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page).toHaveURL(/#\/compare\/\d+,\d+$/);
});

test('the menu has the desktop commands, and devtools when run from a checkout', async () => {
  const labels = await app.evaluate(({ Menu }) => {
    const walk = (items: Electron.MenuItem[]): string[] =>
      items.flatMap((i) => [i.label, ...walk(i.submenu?.items ?? [])]);
    return walk(Menu.getApplicationMenu()?.items ?? []);
  });
  expect(labels).toEqual(
    expect.arrayContaining([
      'Open Dataset…',
      'New Training Run',
      'Compare Runs',
      'Export Model Version…',
    ]),
  );
  expect(labels).toContain('Toggle Developer Tools');
});

test('File › Export Model Version writes the bundle of the version on screen', async () => {
  const version = await page.evaluate(async () => {
    const api = (window as unknown as { benchtop: DesktopBridge }).benchtop;
    const dataset = await api.call('datasets.importSample', { name: 'iris' });
    const { runId } = await api.call('jobs.train', {
      datasetId: dataset.id,
      target: 'species',
      params: { epochs: 5 },
    });
    for (;;) {
      const run = await api.call('runs.get', { id: runId });
      if (run.status === 'finished') break;
      if (run.status !== 'queued' && run.status !== 'running') throw new Error(`run ${run.status}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return api.call('registry.register', { runId, name: 'iris-e2e' });
  });
  await page.evaluate((hash) => (window.location.hash = hash), `#/models/iris-e2e?a=${version.id}`);
  const out = path.join(dataDir, 'iris-e2e.json');
  await app.evaluate(({ dialog, Menu }, file) => {
    dialog.showSaveDialog = (async () => ({
      canceled: false,
      filePath: file,
    })) as typeof dialog.showSaveDialog;
    const find = (items: Electron.MenuItem[]): Electron.MenuItem | undefined =>
      items
        .map((i) => (i.label === 'Export Model Version…' ? i : find(i.submenu?.items ?? [])))
        .find(Boolean);
    find(Menu.getApplicationMenu()?.items ?? [])?.click();
  }, out);
  await expect.poll(() => existsSync(out), { timeout: 15_000 }).toBe(true);
});
