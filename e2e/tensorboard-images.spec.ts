import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ExplorerRun } from '../shared/api/runRecords.js';
import { expect, test } from './fixtures.js';
import { callApi } from './helpers.js';

/** Two runs of TF1 `add_image` and TF2 `tf.summary.image` summaries (see the fixtures' README). */
const LOGDIR = path.resolve(
  import.meta.dirname,
  '..',
  'electron/core/importers/tensorboard/fixtures/images',
);
const SHOTS = path.resolve(import.meta.dirname, '..', 'test-results', 'screenshots');

test('TensorBoard images import and compare by step across runs with one slider', async ({
  app: page,
  server,
}) => {
  test.setTimeout(120_000);
  const dir = await mkdtemp(path.join(tmpdir(), 'benchtop-e2e-tb-images-'));
  const logdir = path.join(dir, 'vision');
  await cp(LOGDIR, logdir, { recursive: true });
  try {
    await page.getByRole('link', { name: 'Explore and compare runs →' }).click();
    await page.getByRole('button', { name: 'Import runs…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import runs' });
    await dialog.getByLabel(/^Folder or file on this machine/).fill(logdir);
    await dialog.getByLabel(/^Folder or file on this machine/).press('Enter');
    const preview = dialog.getByRole('region', { name: 'What will be imported' });
    await expect(preview.getByRole('definition')).toHaveText([
      '1', // an experiment named after the folder
      '2 new · 0 already here',
      '0',
      '8',
      '16',
    ]);
    await expect(dialog.getByRole('list', { name: 'Warnings' })).toHaveText(
      [
        'seed0: an image of "broken" is not PNG, JPEG, GIF or WebP: left out',
        'seed1: an image of "broken" is not PNG, JPEG, GIF or WebP: left out',
      ].join(''),
    );
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByRole('region', { name: 'Imported' })).toContainText(
      'Imported 2 runs from a TensorBoard logdir, with 0 params, 8 metric points and 16 images.',
    );
    await page.screenshot({ path: path.join(SHOTS, 'tensorboard-images-1-imported.png') });
    await page.keyboard.press('Escape');

    const runs = await callApi<ExplorerRun[]>(page, server.url, 'runs.table');
    const ids = ['seed0', 'seed1'].map((name) => runs.find((r) => r.name === name)!.id);
    await page.evaluate((hash) => (window.location.hash = hash), `#/compare/${ids.join(',')}`);
    const panel = page.locator('section.image-compare');
    await expect(panel.getByRole('heading', { name: 'Images by step' })).toBeVisible();
    const keys = panel.getByLabel('Image key');
    await expect(keys.locator('option')).toHaveText(['inputs', 'inputs/1', 'val/prediction']);
    await keys.selectOption('val/prediction');
    const slider = panel.getByRole('slider', { name: 'Image step' });
    const captions = panel.locator('figcaption');
    // The last step first; each cell names the image it draws.
    await expect(panel.getByLabel('Shown step')).toHaveText('15');
    await expect(captions).toHaveText(['seed0step 15', 'seed1step 15']);
    await expect(panel.getByRole('img', { name: 'val/prediction at step 15' })).toHaveCount(2);
    await slider.fill('1');
    await expect(panel.getByLabel('Shown step')).toHaveText('5');
    await expect(panel.getByRole('img', { name: 'val/prediction at step 5' })).toHaveCount(2);
    // The square moved right with the steps: the pixel at x=8 is the seed's colour at step 5.
    const pixel = await panel
      .locator('canvas')
      .first()
      .evaluate((c: HTMLCanvasElement) => [...c.getContext('2d')!.getImageData(8, 16, 1, 1).data]);
    expect(pixel).toEqual([220, 60, 40, 255]);
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: path.join(SHOTS, 'tensorboard-images-2-compare.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await panel.screenshot({ path: path.join(SHOTS, 'tensorboard-images-2-compare-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });

    // A second sample of a TF2 summary is its own key: a GIF, logged at steps 0 and 10.
    await keys.selectOption('inputs/1');
    await expect(panel.getByLabel('Shown step')).toHaveText('10');
    await expect(panel.getByRole('img', { name: 'inputs/1 at step 10' })).toHaveCount(2);
    await keys.selectOption('inputs');
    await slider.fill('0');
    await expect(panel.getByRole('img', { name: 'inputs at step 0' })).toHaveCount(2);
    await panel.screenshot({ path: path.join(SHOTS, 'tensorboard-images-3-inputs.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await panel.screenshot({ path: path.join(SHOTS, 'tensorboard-images-3-inputs-dark.png') });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
