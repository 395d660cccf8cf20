import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { callApi, demoRuns, pointsInPath, screenshot } from './helpers.js';

const RUNS = 30;
const POINTS = 3000;

const demo = (dataDir: string, runs = RUNS, points = POINTS): void =>
  demoRuns(dataDir, runs, points);

const rows = (page: Page): Locator =>
  page.getByRole('grid', { name: 'Runs table' }).getByRole('row');
const chart = (page: Page, metric: string): Locator =>
  page.getByRole('figure', { name: `${metric} chart`, exact: true });

/** The chart's own figures, and the points its SVG paths really draw. */
async function pointsOf(
  figure: Locator,
): Promise<{ drawn: number; total: number; inPaths: number }> {
  const drawn = Number(await figure.getAttribute('data-drawn-points'));
  const total = Number(await figure.getAttribute('data-total-points'));
  const paths = await figure
    .locator('path.series-line')
    .evaluateAll((ps) => ps.map((p) => p.getAttribute('d')));
  return { drawn, total, inPaths: paths.reduce((n, d) => n + pointsInPath(d), 0) };
}

test('filter with a query, save a view, compare five runs, switch axis and smoothing, zoom', async ({
  app: page,
  server,
}) => {
  demo(server.dataDir);
  await page.getByRole('link', { name: 'Explore and compare runs →' }).click();
  await expect(page).toHaveURL(/#\/runs$/);
  await expect(page.getByTestId('run-count')).toHaveText(`${RUNS} of ${RUNS} runs`);
  await screenshot(page, 'explorer-1-table');

  // A malformed query: the position is shown inline and the previous results stay.
  const box = page.getByLabel('Filter runs');
  await box.fill('params.lr < ');
  await box.press('Enter');
  await expect(page.getByRole('alert')).toHaveText(
    'query at column 12: expected a value after "<"',
  );
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('run-count')).toHaveText(`${RUNS} of ${RUNS} runs`);
  await screenshot(page, 'explorer-2-query-error');

  // A good query filters in SQLite; the table shows exactly what the API says.
  const query = 'params.optimizer = "adam" and metrics.val_accuracy > 0.7';
  await box.fill(query);
  await box.press('Enter');
  const { ids } = await callApi<{ ids: number[] }>(page, server.url, 'runs.query', {
    filter: query,
  });
  expect(ids.length).toBeGreaterThan(2);
  await expect(page.getByTestId('run-count')).toHaveText(`${ids.length} of ${RUNS} runs`);
  await expect(rows(page)).toHaveCount(ids.length + 1);

  // Sort by a metric column: best (highest) first on the first click.
  await page
    .getByRole('columnheader', { name: /val_accuracy/ })
    .getByRole('button')
    .click();
  await expect(page.getByRole('columnheader', { name: /val_accuracy/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  const best = (
    await callApi<{ ids: number[] }>(page, server.url, 'runs.query', {
      filter: query,
      sort: '-metrics.val_accuracy',
    })
  ).ids;
  await expect(rows(page).nth(1)).toContainText(`run-${best[0]}`);

  // Save the view, clear the query, then open the view again.
  await page.getByLabel('View name').fill('good adam');
  await page.getByRole('button', { name: 'Save view' }).click();
  await expect(page.getByText('Saved “good adam”.')).toBeVisible();
  await box.fill('');
  await box.press('Enter');
  await expect(page.getByTestId('run-count')).toHaveText(`${RUNS} of ${RUNS} runs`);
  await page.reload();
  const views = page.getByLabel('Saved views');
  await views.selectOption({ label: 'good adam' });
  await expect(page.getByLabel('Filter runs')).toHaveValue(query);
  await expect(page.getByTestId('run-count')).toHaveText(`${ids.length} of ${RUNS} runs`);
  await expect(page.getByRole('columnheader', { name: /val_accuracy/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await screenshot(page, 'explorer-3-saved-view');

  // Select five runs and compare them.
  await page.getByLabel('Filter runs').fill('');
  await page.getByLabel('Filter runs').press('Enter');
  await expect(page.getByTestId('run-count')).toHaveText(`${RUNS} of ${RUNS} runs`);
  for (const id of [1, 2, 3, 4, 5])
    await page.getByLabel(`Select run-${id}`, { exact: true }).check();
  await expect(page.getByText('5 selected')).toBeVisible();
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page).toHaveURL(/#\/compare\/(\d+,){4}\d+$/);
  const loss = chart(page, 'loss');
  await expect(loss.getByTestId('point-count')).toHaveText(/^Drawing [\d,]+ of 15,000 points/);
  let p = await pointsOf(loss);
  expect(p.total).toBe(5 * POINTS);
  // Downsampled on the main side: under 2× the plot's pixel width per series, and the paths draw exactly that.
  const width = (await loss.locator('svg').boundingBox())!.width;
  expect(p.drawn).toBeLessThanOrEqual(5 * 2 * width);
  expect(p.drawn).toBeLessThan(p.total);
  expect(p.inPaths).toBe(p.drawn);
  await expect(loss.locator('path.envelope')).toHaveCount(5);
  await expect(page.getByRole('table', { name: 'Parameter differences' })).toContainText('lr');
  await screenshot(page, 'explorer-4-compare');

  // Relative time on x, then smoothing: the curve changes, the point count does not.
  await page.getByLabel('X axis').selectOption('relative');
  await expect(loss.locator('text').filter({ hasText: /\d+s$/ }).first()).toBeVisible();
  const before = await loss.locator('path.series-line').first().getAttribute('d');
  await page.getByLabel('Smoothing').fill('0.9');
  await expect(page.locator('output').filter({ hasText: '0.90' })).toBeVisible();
  await expect
    .poll(() => loss.locator('path.series-line').first().getAttribute('d'))
    .not.toBe(before);
  expect((await pointsOf(loss)).drawn).toBe(p.drawn);
  await screenshot(page, 'explorer-5-relative-smoothed');

  // Back to steps, then brush-zoom a narrow range: full resolution comes back for it.
  await page.getByLabel('X axis').selectOption('step');
  await page.getByLabel('Smoothing').fill('0');
  await expect(loss.getByTestId('point-count')).toHaveText(/of 15,000 points/);
  const svg = (await loss.locator('svg').boundingBox())!;
  const y = svg.y + svg.height / 2;
  await page.mouse.move(svg.x + 80, y);
  await page.mouse.down();
  await page.mouse.move(svg.x + 120, y, { steps: 4 });
  await page.mouse.up();
  await expect(loss.getByRole('button', { name: 'Reset zoom' })).toBeVisible();
  await expect(loss.getByTestId('point-count')).not.toHaveText(/of 15,000 points/);
  p = await pointsOf(loss);
  expect(p.total).toBeGreaterThan(0);
  expect(p.total).toBeLessThan(5 * POINTS);
  expect(p.drawn).toBe(p.total);
  expect(p.inPaths).toBe(p.drawn);
  await expect(loss.locator('path.envelope')).toHaveCount(0);
  await screenshot(page, 'explorer-6-zoomed');
  await loss.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(loss.getByTestId('point-count')).toHaveText(/of 15,000 points/);
});

test('a note with HTML shows as text; delete has undo', async ({ app: page, server }) => {
  demo(server.dataDir);
  await page.goto(`${server.url.split('?')[0]}#/runs`);
  await expect(page.getByTestId('run-count')).toHaveText(`${RUNS} of ${RUNS} runs`);

  await page.getByRole('button', { name: 'Note and tags of run-3', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Note and tags of run-3' });
  await panel
    .getByLabel('Note (Markdown)')
    .fill(
      '# Finding\n<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script> **lr too high**',
    );
  await panel.getByRole('button', { name: 'Save note' }).click();
  await expect(
    panel.getByText('<script>window.__pwned=1</script>', { exact: false }),
  ).toBeVisible();
  await expect(panel.locator('strong')).toHaveText('lr too high');
  await expect(panel.locator('script, img')).toHaveCount(0);
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined();
  await screenshot(page, 'explorer-7-note');

  await page.getByLabel('Select run-3', { exact: true }).check();
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('run-count')).toHaveText(`${RUNS - 1} of ${RUNS - 1} runs`);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('run-count')).toHaveText(`${RUNS} of ${RUNS} runs`);
});

test('group by a param with aggregates, pick a column by search, and cap what compare draws', async ({
  app: page,
  server,
}) => {
  demo(server.dataDir, 120, 5);
  await page.goto(`${server.url.split('?')[0]}#/runs`);
  await expect(page.getByTestId('run-count')).toHaveText('120 of 120 runs');

  // By default: the headline metrics (validation's, as these runs have no test split) and the
  // params that differ; not the training curves. Any column can be added: search, tick, it shows.
  await expect(page.getByRole('button', { name: /^Columns/ })).toHaveText('Columns (8 of 11)');
  await page.getByRole('button', { name: /^Columns/ }).click();
  const order = page.getByRole('list', { name: 'Shown columns, in order' });
  await expect(order).toContainText('metrics.val_accuracy');
  await expect(order).toContainText('params.p05');
  await expect(order).not.toContainText('metrics.accuracy');
  await page.getByLabel('Search columns').fill('metrics.acc');
  const picker = page.getByRole('list', { name: 'Available columns' });
  await expect(picker.getByRole('listitem')).toHaveCount(1);
  await picker.getByRole('checkbox').check();
  await page.getByLabel('Search columns').fill('');
  await expect(order).toContainText('metrics.accuracy');
  await expect(page.getByRole('button', { name: /^Columns/ })).toHaveText('Columns (9 of 11)');
  // The popover closes as popovers do: Escape (focus back on its button), or a click outside.
  const columnsButton = page.getByRole('button', { name: /^Columns/ });
  const popover = page.getByRole('dialog', { name: 'Choose columns' });
  await page.keyboard.press('Escape');
  await expect(popover).toBeHidden();
  await expect(columnsButton).toBeFocused();
  await columnsButton.click();
  await expect(popover).toBeVisible();
  await page.getByTestId('run-count').click();
  await expect(popover).toBeHidden();

  // Group by optimizer: one row per value with the mean (min–max) of each metric.
  await page.getByRole('button', { name: 'Group by: nothing' }).click();
  await page.getByRole('radio', { name: 'These params' }).check();
  await page.getByRole('checkbox', { name: 'optimizer', exact: true }).check();
  await page.keyboard.press('Escape');
  const groups = page.locator('.rt-group');
  await expect(groups).toHaveCount(2);
  await expect(groups.first()).toContainText(/optimizer = (adam|sgd) · \d+ runs/);
  await expect(groups.first()).toContainText(/0\.\d+ \(0\.\d+–0\.\d+\)/);
  const first = groups.first();
  const size = Number(/· (\d+) runs/.exec(await first.innerText())?.[1]);
  await first.getByRole('button', { name: 'Open the group' }).click();
  expect(size).toBeGreaterThan(0);
  await expect.poll(() => rows(page).count()).toBeGreaterThan(3);
  await expect(first.getByRole('button', { name: 'Fold the group' })).toBeVisible();
  await screenshot(page, 'explorer-8-grouped');

  // Select every run shown and compare: the charts draw 100 of 120 and say so.
  await page.getByRole('button', { name: 'Group by: optimizer' }).click();
  await page.getByRole('radio', { name: 'Nothing' }).check();
  await page.keyboard.press('Escape');
  await page.getByLabel('Select every run shown').check();
  await expect(page.getByText('120 selected')).toBeVisible();
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Charts draw the first 100 of 120 runs' }),
  ).toBeVisible();
  await expect(chart(page, 'loss').locator('path.series-line')).toHaveCount(100);
  await screenshot(page, 'explorer-9-compare-capped');
});

test('a run trained while the table is open joins it and shows its status live', async ({
  app: page,
  server,
}) => {
  demo(server.dataDir, 5, 10);
  await page.getByRole('link', { name: 'Explore and compare runs →' }).click();
  await expect(page.getByTestId('run-count')).toHaveText('5 of 5 runs');
  const tableRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/runs.table')) tableRequests.push(r.postData() ?? '');
  });
  const { id } = await callApi<{ id: number }>(page, server.url, 'datasets.importSample', {
    name: 'iris',
  });
  const { runId } = await callApi<{ runId: number }>(page, server.url, 'jobs.train', {
    datasetId: id,
    target: 'species',
    params: { epochs: 5 },
  });
  // Only the changed run is fetched and merged in (explorerData.ts); the table never reloads whole.
  await expect(page.getByTestId('run-count')).toHaveText('6 of 6 runs');
  const row = rows(page).filter({ hasText: `run-${runId}` });
  await expect(row).toContainText('finished', { timeout: 60_000 });
  expect(tableRequests.length).toBeGreaterThan(0);
  expect(tableRequests.every((body) => /"ids":\[/.test(body))).toBe(true);
  await screenshot(page, 'explorer-10-live-run');
});

test('runs a `benchtop` command adds beside the open app show up without a reload', async ({
  app: page,
  server,
}) => {
  await page.getByRole('link', { name: 'Explore and compare runs →' }).click();
  await expect(page.getByTestId('run-count')).toHaveText('0 of 0 runs');
  demo(server.dataDir, 4, 10);
  // The server notices the other process's commits (SQLite's data_version) and says so.
  await expect(page.getByTestId('run-count')).toHaveText('4 of 4 runs');
  await expect(page.getByRole('heading', { name: 'Runs 4' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Datasets 1' })).toBeVisible();
  await screenshot(page, 'explorer-11-outside-runs');
});
