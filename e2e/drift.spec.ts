import path from 'node:path';
import { expect, test } from './fixtures.js';
import { callApi, dropFile, FIXTURES, pointsInPath, screenshot } from './helpers.js';

/** The first 100 rows of iris, under the same file name: imported, it becomes iris v2. */
const IRIS_V2 = path.join(FIXTURES, 'iris-v2', 'iris.csv');

test('check drift between two versions, see the overlays, and the history over checks', async ({
  app: page,
  server,
}) => {
  const reference = await callApi<{ id: number }>(page, server.url, 'datasets.importSample', {
    name: 'iris',
  });
  await page.reload();
  await page.getByRole('link', { name: 'Drift checks' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Does the new data still look like the old?',
  );
  await page.getByRole('combobox', { name: 'Reference' }).selectOption(String(reference.id));

  // A file dropped on the drift view becomes the current side, not a dataset view.
  await dropFile(page, IRIS_V2, 'text/csv');
  await expect(page).toHaveURL(/#\/drift\?.*cur=\d+/);
  await expect(page.getByRole('combobox', { name: 'Current' })).toHaveValue('2');
  await expect(
    page.getByRole('combobox', { name: 'Current' }).locator('option:checked'),
  ).toHaveText('iris v2 (100 rows)');
  await page.getByRole('combobox', { name: 'Reference' }).selectOption(String(reference.id));
  await page.getByRole('button', { name: 'Check drift' }).click();

  await expect(page).toHaveURL(/#\/drift\/1$/);
  await expect(page.getByTestId('drift-verdict')).toContainText(
    'Dataset drift: 4 of 5 columns drifted',
  );
  const rows = page.getByRole('table', { name: 'Drift by column' }).locator('tbody tr');
  await expect(rows).toHaveCount(5);
  await expect(rows.first()).toContainText('drifted');
  const overlays = page.getByTestId('drift-overlay');
  await expect(overlays).toHaveCount(5);
  // Three species in the reference; the first 100 rows hold no virginica, so current draws two bars.
  await expect(
    overlays.filter({ hasText: 'species' }).locator('.recharts-bar-rectangle'),
  ).toHaveCount(5);
  await screenshot(page, 'drift-report');

  // A second check, of the reference against itself: no drift, and the history has two points.
  await page.getByRole('combobox', { name: 'Current' }).selectOption(String(reference.id));
  await page.getByRole('button', { name: 'Check drift' }).click();
  await expect(page).toHaveURL(/#\/drift\/2$/);
  await expect(page.getByTestId('drift-verdict')).toContainText(
    'No dataset drift: 0 of 5 columns drifted',
  );
  const history = page.getByTestId('drift-history');
  await expect(history).toBeVisible();
  await expect
    .poll(async () => pointsInPath(await history.locator('.recharts-line-curve').getAttribute('d')))
    .toBe(2);
  await expect(page.getByRole('list', { name: 'Past checks' }).getByRole('link')).toHaveCount(2);
  // One line per column's statistic, each with a point per check.
  const columnLines = page.getByTestId('drift-column-history').locator('.recharts-line-curve');
  await expect(columnLines).toHaveCount(5);
  expect(pointsInPath(await columnLines.first().getAttribute('d'))).toBe(2);
  await screenshot(page, 'drift-history');

  // The history links back to the first report.
  await page.getByRole('list', { name: 'Past checks' }).getByRole('link', { name: /#1/ }).click();
  await expect(page.getByTestId('drift-verdict')).toContainText('Dataset drift');
});

test('a drift check the server refuses shows one line, and the view keeps working', async ({
  app: page,
  server,
}) => {
  await callApi(page, server.url, 'datasets.importSample', { name: 'iris' });
  await callApi(page, server.url, 'datasets.importSample', { name: 'wine' });
  await page.goto(new URL('#/drift?ref=1&cur=2', server.url).toString());
  await page.getByRole('button', { name: 'Check drift' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'the reference and current data have no columns in common',
  );
  await page.getByRole('combobox', { name: 'Current' }).selectOption('1');
  await page.getByRole('button', { name: 'Check drift' }).click();
  await expect(page.getByTestId('drift-verdict')).toContainText('No dataset drift');
});
