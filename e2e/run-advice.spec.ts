import path from 'node:path';
import { expect, test } from './fixtures.js';
import { dropFile, SAMPLES_DIR, screenshot } from './helpers.js';

test('the learning rate follows the model and optimizer, and a diverged run says what to try', async ({
  app: page,
}) => {
  await dropFile(page, path.join(SAMPLES_DIR, 'diabetes.csv'), 'text/csv');
  await expect(page.getByRole('heading', { level: 1, name: 'diabetes' })).toBeVisible();
  const form = page.locator('form.train-form').first();
  await expect(form.getByLabel('Target column')).toHaveValue('progression');
  await expect(form.getByLabel('Model')).toHaveValue('linear');
  const lr = form.getByLabel('Learning rate');
  await expect(lr).toHaveValue('0.1');
  await form.getByLabel('Model').selectOption('mlp');
  await expect(lr).toHaveValue('0.001'); // Adam's default for an MLP
  await form.getByLabel('Optimizer').selectOption('sgd');
  await expect(lr).toHaveValue('0.01');
  await form.getByLabel('Model').selectOption('linear');
  await expect(lr).toHaveValue('0.1');

  // Far too high for SGD: the loss grows every epoch.
  await lr.fill('0.3');
  await form.getByLabel('Epochs').fill('8');
  await form.getByRole('button', { name: 'Train' }).click();
  await expect(page).toHaveURL(/#\/runs\/\d+$/);
  const main = page.getByRole('main');
  await expect(main.getByText('finished', { exact: true })).toBeVisible({ timeout: 60_000 });
  const advice = main.getByRole('list', { name: 'Advice' });
  await expect(advice).toHaveText('loss diverged — try a lower learning rate (0.1)');
  await screenshot(page, 'run-advice-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(advice).toBeVisible();
  await screenshot(page, 'run-advice-dark');
});
