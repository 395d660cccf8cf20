import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures.js';
import { callApi, dropFile, FIXTURES, pointsInPath, screenshot } from './helpers.js';

/** The first 100 rows of iris, under the same file name: imported, it becomes iris v2. */
const IRIS_V2 = path.join(FIXTURES, 'iris-v2', 'iris.csv');

// Each test runs several checks through job processes; on a loaded two-core machine that can take a minute.
test.describe.configure({ timeout: 120_000 });

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
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'drift-report-dark');
  await page.emulateMedia({ colorScheme: 'light' });

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

/** Deterministic numbers in [0, 1) (mulberry32), so the fixtures below are the same every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 300 rows of five numeric columns; `shift` moves column a by that much (the others stay put). */
function fiveColumns(seed: number, shift: number): string {
  const next = random(seed);
  const lines = ['a,b,c,d,e'];
  for (let i = 0; i < 300; i++) {
    const row = [0, 1, 2, 3, 4].map((j) => (next() * 10 + (j === 0 ? shift : 0)).toFixed(3));
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

test('a dropped file keeps the chosen reference, and the history shows before the first check', async ({
  app: page,
  server,
}, testInfo) => {
  const reference = await callApi<{ id: number }>(page, server.url, 'datasets.importSample', {
    name: 'iris',
  });
  await page.goto(new URL('#/drift', server.url).toString());
  // Nothing chosen yet: the history panel says what it will show.
  const history = page.getByRole('region', { name: 'History' });
  await expect(history).toContainText('Choose the reference data');
  await page.getByRole('combobox', { name: 'Reference' }).selectOption(String(reference.id));
  await expect(history).toContainText('No checks against iris yet');
  await expect(history).toContainText('share of drifted columns');
  await screenshot(page, 'drift-empty-history');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'drift-empty-history-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await dropFile(page, IRIS_V2, 'text/csv');
  await expect(page.getByRole('combobox', { name: 'Current' })).toHaveValue('2');
  await expect(page.getByRole('combobox', { name: 'Reference' })).toHaveValue(String(reference.id));
  await page.getByRole('button', { name: 'Check drift' }).click();
  await expect(page).toHaveURL(/#\/drift\/1$/);

  // Dropping a file while a report is shown keeps that report's reference.
  const copy = testInfo.outputPath('iris-copy.csv');
  await writeFile(copy, await readFile(IRIS_V2, 'utf8'));
  await dropFile(page, copy, 'text/csv');
  await expect(page).toHaveURL(/#\/drift\?.*cur=\d+/);
  await expect(page.getByRole('combobox', { name: 'Reference' })).toHaveValue(String(reference.id));
});

test('every column has a history, and a quiet dataset verdict says which columns drifted and why', async ({
  app: page,
  server,
}) => {
  const upload = (content: string, name: string) =>
    callApi<{ id: number }>(page, server.url, 'datasets.upload', {
      fileName: `${name}.csv`,
      content,
      name,
    });
  const reference = await upload(fiveColumns(1, 0), 'sensors');
  const current = await upload(fiveColumns(2, 6), 'sensors');
  await page.goto(new URL(`#/drift?ref=${reference.id}&cur=${current.id}`, server.url).toString());
  await page.getByRole('button', { name: 'Check drift' }).click();
  await expect(page).toHaveURL(/#\/drift\/1$/);

  // One column of five moved far (KS p ≈ 1e-80): no dataset drift, and the banner explains why.
  const verdict = page.getByTestId('drift-verdict');
  await expect(verdict).toContainText('No dataset drift: 1 of 5 columns drifted');
  await expect(verdict).toContainText('a drifted (p < 0.05)');
  await expect(verdict).toContainText('needs at least 50% of columns');
  await expect(verdict).toContainText('20% did');

  // A second check, then each column's own history from the picker.
  await page.getByRole('combobox', { name: 'Current' }).selectOption(String(reference.id));
  await page.getByRole('button', { name: 'Check drift' }).click();
  await expect(page).toHaveURL(/#\/drift\/2$/);
  const picker = page.getByRole('combobox', { name: 'History of' });
  await expect(picker.locator('option')).toHaveText(['All columns', 'a', 'b', 'c', 'd', 'e']);
  await picker.selectOption('e');
  const lines = page.getByTestId('drift-column-history').locator('.recharts-line-curve');
  await expect(lines).toHaveCount(1);
  expect(pointsInPath(await lines.first().getAttribute('d'))).toBe(2);
  await expect(page.getByTestId('drift-column-history')).toContainText('e');
  await page.getByRole('list', { name: 'Past checks' }).getByRole('link', { name: /#1/ }).click();
  await expect(verdict).toContainText('1 of 5 columns drifted');
  await screenshot(page, 'drift-quiet-verdict');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'drift-quiet-verdict-dark');
});
