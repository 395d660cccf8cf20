import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { callApi, screenshot } from './helpers.js';

/** Three runs Benchtop trains on iris (lr over three decades) and one a script logs without a model. */
async function seedRuns(page: Page, serverUrl: string): Promise<number[]> {
  const { id } = await callApi<{ id: number }>(page, serverUrl, 'datasets.importSample', {
    name: 'iris',
  });
  const trained: number[] = [];
  for (const lr of [0.0001, 0.01, 0.1]) {
    const { runId } = await callApi<{ runId: number }>(page, serverUrl, 'jobs.train', {
      datasetId: id,
      target: 'species',
      params: { epochs: 4, lr },
    });
    trained.push(runId);
  }
  await callApi(page, serverUrl, 'runs.wait', { ids: trained, timeoutMs: 120_000 });
  const url = new URL(serverUrl);
  const token = url.searchParams.get('token') ?? '';
  const post = async (endpoint: string, body: object) => {
    const res = await fetch(`${url.origin}/api/2.0/mlflow/${endpoint}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };
  const { run } = (await post('runs/create', {
    experiment_id: '0',
    run_name: 'script-run',
    start_time: Date.now(),
  })) as { run: { info: { run_id: string } } };
  const now = Date.now();
  await post('runs/log-batch', {
    run_id: run.info.run_id,
    params: [
      { key: 'learning_rate', value: '0.05' },
      { key: 'lr', value: '0.001' },
    ],
    metrics: [0, 1, 2].flatMap((step) => [
      { key: 'loss', value: 1 / (step + 1), timestamp: now + step, step },
      { key: 'test_accuracy', value: 0.5, timestamp: now + step, step },
    ]),
  });
  await post('runs/update', { run_id: run.info.run_id, status: 'FINISHED', end_time: now + 10 });
  const table = await callApi<{ id: number; name: string }[]>(page, serverUrl, 'runs.table', {});
  return [...trained, table.find((r) => r.name === 'script-run')!.id];
}

// Three trainings on a machine shared with other work: more than the default minute.
test.describe.configure({ timeout: 180_000 });

const header = (page: Page, id: string) => page.locator(`[role=columnheader][title="${id}"]`);
/** The columns shown, in order, as the Columns popover lists them (the table draws only those in view). */
async function headers(page: Page): Promise<string[]> {
  await page.getByRole('button', { name: /^Columns/ }).click();
  await page.getByLabel('Search columns').fill('');
  const list = page.getByRole('list', { name: 'Shown columns, in order' });
  await expect(list.locator('li').first()).toBeVisible();
  const ids = await list.locator('li .mono').allInnerTexts();
  await page.keyboard.press('Escape');
  return ids;
}

async function shoot(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}

test('the explorer shows informative columns with readable headers, and keeps filter, sort and columns in the URL', async ({
  app: page,
  server,
}) => {
  await seedRuns(page, server.url);
  await page.goto(`${server.url.split('?')[0]}#/runs`);
  await expect(page.getByTestId('run-count')).toHaveText('4 of 4 runs');

  // Defaults: the test split's headline metrics and the params that differ; constant ones
  // (every trained run has the same epochs and optimizer... but the script run has none) stay out.
  const shown = await headers(page);
  expect(shown.slice(0, 1)).toEqual(['metrics.test_accuracy']);
  expect(shown).toContain('params.lr');
  // Every trained run has the same epochs; the script's run has none: not a difference worth a column.
  expect(shown).not.toContain('params.epochs');
  expect(shown).not.toContain('metrics.loss');
  expect(shown).not.toContain('metrics.system/process_rss_megabytes');

  // A header shows its key whole, with the full name on hover.
  await page.getByRole('button', { name: /^Columns/ }).click();
  await page.getByLabel('Search columns').fill('learning_rate');
  await page.getByRole('list', { name: 'Available columns' }).getByRole('checkbox').check();
  await page.keyboard.press('Escape');
  const lr = header(page, 'params.learning_rate');
  await expect(lr).toBeVisible();
  const key = lr.locator('.col-key');
  const fits = await key.evaluate((el) => el.scrollWidth <= el.clientWidth);
  expect(fits).toBe(true);
  await shoot(page, 'explorer-views-1-defaults');

  // Filter, sort and a chosen column go into the URL.
  const box = page.getByLabel('Filter runs');
  await box.fill('params.lr < 0.05');
  await box.press('Enter');
  await expect(page.getByTestId('run-count')).toHaveText('3 of 4 runs');
  await expect(page).toHaveURL(/#\/runs\?q=params\.lr/);
  await header(page, 'params.lr').getByRole('button').click();
  await expect(header(page, 'params.lr')).toHaveAttribute('aria-sort', 'ascending');
  await page.getByRole('button', { name: /^Columns/ }).click();
  await page.getByLabel('Search columns').fill('metrics.loss');
  await page.getByRole('list', { name: 'Available columns' }).getByRole('checkbox').check();
  await page.keyboard.press('Escape');
  const chosen = await headers(page);
  expect(chosen).toContain('metrics.loss');

  // Reload: the same filter, sort and columns.
  await page.reload();
  await expect(page.getByTestId('run-count')).toHaveText('3 of 4 runs');
  await expect(page.getByLabel('Filter runs')).toHaveValue('params.lr < 0.05');
  await expect(header(page, 'params.lr')).toHaveAttribute('aria-sort', 'ascending');
  expect(await headers(page)).toEqual(chosen);
  const rows = page.getByRole('grid', { name: 'Runs table' }).getByRole('row');
  await expect(rows.nth(1)).toContainText(/run-\d+/);

  // Back steps through them: the column, then the sort, then the filter.
  await page.goBack();
  await expect(page).not.toHaveURL(/col=metrics\.loss/);
  expect(await headers(page)).not.toContain('metrics.loss');
  await page.goBack();
  await expect(header(page, 'params.lr')).not.toHaveAttribute('aria-sort', /./);
  await page.goBack();
  await expect(page.getByTestId('run-count')).toHaveText('4 of 4 runs');
  await expect(page.getByLabel('Filter runs')).toHaveValue('');
  await page.goForward();
  await expect(page.getByTestId('run-count')).toHaveText('3 of 4 runs');
  await expect(page.getByLabel('Filter runs')).toHaveValue('params.lr < 0.05');

  // Away and back by the sidebar: the explorer as it was left, not its defaults.
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/#\/settings$/);
  await page.getByRole('link', { name: /Explore and compare runs/ }).click();
  await expect(page.getByTestId('run-count')).toHaveText('3 of 4 runs');
  await expect(page.getByLabel('Filter runs')).toHaveValue('params.lr < 0.05');

  // A mangled link opens the explorer with its defaults, without failing.
  await page.goto(`${server.url.split('?')[0]}#/runs?sort=%E0%A4%A&col=bogus&col=params.&q=`);
  await expect(page.getByTestId('run-count')).toHaveText('4 of 4 runs');
  expect(await headers(page)).toEqual(shown);
});

test('compare: legends and axis labels, the model row, log and constant axes, scatter defaults, an unclipped summary', async ({
  app: page,
  server,
}) => {
  const ids = await seedRuns(page, server.url);
  await page.goto(`${server.url.split('?')[0]}#/compare/${ids.join(',')}`);
  await expect(page.getByRole('heading', { name: 'Compare 4 runs' })).toBeVisible();

  // Every chart has a legend naming its runs and labelled axes.
  const charts = page.locator('figure.compare-chart');
  await expect(charts.first()).toBeVisible();
  const count = await charts.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const chart = charts.nth(i);
    await expect(chart.getByRole('list', { name: 'Legend' }).getByRole('listitem')).not.toHaveCount(
      0,
    );
    await expect(chart.locator('text.axis-label')).toHaveCount(2);
  }
  await expect(
    page
      .getByRole('figure', { name: 'loss chart', exact: true })
      .getByRole('list', { name: 'Legend' }),
  ).toContainText('script-run');

  // The param diff says which model each run trained; the script's run has none.
  const model = page
    .getByRole('table', { name: 'Parameter differences' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'model', exact: true }) });
  await expect(model.getByRole('cell')).toHaveText(['logistic', 'logistic', 'logistic', '—']);

  // Scatter defaults: a param that varies against the headline (test split) metric.
  await expect(page.getByLabel('Plot metric')).toHaveValue('test_accuracy');
  await expect(page.getByLabel('Scatter param')).toHaveValue('lr');

  // Parallel coordinates: lr spans three decades on a log axis; constant axes are hidden, and can be shown.
  const pc = page.getByRole('img', { name: /^Parallel coordinates/ });
  await expect(pc.locator('text.pc-label', { hasText: 'lr (log)' })).toHaveCount(1);
  const hidden = page.getByText(/^\d+ constant params? hidden/);
  await expect(hidden).toBeVisible();
  const axesBefore = await pc.locator('text.pc-label').count();
  await page.getByRole('button', { name: 'Show constant params' }).click();
  await expect.poll(() => pc.locator('text.pc-label').count()).toBeGreaterThan(axesBefore);
  await page.getByRole('button', { name: 'Hide constant params' }).click();

  // The metric summary is not clipped: it scrolls inside its panel, the run names stay in view.
  const summary = page.getByRole('table', { name: 'Metric summary' });
  const scroller = summary.locator('xpath=..');
  const box = (await scroller.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(1280);
  await scroller.evaluate((el) => (el.scrollLeft = el.scrollWidth));
  const last = summary.locator('thead tr').first().locator('th').last();
  await expect(last).toBeInViewport({ ratio: 0.99 });
  await expect(summary.getByRole('rowheader', { name: 'script-run' })).toBeInViewport({
    ratio: 0.99,
  });
  await shoot(page, 'explorer-views-2-compare');
});
