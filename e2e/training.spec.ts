import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { dropFile, SAMPLES_DIR, screenshot } from './helpers.js';

const main = (page: Page) => page.getByRole('main');
const trainForm = (page: Page) => page.locator('form.train-form').first();

async function openIris(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Import iris' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'iris' })).toBeVisible();
}

async function trainAndFinish(page: Page): Promise<void> {
  await trainForm(page).getByRole('button', { name: 'Train' }).click();
  await expect(page).toHaveURL(/#\/runs\/\d+$/);
  await expect(main(page).getByText('finished', { exact: true })).toBeVisible({ timeout: 60_000 });
}

async function backToDataset(page: Page, name: string): Promise<void> {
  await page
    .getByRole('list', { name: 'Datasets' })
    .getByRole('link', { name: new RegExp(name) })
    .click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('trains each model type from the Train dialog: MLP and logistic on iris, linear on diabetes', async ({
  app: page,
}) => {
  await openIris(page);
  const form = trainForm(page);
  await expect(form.getByLabel('Task')).toHaveValue('auto');
  await expect(form.getByLabel('Task').locator('option:checked')).toHaveText(
    'Automatic (multiclass)',
  );
  await expect(form.getByLabel('Model')).toHaveValue('logistic');
  await expect(form.getByLabel('Hidden layers')).toHaveCount(0);

  // MLP: its own fields appear, with validation naming the field.
  await form.getByLabel('Model').selectOption('mlp');
  await form.getByLabel('Hidden layers').fill('8,x');
  await form.getByLabel('Dropout').fill('2');
  await form.getByRole('button', { name: 'Train' }).click();
  await expect(
    form.getByText('hidden must be layer sizes separated by commas, such as 64,32'),
  ).toBeVisible();
  await expect(form.getByText('dropout must be at most 0.9')).toBeVisible();
  await screenshot(page, 'training-1-form-validation');
  await form.getByLabel('Hidden layers').fill('16,8');
  await form.getByLabel('Dropout').fill('0.1');
  await form.getByLabel('Epochs').fill('15');
  await form.getByLabel('Learning rate').fill('0.05');
  await trainAndFinish(page);
  await expect(main(page).getByText('mlp', { exact: true })).toBeVisible();
  const metrics = page.getByRole('table', { name: 'Final metrics' });
  for (const name of ['accuracy', 'f1_macro', 'log_loss', 'roc_auc'])
    await expect(metrics).toContainText(name);
  await expect(page.getByRole('table', { name: 'Confusion matrix' }).getByRole('row')).toHaveCount(
    1 + 3,
  );
  // ROC and PR curves: one one-vs-rest line per class.
  for (const chart of ['ROC curve', 'Precision-recall curve'])
    await expect(
      page.getByRole('figure', { name: chart }).locator('path.recharts-curve'),
    ).toHaveCount(3);
  await expect(page.getByRole('table', { name: 'Environment' })).toContainText('TensorFlow.js');
  await expect(page.getByRole('table', { name: 'Artifacts' })).toContainText('weights.bin');
  await expect(
    page.getByRole('table', { name: 'Parameters' }).getByRole('row', { name: /hidden/ }),
  ).toContainText('16,8');
  await screenshot(page, 'training-2-mlp-run');

  await backToDataset(page, 'iris');
  await trainForm(page).getByLabel('Epochs').fill('5');
  await trainAndFinish(page);
  await expect(main(page).getByText('logistic', { exact: true })).toBeVisible();

  // Regression: the task is inferred from the numeric target and the model follows it.
  await dropFile(page, path.join(SAMPLES_DIR, 'diabetes.csv'), 'text/csv');
  await expect(page.getByRole('heading', { level: 1, name: 'diabetes' })).toBeVisible();
  await trainForm(page).getByLabel('Target column').selectOption('progression');
  await expect(trainForm(page).getByLabel('Task').locator('option:checked')).toHaveText(
    'Automatic (regression)',
  );
  await expect(trainForm(page).getByLabel('Model')).toHaveValue('linear');
  await expect(trainForm(page).getByLabel('L1 penalty')).toBeVisible();
  await screenshot(page, 'training-3-regression-form');
  await trainForm(page).getByLabel('Epochs').fill('10');
  await trainAndFinish(page);
  for (const name of ['rmse', 'mae', 'r2'])
    await expect(page.getByRole('table', { name: 'Final metrics' })).toContainText(name);
  await expect(page.getByRole('table', { name: 'Residuals' })).toContainText('median');
  await expect(
    page
      .getByRole('figure', { name: 'Residuals chart' })
      .locator('.recharts-scatter-symbol')
      .first(),
  ).toBeVisible();
  await screenshot(page, 'training-4-linear-run');
});

test('a second run waits in the queue with its position, and both can be cancelled', async ({
  app: page,
  server,
}) => {
  await openIris(page);
  // Batches of one: still training when it is cancelled, however fast the machine.
  await trainForm(page).getByLabel('Epochs').fill('5000');
  await trainForm(page).getByLabel('Batch size').fill('1');
  await trainAndStart(page);
  const first = page.url();
  await expect(main(page).getByText('running', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(main(page).getByRole('status', { name: 'Progress' })).toContainText(
    /epoch \d+ of 5000/,
    { timeout: 20_000 },
  );
  await screenshot(page, 'training-5-live-progress');

  // Queue one more only when the limit is one (two-core machines); else it would start at once.
  const { limit } = await (
    await page.request.post(new URL('/api/jobs.list', server.url).toString(), {
      headers: { 'x-benchtop-token': new URL(server.url).searchParams.get('token') ?? '' },
      data: {},
    })
  )
    .json()
    .then((r: { data: { limit: number } }) => r.data);
  if (limit === 1) {
    await backToDataset(page, 'iris');
    await trainForm(page).getByLabel('Epochs').fill('5');
    await trainAndStart(page);
    await expect(main(page).getByRole('status')).toContainText('Queued · position 1');
    await screenshot(page, 'training-6-queued');
    await main(page).getByRole('button', { name: 'Cancel' }).click();
    await expect(main(page).getByText('cancelled', { exact: true })).toBeVisible();
  }
  await page.getByRole('list', { name: 'Runs' }).getByRole('link', { name: /run-1/ }).click();
  await expect(page).toHaveURL(first);
  await main(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(main(page).getByText('cancelled', { exact: true })).toBeVisible({ timeout: 20_000 });
});

async function trainAndStart(page: Page): Promise<void> {
  await trainForm(page).getByRole('button', { name: 'Train' }).click();
  await expect(page).toHaveURL(/#\/runs\/\d+$/);
}

test('a small grid sweep runs its trials, marks the best, and opens the best run', async ({
  app: page,
}) => {
  await openIris(page);
  await page.getByRole('button', { name: 'New sweep…' }).click();
  const sweep = page.getByRole('form', { name: 'Sweep' });
  await sweep.getByLabel('Sweep model').selectOption('logistic');
  await sweep.getByLabel('Learning rates').fill('0.3, 0.003');
  await sweep.getByLabel('Epochs per trial').fill('4');
  await sweep.getByLabel('Best by').selectOption('accuracy');
  // How many trials run at once is this machine's job limit, said as a number.
  await expect(sweep.getByTestId('sweep-parallel')).toHaveText(/^Trials run \d+ at a time here/);
  await screenshot(page, 'training-7-sweep-builder');
  await sweep.getByRole('button', { name: 'Start sweep' }).click();
  await expect(page).toHaveURL(/#\/sweeps\/\d+$/);
  const runs = page.getByRole('table', { name: 'Sweep runs' });
  await expect(runs.getByRole('row')).toHaveCount(1 + 2);
  await expect(main(page).getByText('finished', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open best run' })).toBeVisible({ timeout: 60_000 });
  await expect(runs.getByText('best', { exact: true })).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Sweeps' }).getByRole('link')).toHaveCount(1);
  await screenshot(page, 'training-8-sweep-results');

  const bestName = (await runs.locator('tr.best-row a').innerText()).trim();
  await page.getByRole('link', { name: 'Open best run' }).click();
  await expect(page).toHaveURL(/#\/runs\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: bestName })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Final metrics' })).toContainText('accuracy');
  await screenshot(page, 'training-9-best-run');
});
