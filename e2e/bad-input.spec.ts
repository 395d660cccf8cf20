import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { callApi, dropFile, ONE_CLASS_CSV, PIXEL_PNG, screenshot } from './helpers.js';

test('dropping a PNG shows a one-line error, and the app keeps working', async ({ app: page }) => {
  await dropFile(page, PIXEL_PNG, 'image/png');

  const alert = page.getByRole('alert');
  await expect(alert).toHaveCount(1);
  await expect(alert).toContainText('pixel.png');
  const box = await alert.boundingBox();
  expect(box?.height ?? 0).toBeLessThan(48);
  expect(await alert.getByText(/pixel\.png/).innerText()).not.toContain('\n');
  await expect(page).not.toHaveURL(/pixel\.png|^blob:|^data:/);
  await screenshot(page, 'bad-input-alert');

  // Still working: a sample imports and opens; the error can be dismissed.
  await page.getByRole('button', { name: 'Import iris' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'iris' })).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss error' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('an empty target or zero epochs is caught inline, and no run is created', async ({
  app: page,
  server,
}) => {
  await page.getByRole('button', { name: 'Import iris' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'iris' })).toBeVisible();

  await page.getByLabel('Target column').selectOption('');
  await page.getByRole('button', { name: 'Train' }).click();
  await expectFieldError(page, 'Target column', 'pick a target column');

  await page.getByLabel('Target column').selectOption('species');
  await expect(page.getByText('pick a target column')).toHaveCount(0);
  await page.getByLabel('Epochs').fill('0');
  await page.getByRole('button', { name: 'Train' }).click();
  await expectFieldError(page, 'Epochs', 'epochs must be at least 1');
  await screenshot(page, 'bad-input-validation');

  await expect(page).toHaveURL(/#\/datasets\/\d+$/);
  await expect(page.getByRole('list', { name: 'Runs' }).getByRole('link')).toHaveCount(0);
  expect(await callApi<unknown[]>(page, server.url, 'runs.list')).toEqual([]);
});

test('a server refusal shows as one line in the form, and no run is created', async ({
  app: page,
  server,
}) => {
  await dropFile(page, ONE_CLASS_CSV, 'text/csv');
  await expect(page.getByRole('heading', { level: 1, name: 'one-class' })).toBeVisible();
  await expect(page.getByLabel('Target column')).toHaveValue('label');
  await page.getByRole('button', { name: 'Train' }).click();

  const refusal = page.getByRole('main').getByRole('alert');
  await expect(refusal).toContainText('target "label" has only one class; nothing to learn');
  expect(await refusal.innerText()).not.toContain('\n');
  await screenshot(page, 'bad-input-server-error');
  await expect(page).toHaveURL(/#\/datasets\/\d+$/);
  expect(await callApi<unknown[]>(page, server.url, 'runs.list')).toEqual([]);
});

/** The message sits next to its field and is announced as the field's description. */
async function expectFieldError(page: Page, label: string, message: string): Promise<void> {
  const field = page.getByLabel(label);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(message);
  await expect(page.getByText(message, { exact: true })).toBeVisible();
}
