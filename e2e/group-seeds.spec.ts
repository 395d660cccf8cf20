import type { Page } from '@playwright/test';
import { formatMeanStd } from '../renderer/src/lib/format.js';
import { expect, test } from './fixtures.js';
import { mlflowClient, screenshot } from './helpers.js';

/** Two configs × three seeds, each with a known test accuracy and a loss curve. */
const CONFIGS = [
  { lr: '0.1', accuracy: [0.81, 0.84, 0.9] },
  { lr: '0.01', accuracy: [0.7, 0.72, 0.77] },
];

/** Mean and sample std (n − 1), computed here apart from the app's own. */
function meanStd(values: number[]): string {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
  return formatMeanStd(mean, Math.sqrt(variance));
}

async function shoot(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}

test('seeds grouped by every param but seed: one row per config in the explorer, one line with a band and its mean ± std in compare', async ({
  app: page,
  server,
}) => {
  const post = mlflowClient(server.url);
  const now = Date.now();
  for (const config of CONFIGS) {
    for (const [i, accuracy] of config.accuracy.entries()) {
      const seed = i + 1;
      const { run } = await post<{ run: { info: { run_id: string } } }>('runs/create', {
        experiment_id: '0',
        run_name: `lr${config.lr}-seed${seed}`,
        start_time: now,
      });
      await post('runs/log-batch', {
        run_id: run.info.run_id,
        params: [
          { key: 'lr', value: config.lr },
          { key: 'layers', value: '2' },
          { key: 'seed', value: String(seed) },
        ],
        metrics: [
          ...[0, 1, 2, 3, 4].map((step) => ({
            key: 'loss',
            value: Number(config.lr) * 5 + 1 / (step + 1) + seed * 0.05,
            timestamp: now + step,
            step,
          })),
          { key: 'test_accuracy', value: accuracy, timestamp: now + 5, step: 4 },
        ],
      });
      await post('runs/update', { run_id: run.info.run_id, status: 'FINISHED', end_time: now });
    }
  }

  await page.goto(`${server.url.split('?')[0]}#/runs`);
  await expect(page.getByTestId('run-count')).toHaveText('6 of 6 runs');
  await page.getByRole('button', { name: 'Group by: nothing' }).click();
  await page.getByRole('radio', { name: 'Every param except' }).check();
  // seed is left out to start with: each config's three seeds are one group.
  await expect(page.getByRole('checkbox', { name: 'seed' })).toBeChecked();
  await shoot(page, 'group-0-picker');
  await page.keyboard.press('Escape');
  await expect(
    page.getByRole('button', { name: 'Group by: every param except seed' }),
  ).toBeVisible();
  await expect(page).toHaveURL(/group=\*&group=-params\.seed/);
  const groups = page.locator('.rt-group');
  await expect(groups).toHaveCount(2);
  await expect(groups.filter({ hasText: 'lr = 0.1 · 3 runs' })).toHaveCount(1);
  await expect(groups.filter({ hasText: 'lr = 0.01 · 3 runs' })).toHaveCount(1);
  await shoot(page, 'group-1-explorer');

  // A saved view keeps the grouping: ungroup, reload, open the view, grouped again.
  await page.getByLabel('View name').fill('seeds together');
  await page.getByRole('button', { name: 'Save view' }).click();
  await expect(page.getByText('Saved “seeds together”.')).toBeVisible();
  await page.goto(`${server.url.split('?')[0]}#/runs`);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Group by: nothing' })).toBeVisible();
  await page.getByLabel('Saved views').selectOption({ label: 'seeds together' });
  await expect(page).toHaveURL(/group=\*&group=-params\.seed/);
  await expect(groups).toHaveCount(2);

  await page.getByLabel('Select every run shown').check();
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page).toHaveURL(/#\/compare\/[\d,]+\?group=\*&group=-params\.seed$/);
  const loss = page.getByRole('figure', { name: 'loss chart' });
  const legend = loss.getByRole('list', { name: 'Legend' }).getByRole('listitem');
  await expect(legend).toHaveCount(2);
  // Groups come in the order of their first run, which the table's sort decides.
  expect((await legend.allInnerTexts()).sort()).toEqual(['lr = 0.01 (n=3)', 'lr = 0.1 (n=3)']);
  await expect(loss.locator('path.group-line')).toHaveCount(2);
  await expect(loss.locator('path.group-band')).toHaveCount(2);
  // The band replaces the downsampling envelope, so its switch is gone while grouped.
  await expect(page.getByText('Min/max envelope')).toHaveCount(0);
  const summary = page.getByRole('table', { name: 'Metric summary' });
  for (const config of CONFIGS) {
    const row = summary.getByRole('row').filter({ hasText: `lr = ${config.lr}` });
    await expect(row.locator('td[data-metric="test_accuracy"]')).toHaveText(
      meanStd(config.accuracy),
    );
  }
  // Every plot colours a run as its group: two colours, and the scatter's legend names the groups.
  const scatter = page.getByRole('figure', { name: 'Scatter of lr against test_accuracy' });
  const fills = async () =>
    new Set(
      await scatter
        .locator('circle.dot')
        .evaluateAll((cs) => cs.map((c) => c.getAttribute('fill'))),
    );
  expect((await fills()).size).toBe(2);
  expect(
    (
      await scatter.getByRole('list', { name: 'Legend' }).getByRole('listitem').allInnerTexts()
    ).sort(),
  ).toEqual(['lr = 0.01 (n=3)', 'lr = 0.1 (n=3)']);
  await shoot(page, 'group-2-compare');

  // Off in compare: a line per run again, and the per-run summary.
  await page.getByRole('button', { name: /^Group runs:/ }).click();
  await page.getByRole('radio', { name: 'Nothing' }).check();
  await expect(page).toHaveURL(/#\/compare\/[\d,]+$/);
  await expect(loss.locator('path.series-line')).toHaveCount(6);
  await expect(loss.locator('path.group-line')).toHaveCount(0);
  await expect(page.getByText('Min/max envelope')).toBeVisible();
  expect((await fills()).size).toBe(6);
});
