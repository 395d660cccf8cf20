import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { FollowedSource } from '../shared/api/otherTrackers.js';
import { actAsDesktop } from './desktopBridge.js';
import { eventFile } from './eventFiles.js';
import { expect, test } from './fixtures.js';
import { callApi, screenshot } from './helpers.js';

const IMPORTERS = path.resolve(import.meta.dirname, '..', 'electron', 'core', 'importers');
/** A Keras TensorBoard logdir: the runs `train` and `validation`. */
const KERAS = path.join(IMPORTERS, 'tensorboard', 'fixtures', 'keras');

const runCount = (page: Page): Locator => page.getByTestId('run-count');
const grid = (page: Page): Locator => page.getByRole('grid', { name: 'Runs table' });

/** "2 runs · 1,234 points since 10:02:03" → 1234. */
const pointsIn = async (totals: Locator): Promise<number> =>
  Number(
    (/· ([\d,]+) points?/.exec((await totals.textContent()) ?? '')?.[1] ?? 'NaN').replace(/,/g, ''),
  );

test('follow a TensorBoard logdir: new runs and points come in without a reload, until Stop', async ({
  app: page,
  server,
}) => {
  test.setTimeout(90_000);
  // A copy: the test writes into it, as a training script would.
  const dir = await mkdtemp(path.join(tmpdir(), 'benchtop-e2e-follow-'));
  const keras = path.join(dir, 'keras');
  await cp(KERAS, keras, { recursive: true });
  try {
    await page.getByRole('link', { name: 'Explore and compare runs →' }).click();
    await expect(runCount(page)).toHaveText('0 of 0 runs');
    // Nothing followed: no strip.
    const strip = page.getByRole('region', { name: 'Following' });
    await expect(strip).toHaveCount(0);

    const opener = page.getByRole('button', { name: 'Import runs…' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Import runs' });
    await dialog.getByLabel(/^Folder or file on this machine/).fill(keras);
    await dialog.getByLabel(/^Experiment for TensorBoard runs/).fill('live');
    await dialog.getByLabel(/^Folder or file on this machine/).press('Enter');
    await expect(dialog.getByRole('definition').nth(1)).toHaveText('2 new · 0 already here');
    const follow = dialog.getByRole('button', { name: 'Follow', exact: true });
    await expect(follow).toHaveAccessibleDescription(
      /brings in what is written there every second/,
    );
    await follow.click();
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();

    // The strip: the folder, what came in, when it last looked, and Stop.
    await expect(strip).toBeVisible();
    const item = strip.getByRole('listitem');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('keras');
    await expect(item).toContainText('TensorBoard logdir → live');
    const totals = item.getByTestId('follow-totals');
    await expect(totals).toHaveText(/^2 runs · [\d,]+ points since /);
    await expect(item).toContainText(/checked \d/);
    await expect(runCount(page)).toHaveText('2 of 2 runs');
    const firstPoints = await pointsIn(totals);
    expect(firstPoints).toBeGreaterThan(0);
    await screenshot(page, 'follow-runs-1-strip');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'follow-runs-1-strip-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // A new run written into the logdir shows up by itself.
    await cp(path.join(keras, 'validation'), path.join(keras, 'validation-2'), { recursive: true });
    await expect(grid(page).getByRole('link', { name: 'validation-2', exact: true })).toBeVisible({
      timeout: 10_000,
    });
    await expect(runCount(page)).toHaveText('3 of 3 runs');
    await expect(totals).toHaveText(/^3 runs · /);
    const withNewRun = await pointsIn(totals);
    expect(withNewRun).toBeGreaterThan(firstPoints);

    // New points of a run already here (a later event file): only they come in.
    await writeFile(
      path.join(keras, 'train', 'events.out.tfevents.1700000000.benchtop-e2e.1.v2'),
      eventFile('epoch_loss', 10_000, 25),
    );
    await expect.poll(() => pointsIn(totals), { timeout: 10_000 }).toBe(withNewRun + 25);
    await expect(runCount(page)).toHaveText('3 of 3 runs');
    const [followed] = await callApi<FollowedSource[]>(page, server.url, 'runs.following');
    expect(followed).toMatchObject({ path: keras, experiment: 'live', runs_added: 3, error: null });

    // Stop, from the keyboard: the strip goes, and what is written next stays out.
    const stop = item.getByRole('button', { name: `Stop following ${keras}` });
    await stop.focus();
    await page.keyboard.press('Enter');
    await expect(strip).toHaveCount(0);
    expect(await callApi<FollowedSource[]>(page, server.url, 'runs.following')).toEqual([]);
    await cp(path.join(keras, 'validation'), path.join(keras, 'validation-3'), { recursive: true });
    await page.waitForTimeout(2_500); // more than two rounds of a follow that would still run
    await expect(runCount(page)).toHaveText('3 of 3 runs');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a follow whose folder goes away says so, and keeps trying until stopped', async ({
  app: page,
}) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'benchtop-e2e-follow-'));
  const keras = path.join(dir, 'keras');
  await cp(KERAS, keras, { recursive: true });
  try {
    await page.getByRole('link', { name: 'Explore and compare runs →' }).click();
    await page.getByRole('button', { name: 'Import runs…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import runs' });
    await dialog.getByLabel(/^Folder or file on this machine/).fill(keras);
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await dialog.getByRole('button', { name: 'Follow', exact: true }).click();
    const strip = page.getByRole('region', { name: 'Following' });
    await expect(strip.getByRole('listitem')).toHaveCount(1);
    await rm(keras, { recursive: true, force: true });
    const error = strip.getByRole('alert');
    await expect(error).toContainText(/^Last check failed: .*keras/, { timeout: 10_000 });
    await screenshot(page, 'follow-runs-2-error');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'follow-runs-2-error-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    // The folder back: the error clears on the next round.
    await cp(KERAS, keras, { recursive: true });
    await expect(error).toHaveCount(0, { timeout: 10_000 });
    await strip.getByRole('button', { name: /^Stop following / }).click();
    await expect(strip).toHaveCount(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('in the desktop app, a logdir or event file dropped on the window opens Import runs, previewed', async ({
  app: page,
  server,
}) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'benchtop-e2e-follow-'));
  const keras = path.join(dir, 'keras');
  await cp(KERAS, keras, { recursive: true });
  const eventName = 'events.out.tfevents.1612276953.ip-172-31-43-116.9300.699.v2';
  const eventPath = path.join(keras, 'validation', eventName);
  try {
    await actAsDesktop(page, server.url, { [eventName]: eventPath });
    const transfer = await page.evaluateHandle((name) => {
      const t = new DataTransfer();
      t.items.add(new File([new Uint8Array(8)], name));
      return t;
    }, eventName);
    await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
    await page.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
    // Not the dataset import: the runs explorer, with the file's path already previewed.
    await expect(page).toHaveURL(/#\/runs$/);
    const dialog = page.getByRole('dialog', { name: 'Import runs' });
    await expect(dialog.getByLabel(/^Folder or file on this machine/)).toHaveValue(eventPath);
    await expect(dialog.getByRole('region', { name: 'What will be imported' })).toContainText(
      'This is a TensorBoard logdir',
    );
    await expect(page.locator('.import-dialog')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByRole('region', { name: 'Imported' })).toContainText('Imported 1 run');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(runCount(page)).toHaveText('1 of 1 runs');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
