import path from 'node:path';
import { expect, test } from './fixtures.js';
import { dropFile, FIXTURES, screenshot } from './helpers.js';

const V1 = path.join(FIXTURES, 'sales-v1', 'sales.csv');
const V2 = path.join(FIXTURES, 'sales-v2', 'sales.csv');

test('drop a CSV, fix a type in the preview, import, see the profile; a changed file becomes v2 with a diff', async ({
  app: page,
}) => {
  await dropFile(page, V1, 'text/csv', { preview: 'keep' });
  const dialog = page.getByRole('dialog', { name: 'Import sales.csv' });
  await expect(dialog.getByRole('table', { name: 'Preview' })).toContainText('north');
  const zip = dialog.getByLabel('Type of zip');
  await expect(zip).toHaveValue('numeric');
  await zip.selectOption('categorical');
  await screenshot(page, 'datasets-preview');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'sales' })).toBeVisible();
  await expect(dialog).toHaveCount(0);
  const profile = page.getByRole('table', { name: 'Columns' });
  await expect(profile.getByRole('row', { name: /zip/ })).toContainText('categorical');
  await expect(profile.getByRole('row', { name: /zip/ })).toContainText('top 02139');
  await expect(profile.getByRole('img', { name: 'Histogram of amount' })).toBeVisible();
  await profile.getByRole('button', { name: 'Show amount' }).click();
  await expect(page.getByRole('definition').filter({ hasText: '8.450' })).toBeVisible();
  await screenshot(page, 'datasets-profile');

  await dropFile(page, V2, 'text/csv', { preview: 'keep' });
  await expect(dialog.getByLabel('Type of channel')).toHaveValue('categorical');
  await dialog.getByLabel('Type of zip').selectOption('categorical');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'sales' })).toBeVisible();
  const versions = page.getByRole('list', { name: 'Versions' });
  await expect(versions.getByRole('listitem')).toHaveCount(2);
  await expect(versions.getByRole('link', { name: 'v2' })).toHaveAttribute('aria-current', 'page');
  const diff = page.getByLabel('Diff');
  await expect(diff).toContainText('v1 → v2: 6 → 8 rows (+2)');
  await expect(diff).toContainText('channel added (categorical)');
  await expect(page.getByRole('table', { name: 'Statistic changes' })).toContainText('amount');
  await screenshot(page, 'datasets-diff');
});

test('the drift view still takes a dropped file as its current side, without the preview', async ({
  app: page,
}) => {
  await page.goto(`${page.url().split('#')[0]}#/drift`);
  await dropFile(page, V1, 'text/csv');
  await expect(page.getByRole('dialog', { name: 'Import sales.csv' })).toHaveCount(0);
  await expect(page).toHaveURL(/#\/drift.*cur=\d+/);
});
