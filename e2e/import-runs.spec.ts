import { cp, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { ExplorerRun } from '../shared/api/runRecords.js';
import { expect, test } from './fixtures.js';
import { actAsDesktop } from './desktopBridge.js';
import { writeLogdir } from './eventFiles.js';
import { callApi, pointsInPath, screenshot } from './helpers.js';

const IMPORTERS = path.resolve(import.meta.dirname, '..', 'electron', 'core', 'importers');
/** An MLflow file store: 10 runs, 4,200 metric points. */
const MLRUNS = path.join(IMPORTERS, 'mlflow', 'fixtures', 'filestore', 'mlruns');
/** A Keras TensorBoard logdir: the runs `train` and `validation`. */
const KERAS = path.join(IMPORTERS, 'tensorboard', 'fixtures', 'keras');

const runCount = (page: Page): Locator => page.getByTestId('run-count');
const grid = (page: Page): Locator => page.getByRole('grid', { name: 'Runs table' });

/** Opens the dialog from the toolbar and previews `where` (Enter in the path field: the keyboard path). */
async function preview(page: Page, where: string, experiment = ''): Promise<Locator> {
  await page.getByRole('button', { name: 'Import runs…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import runs' });
  const pathField = dialog.getByLabel(/^Folder or file on this machine/);
  await expect(pathField).toBeFocused();
  await pathField.fill(where);
  if (experiment) await dialog.getByLabel(/^Experiment for TensorBoard runs/).fill(experiment);
  await pathField.press('Enter');
  await expect(dialog.getByRole('region', { name: 'What will be imported' })).toBeVisible();
  return dialog;
}

test('import an MLflow file store and a TensorBoard logdir from the explorer, by path', async ({
  app: page,
  server,
}) => {
  test.setTimeout(120_000); // four imports, a run page and seven full-page screenshots
  // Copies: an import reads the store where it is, and the fixtures stay as they are.
  const dir = await mkdtemp(path.join(tmpdir(), 'benchtop-e2e-import-'));
  const mlruns = path.join(dir, 'mlruns');
  const keras = path.join(dir, 'keras');
  const empty = path.join(dir, 'empty');
  await cp(MLRUNS, mlruns, { recursive: true });
  await cp(KERAS, keras, { recursive: true });
  await mkdir(empty);
  try {
    await page.getByRole('link', { name: 'Explore and compare runs →' }).click();
    await expect(page).toHaveURL(/#\/runs$/);
    await expect(runCount(page)).toHaveText('0 of 0 runs');

    // Preview: what would come in, and nothing written yet.
    const opener = page.getByRole('button', { name: 'Import runs…' });
    let dialog = await preview(page, mlruns);
    const summary = dialog.getByRole('region', { name: 'What will be imported' });
    await expect(summary).toContainText(
      'This is an MLflow file store; its runs keep their experiments.',
    );
    await expect(summary.getByRole('definition')).toHaveText([
      /^\d+$/, // the store's experiments, empty ones included (its importer's tests pin the count)
      '10 new · 0 already here',
      '10',
      '4,200',
    ]);
    expect(await callApi<ExplorerRun[]>(page, server.url, 'runs.table')).toHaveLength(0);
    await expect(runCount(page)).toHaveText('0 of 0 runs');
    await screenshot(page, 'import-runs-1-preview');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'import-runs-1-preview-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // Import: the result, and the table refreshes by itself (the core's store.changed event).
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByRole('region', { name: 'Imported' })).toContainText(
      'Imported 10 runs from an MLflow file store, with 10 params and 4,200 metric points.',
    );
    await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
    await expect(runCount(page)).toHaveText('10 of 10 runs');
    await screenshot(page, 'import-runs-2-imported');
    // Escape closes it and focus returns to the toolbar button.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
    await expect(grid(page).getByRole('row')).toHaveCount(11);
    await screenshot(page, 'import-runs-3-explorer');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'import-runs-3-explorer-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // An imported run is an ordinary run: its page draws its metric history.
    const runs = await callApi<ExplorerRun[]>(page, server.url, 'runs.table');
    const withMetrics = runs.find((r) => 'l2.valid' in r.metrics);
    expect(withMetrics).toBeDefined();
    await grid(page).locator(`a[href="#/runs/${withMetrics!.id}"]`).click();
    await expect(page).toHaveURL(new RegExp(`#/runs/${withMetrics!.id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(withMetrics!.name);
    const chart = page.getByTestId('metric-chart').first();
    await expect(chart).toBeVisible();
    const line = chart.locator('path.series-line').first();
    await expect.poll(async () => pointsInPath(await line.getAttribute('d'))).toBeGreaterThan(10);
    await screenshot(page, 'import-runs-4-run');

    // A TensorBoard logdir into a named experiment: two more runs.
    await page.goBack();
    await expect(runCount(page)).toHaveText('10 of 10 runs');
    dialog = await preview(page, keras, 'keras');
    await expect(dialog.getByRole('region', { name: 'What will be imported' })).toContainText(
      'This is a TensorBoard logdir; its runs go into the experiment “keras”.',
    );
    await expect(dialog.getByRole('definition').nth(1)).toHaveText('2 new · 0 already here');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByRole('region', { name: 'Imported' })).toContainText(
      'Imported 2 runs from a TensorBoard logdir',
    );
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(opener).toBeFocused();
    await expect(runCount(page)).toHaveText('12 of 12 runs');
    for (const name of ['train', 'validation'])
      await expect(grid(page).getByRole('link', { name, exact: true })).toBeVisible();
    const all = await callApi<ExplorerRun[]>(page, server.url, 'runs.table');
    expect(
      all
        .filter((r) => r.experiment === 'keras')
        .map((r) => r.name)
        .sort(),
    ).toEqual(['train', 'validation']);

    // Imported runs compare like any others: Keras' train and validation curves on one chart.
    await page.getByLabel('Select train', { exact: true }).check();
    await page.getByLabel('Select validation', { exact: true }).check();
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect(page).toHaveURL(/#\/compare\/\d+,\d+$/);
    const lossChart = page.getByRole('figure', { name: 'epoch_loss chart', exact: true });
    await expect(lossChart).toBeVisible();
    await expect(lossChart.locator('path.series-line')).toHaveCount(2);
    for (const line of await lossChart.locator('path.series-line').all())
      expect(pointsInPath(await line.getAttribute('d'))).toBeGreaterThan(10);
    await screenshot(page, 'import-runs-4-compare');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'import-runs-4-compare-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goBack();
    await expect(runCount(page)).toHaveText('12 of 12 runs');

    // The same store again: nothing new, so nothing to import.
    dialog = await preview(page, mlruns);
    await expect(dialog.getByRole('definition').nth(1)).toHaveText('0 new · 10 already here');
    await expect(dialog).toContainText('Nothing new to import: every run is already here.');
    await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();

    // A path that is none of the three: one line, inline, and nothing changes.
    await opener.click();
    dialog = page.getByRole('dialog', { name: 'Import runs' });
    const pathField = dialog.getByLabel(/^Folder or file on this machine/);
    await pathField.fill(empty);
    await dialog.getByRole('button', { name: 'Preview' }).click();
    const alert = dialog.getByRole('alert');
    await expect(alert).toHaveText(
      `${empty} is none of: an MLflow file store (mlruns/), an MLflow SQLite database, a TensorBoard logdir or event file`,
    );
    expect(await alert.textContent()).not.toContain('\n');
    await expect(pathField).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
    await screenshot(page, 'import-runs-5-error');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'import-runs-5-error-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    // Editing the path clears the error.
    await pathField.fill(mlruns);
    await expect(alert).toBeHidden();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(runCount(page)).toHaveText('12 of 12 runs');
    expect(await callApi<ExplorerRun[]>(page, server.url, 'runs.table')).toHaveLength(12);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the dialog keeps Tab inside it and closes with Cancel without importing', async ({
  app: page,
}) => {
  await page.getByRole('link', { name: 'Explore and compare runs →' }).click();
  const opener = page.getByRole('button', { name: 'Import runs…' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Import runs' });
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  const pathField = dialog.getByLabel(/^Folder or file on this machine/);
  await expect(pathField).toBeFocused();
  // Path, experiment, Cancel, Preview, then back to the path.
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  await expect(pathField).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Preview' })).toBeFocused();
  // An empty path is caught here, without asking the core.
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText(
    'Enter the path of a folder or file to import.',
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test('many warnings fold under one line that opens with the keyboard', async ({ app: page }) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'benchtop-e2e-import-'));
  const mlruns = path.join(dir, 'mlruns');
  await cp(MLRUNS, mlruns, { recursive: true });
  // Folders in an experiment without meta.yaml are not runs: each is skipped with a warning.
  const experiment = (await readdir(mlruns)).find((name) => /^\d{6,}$/.test(name))!;
  for (let i = 1; i <= 5; i++) await mkdir(path.join(mlruns, experiment, `stray-${i}`));
  try {
    await page.getByRole('link', { name: 'Explore and compare runs →' }).click();
    const dialog = await preview(page, mlruns);
    await expect(dialog.getByRole('definition').nth(1)).toHaveText('10 new · 0 already here');
    const fold = dialog.getByText('5 warnings', { exact: true });
    await expect(fold).toBeVisible();
    const first = dialog.getByText(/stray-1: no meta\.yaml, not a run; skipped$/);
    await expect(first).toBeHidden();
    await fold.focus();
    await page.keyboard.press('Enter');
    await expect(first).toBeVisible();
    await screenshot(page, 'import-runs-6-warnings');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'import-runs-6-warnings-dark');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('in the desktop app, dropping a folder onto the dialog fills in its path', async ({
  app: page,
  server,
}) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'benchtop-e2e-import-'));
  const keras = path.join(dir, 'keras');
  await cp(KERAS, keras, { recursive: true });
  try {
    await actAsDesktop(page, server.url, { keras }, '#/runs');
    await page.getByRole('button', { name: 'Import runs…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import runs' });
    await expect(dialog).toContainText('or drop the folder or file onto this dialog');
    const transfer = await page.evaluateHandle(() => {
      const t = new DataTransfer();
      t.items.add(new File([], 'keras'));
      return t;
    });
    await dialog.dispatchEvent('dragenter', { dataTransfer: transfer });
    await dialog.dispatchEvent('dragover', { dataTransfer: transfer });
    await expect(dialog).toHaveClass(/dropping/);
    await screenshot(page, 'import-runs-7-drop-desktop');
    await dialog.dispatchEvent('drop', { dataTransfer: transfer });
    await expect(dialog).not.toHaveClass(/dropping/);
    const pathField = dialog.getByLabel(/^Folder or file on this machine/);
    await expect(pathField).toHaveValue(keras);
    await expect(pathField).toBeFocused();
    // The window's own drop (a dataset import) did not see it.
    await expect(page.locator('.import-dialog')).toHaveCount(0);
    await pathField.press('Enter');
    await expect(dialog.getByRole('definition').nth(1)).toHaveText('2 new · 0 already here');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByTestId('run-count')).toHaveText('2 of 2 runs');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a long import shows its progress, and Cancel stops it with nothing added', async ({
  app: page,
  server,
}) => {
  test.setTimeout(120_000);
  // 40 runs of 25,000 points: a few seconds to import, long enough to watch and to cancel.
  const dir = await mkdtemp(path.join(tmpdir(), 'benchtop-e2e-import-'));
  const logs = path.join(dir, 'big-logs');
  await writeLogdir(logs, 40, 25_000);
  try {
    await page.getByRole('link', { name: 'Explore and compare runs →' }).click();
    const dialog = await preview(page, logs);
    await expect(dialog.getByRole('definition').nth(1)).toHaveText('40 new · 0 already here');
    await expect(dialog.getByRole('definition').nth(3)).toHaveText('1,000,000');

    const importButton = dialog.getByRole('button', { name: 'Import', exact: true });
    await importButton.click();
    const bar = dialog.getByRole('progressbar', { name: 'Import progress' });
    await expect(bar).toBeVisible();
    // A real bar: its value is the runs read so far, of the source's 40.
    await expect(bar).toHaveAttribute('max', '40');
    await expect(bar).toHaveAttribute('value', /^[1-9]\d*$/);
    await expect(dialog.getByTestId('import-progress')).toHaveText(
      /^\d+ of 40 runs · [\d,]+ points$/,
    );
    await expect(dialog.getByLabel(/^Folder or file on this machine/)).toHaveAttribute('readonly');
    await screenshot(page, 'import-runs-8-progress');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'import-runs-8-progress-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // Escape does not walk away from an import; Cancel stops it.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel import' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: 'cancelled' })).toHaveText(
      'The import was cancelled: nothing was added. Import again when you are ready.',
    );
    await expect(bar).toHaveCount(0);
    await expect(importButton).toBeFocused();
    await screenshot(page, 'import-runs-9-cancelled');
    expect(await callApi<ExplorerRun[]>(page, server.url, 'runs.table')).toHaveLength(0);
    await expect(runCount(page)).toHaveText('0 of 0 runs');

    // Trying again runs it whole.
    await importButton.click();
    await expect(dialog.getByRole('region', { name: 'Imported' })).toContainText(
      'Imported 40 runs from a TensorBoard logdir',
      { timeout: 60_000 },
    );
    await expect(runCount(page)).toHaveText('40 of 40 runs');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
