import { expect, test } from './fixtures.js';
import { IRIS_CSV } from './helpers.js';

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

test('the Import data… button opens a file picker that imports the chosen CSV', async ({
  app: page,
}) => {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import data…' }).click();
  await (await chooser).setFiles(IRIS_CSV);
  await expect(page.getByRole('heading', { level: 1, name: 'iris' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Datasets' }).getByRole('link')).toHaveCount(1);
});
