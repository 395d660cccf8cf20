import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { dragOver, fileTransfer, IRIS_CSV, pointsInPath, screenshot } from './helpers.js';

const EPOCHS = 30;

test('drop iris.csv, train on species, watch it finish, and find it again after a reload', async ({
  app: page,
}) => {
  // Empty state: nothing stored yet, samples offered.
  await expect(page.getByRole('heading', { name: 'Welcome to Benchtop' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import iris' })).toBeVisible();
  await screenshot(page, '1-empty-state');

  // The URL's token moved to sessionStorage and out of the address bar.
  expect(page.url()).not.toContain('token');

  // Drag the file over the window: the overlay appears. Drop it: the dataset opens.
  const transfer = await fileTransfer(page, IRIS_CSV, 'text/csv');
  await dragOver(page, transfer);
  await expect(page.getByText('Drop a data file to import')).toBeVisible();
  await screenshot(page, '2-drop-overlay');
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
  await expect(page.getByText('Drop a data file to import')).toBeHidden();
  // A dropped file opens the preview first; Import keeps the inferred types.
  await page
    .getByRole('dialog', { name: 'Import iris.csv' })
    .getByRole('button', { name: 'Import', exact: true })
    .click();

  await expect(page).toHaveURL(/#\/datasets\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: 'iris' })).toBeVisible();
  const columns = page.getByRole('table', { name: 'Columns' });
  await expect(columns.getByRole('row')).toHaveCount(1 + 5);
  await expect(columns).toContainText('species');
  await expect(page.getByRole('main')).toContainText('150');
  await expect(page.getByLabel('Target column')).toHaveValue('species');
  await expect(page.getByLabel('Epochs')).toHaveValue('50');
  await expect(page.getByLabel('Learning rate')).toHaveValue('0.1');
  await expect(page.getByRole('list', { name: 'Datasets' }).getByRole('link')).toHaveCount(1);
  await screenshot(page, '3-dataset-view');

  // Train.
  await page.getByLabel('Target column').selectOption('species');
  await page.getByLabel('Epochs').fill(String(EPOCHS));
  await page.getByRole('button', { name: 'Train' }).click();
  await expect(page).toHaveURL(/#\/runs\/\d+$/);
  const main = page.getByRole('main');
  await expect(main.getByText(/^Run #\d+$/)).toBeVisible();

  await expect(main.getByText('finished', { exact: true })).toBeVisible({ timeout: 45_000 });
  await expectCharts(page);
  const finalMetrics = page.getByRole('table', { name: 'Final metrics' });
  await expect(finalMetrics).toContainText('accuracy');
  const params = page.getByRole('table', { name: 'Parameters' });
  await expect(params.getByRole('row', { name: /epochs/ })).toContainText(String(EPOCHS));
  await expect(params.getByRole('row', { name: /^lr/ })).toContainText('0.1');
  await screenshot(page, '4-run-finished');

  // The runs list shows the run, finished, with its accuracy.
  const runLinks = page.getByRole('list', { name: 'Runs' }).getByRole('link');
  await expect(runLinks).toHaveCount(1);
  await expect(runLinks.first()).toContainText('finished');
  await expect(runLinks.first()).toContainText(/acc \d+\.\d%/);

  // Stored, not just in memory: a reload (token now from sessionStorage) shows it all again.
  await page.reload();
  expect(page.url()).not.toContain('token');
  await expect(runLinks).toHaveCount(1);
  await expect(runLinks.first()).toContainText('finished');
  await expect(runLinks.first()).toContainText(/acc \d+\.\d%/);
  await expect(main.getByText('finished', { exact: true })).toBeVisible();
  await expectCharts(page);
  // One class, one colour, from the app's palette (shared/palette.ts): three distinct ROC curves.
  const rocStrokes = await page
    .getByRole('figure', { name: 'ROC curve' })
    .locator('path.recharts-line-curve')
    .evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke')));
  expect(rocStrokes).toEqual(['#2563eb', '#dc2626', '#16a34a']);
  await screenshot(page, '5-run-after-reload');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, '5-run-after-reload-dark');
  await page.emulateMedia({ colorScheme: 'light' });
});

async function expectCharts(page: Page): Promise<void> {
  const charts = page.getByTestId('metric-chart');
  await expect(charts).toHaveCount(4);
  await expect(charts.nth(0)).toHaveAttribute('data-metric', 'loss');
  await expect(charts.nth(1)).toHaveAttribute('data-metric', 'accuracy');
  // The job's own CPU and memory per epoch, one line each, after the model's curves.
  await expect(charts.nth(2)).toHaveAttribute('data-metric', 'system/process_cpu_percentage');
  await expect(charts.nth(3)).toHaveAttribute('data-metric', 'system/process_rss_megabytes');
  for (const [i, chart] of (await charts.all()).entries()) {
    // The run page draws with the compare view's chart: one path per series, loss with val_loss.
    await chart.scrollIntoViewIfNeeded();
    const lines = chart.locator('path.series-line');
    await expect(lines).toHaveCount(i < 2 ? 2 : 1);
    for (const line of await lines.all()) {
      await expect.poll(async () => pointsInPath(await line.getAttribute('d'))).toBe(EPOCHS);
    }
  }
}

test('the charts grow live while a long run trains, and Cancel stops it', async ({ app: page }) => {
  await page.getByRole('button', { name: 'Import iris' }).click();
  // Long enough that it is still training when Cancel is pressed, on any machine:
  // batches of one make each epoch ~120 steps.
  await page.getByLabel('Epochs').fill('5000');
  await page.getByLabel('Batch size').fill('1');
  await page.getByRole('button', { name: 'Train' }).click();
  const main = page.getByRole('main');
  await expect(main.getByText('running', { exact: true })).toBeVisible({ timeout: 20_000 });

  // Points arrive by event and extend the line (the drawn charts refetch their points, once a second at most).
  const line = page.getByTestId('metric-chart').first().locator('path.series-line').first();
  const points = async (): Promise<number> => pointsInPath(await line.getAttribute('d'));
  await expect.poll(points, { timeout: 20_000 }).toBeGreaterThan(1);
  const before = await points();
  await expect.poll(points, { timeout: 20_000 }).toBeGreaterThan(before);
  await expect(main.getByText('running', { exact: true })).toBeVisible();
  await screenshot(page, '6-run-live');

  await main.getByRole('button', { name: 'Cancel' }).click();
  await expect(main.getByText('cancelled', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(main.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  const run = page.getByRole('list', { name: 'Runs' }).getByRole('link').first();
  await expect(run).toContainText('cancelled');
  expect(await points()).toBeLessThan(5000);
});
