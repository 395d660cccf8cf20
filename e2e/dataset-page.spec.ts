import { expect, test } from './fixtures.js';
import { callApi, screenshot } from './helpers.js';

const ROWS = 120;

/**
 * 65 columns: 40 numeric, 22 categorical, a label, one constant and one all-missing column —
 * the wide kind of file that made the dataset page 6,340 px tall.
 */
function wideCsv(): string {
  const numeric = Array.from({ length: 40 }, (_, j) => `n${String(j).padStart(2, '0')}`);
  const categorical = Array.from({ length: 22 }, (_, j) => `cat${String(j).padStart(2, '0')}`);
  const header = [...numeric, ...categorical, 'constant_site', 'empty_notes', 'label'];
  const lines = [header.join(',')];
  for (let i = 0; i < ROWS; i++) {
    const nums = numeric.map((_, j) => (((i * (j + 3)) % 97) / 7 + j).toFixed(2));
    const cats = categorical.map(
      (_, j) => ['red', 'green', 'blue', 'amber'][(i + j) % (2 + (j % 3))],
    );
    lines.push([...nums, ...cats, 'lab-1', '', i % 2 ? 'yes' : 'no'].join(','));
  }
  return `${lines.join('\n')}\n`;
}

test('a 65-column dataset is one compact table with a sample of rows; flags and full histograms', async ({
  app: page,
  server,
}) => {
  test.setTimeout(120_000); // a 65-column import and several screenshots, on a shared two-core machine
  const dataset = await callApi<{ id: number }>(page, server.url, 'datasets.upload', {
    fileName: 'wide.csv',
    content: wideCsv(),
    name: 'wide',
  });
  await page.goto(new URL(`#/datasets/${dataset.id}`, server.url).toString());
  await expect(page.getByRole('heading', { level: 1, name: 'wide' })).toBeVisible();

  const columns = page.getByRole('table', { name: 'Columns' });
  await expect(columns.locator('tbody > tr')).toHaveCount(65);
  const n03 = columns.getByRole('row', { name: /n03/ });
  await expect(n03.getByRole('img', { name: 'Histogram of n03' })).toBeVisible();
  await expect(n03).toContainText('numeric');
  await expect(
    columns.getByRole('row', { name: /cat01/ }).getByRole('img', { name: 'Top values of cat01' }),
  ).toBeVisible();

  // Constant and all-missing columns are flagged, each with its reason in a line.
  const constant = columns.getByRole('row', { name: /constant_site/ });
  await expect(constant.locator('.column-flag')).toHaveText('constant');
  await expect(constant).toContainText('every row holds lab-1');
  const empty = columns.getByRole('row', { name: /empty_notes/ });
  await expect(empty.locator('.column-flag')).toHaveText('all missing');
  await expect(empty).toContainText(`all ${ROWS} rows are empty`);
  await expect(empty).toContainText('100%');
  // Nothing to draw for a column with no values: no histogram to open.
  await expect(empty.getByRole('button')).toHaveCount(0);
  await expect(columns.locator('.column-flag')).toHaveCount(2);
  await empty.scrollIntoViewIfNeeded();
  await screenshot(page, 'dataset-wide-flags');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'dataset-wide-flags-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  const sample = page.getByRole('table', { name: 'Sample rows' });
  await expect(sample.locator('tbody tr')).toHaveCount(20);
  await expect(sample.locator('thead th')).toHaveCount(65);

  await screenshot(page, 'dataset-wide');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'dataset-wide-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  // Was 6,929 px for this file (every column's profile row plus a second columns table).
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeLessThan(1600);

  // Opening a row shows the column's full histogram with axes, and its statistics.
  await n03.getByRole('button', { name: 'Show n03' }).click();
  const detail = page.getByTestId('column-detail');
  await expect(detail).toHaveCount(1);
  // Axes: ticks on both, labelled with the column's name and "rows".
  await expect(
    detail.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').first(),
  ).toBeVisible();
  await expect(
    detail.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').first(),
  ).toBeVisible();
  await expect(detail.locator('.recharts-label')).toHaveText(['n03', 'rows']);
  await expect(detail.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(detail).toContainText('mean');
  await expect(columns.getByRole('button', { name: 'Hide n03' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  await screenshot(page, 'dataset-wide-open');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'dataset-wide-open-dark');
});
