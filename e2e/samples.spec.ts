import path from 'node:path';
import { expect, test } from './fixtures.js';
import { FIXTURES, IRIS_CSV, screenshot } from './helpers.js';

const SALES_CSV = path.join(FIXTURES, 'sales-v1', 'sales.csv');

test('the empty state offers the samples, and iris imports into the dataset view', async ({
  app: page,
}) => {
  const samples = page.getByRole('region', { name: 'Try with a sample' });
  await expect(samples).toBeVisible();
  await expect(samples.getByRole('heading', { name: 'iris' })).toBeVisible();
  await expect(samples).toContainText('150 rows');
  await expect(samples).toContainText('multiclass');

  await samples.getByRole('button', { name: 'Import iris' }).click();
  await expect(page).toHaveURL(/#\/datasets\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: 'iris' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Columns' })).toContainText('petal_length_cm');
  await expect(page.getByLabel('Target column')).toHaveValue('species');
  await expect(page.getByRole('list', { name: 'Datasets' }).getByRole('link')).toHaveCount(1);
});

test('the Import data… button opens a file picker whose file gets the same preview and type fixes as a drop', async ({
  app: page,
}) => {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import data…' }).click();
  await (await chooser).setFiles(SALES_CSV);
  const dialog = page.getByRole('dialog', { name: 'Import sales.csv' });
  await expect(dialog.getByRole('table', { name: 'Preview' })).toContainText('north');
  const zip = dialog.getByLabel('Type of zip');
  await expect(zip).toHaveValue('numeric');
  await zip.selectOption('categorical');
  await screenshot(page, 'import-picker-preview-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'import-picker-preview-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'sales' })).toBeVisible();
  const profile = page.getByRole('table', { name: 'Columns' });
  await expect(profile.getByRole('row', { name: /zip/ })).toContainText('categorical');

  // The hidden input itself (what setInputFiles drives): the same dialog, not a silent import.
  await page.getByLabel('Import data file').setInputFiles(IRIS_CSV);
  await expect(page.getByRole('dialog', { name: 'Import iris.csv' })).toBeVisible();
  await page
    .getByRole('dialog', { name: 'Import iris.csv' })
    .getByRole('button', { name: 'Import', exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'iris' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Datasets' }).getByRole('link')).toHaveCount(2);
});
