import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { screenshot, mlflowClient } from './helpers.js';

const rows = (page: Page) => page.getByRole('grid', { name: 'Runs table' }).getByRole('row');

test('a run a script logs over the MLflow API shows up in the explorer live, and on its run page', async ({
  app: page,
  server,
}) => {
  const post = mlflowClient(server.url);
  await page.getByRole('link', { name: 'Explore and compare runs →' }).click();
  await expect(page.getByTestId('run-count')).toHaveText('0 of 0 runs');

  const { experiment_id } = (await post('experiments/create', { name: 'scripts' })) as {
    experiment_id: string;
  };
  const { run } = (await post('runs/create', {
    experiment_id,
    run_name: 'sklearn-forest',
    start_time: Date.now(),
    tags: [
      { key: 'mlflow.source.name', value: 'train_sklearn_mlflow.py' },
      { key: 'mlflow.user', value: 'ada' },
    ],
  })) as { run: { info: { run_id: string } } };
  const runId = run.info.run_id;
  const row = rows(page).filter({ hasText: 'sklearn-forest' });
  await expect(row).toContainText('running');
  await expect(page.getByTestId('run-count')).toHaveText('1 of 1 runs');

  const now = Date.now();
  await post('runs/log-batch', {
    run_id: runId,
    params: [
      { key: 'n_estimators', value: '200' },
      { key: 'max_depth', value: '8' },
    ],
    metrics: Array.from({ length: 40 }, (_, step) => [
      { key: 'train/loss', value: 1 / (step + 1), timestamp: now + step, step },
      { key: 'val/f1', value: 0.5 + step / 100, timestamp: now + step, step },
    ]).flat(),
  });
  await post('runs/update', { run_id: runId, status: 'FINISHED', end_time: Date.now() });
  await expect(row).toContainText('finished');

  // The same run is queryable with Benchtop's language, OR included.
  const query = page.getByLabel('Filter runs');
  await query.fill('params.n_estimators > 500');
  await query.press('Enter');
  await expect(page.getByTestId('run-count')).toHaveText('0 of 1 runs');
  await query.fill('params.n_estimators > 500 or params.max_depth = 8');
  await query.press('Enter');
  await expect(page.getByTestId('run-count')).toHaveText('1 of 1 runs');
  await screenshot(page, 'mlflow-01-explorer');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'mlflow-01-explorer-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await row.getByRole('link', { name: 'sklearn-forest' }).click();
  await expect(page.getByRole('heading', { name: 'sklearn-forest' })).toBeVisible();
  await expect(page.getByText('script', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('figure').first()).toContainText('step');
  await screenshot(page, 'mlflow-02-run-page');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'mlflow-02-run-page-dark');

  // The link MLflow's client prints ("View run at …/#/experiments/<id>/runs/<run id>") opens the run here.
  await page.evaluate(
    (hash) => (window.location.hash = hash),
    `#/experiments/${experiment_id}/runs/${runId}`,
  );
  await expect(page.getByRole('heading', { name: 'sklearn-forest' })).toBeVisible();
  expect(page.url()).toMatch(/#\/runs\/\d+$/);
});
