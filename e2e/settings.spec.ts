import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, startServer, stopServer, test } from './fixtures.js';
import { callApi, demoRuns, screenshot } from './helpers.js';

test('settings: back up with a download, move an experiment to a second install, re-import adds nothing', async ({
  app: page,
  server,
}) => {
  test.setTimeout(120_000);
  demoRuns(server.dataDir, 4, 50);
  await page.reload();
  await page.getByRole('link', { name: 'Settings: backup and transfer' }).click();
  await expect(
    page.getByRole('heading', { name: 'Back up, restore and move your work' }),
  ).toBeVisible();
  await expect(page.getByTestId('restore-command')).toContainText(
    `benchtop restore BACKUP.tar.gz --data-dir ${server.dataDir}-restored`,
  );

  // Hold the reply back so the progress the server streamed (SSE) stays on screen to be looked at.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/backup.prepare', async (route) => {
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
  });
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('status', { name: 'Backup progress' })).toHaveText(
    /^(\d+) of \1 files · [\d.]+ (bytes|KB|MB) of [\d.]+ (bytes|KB|MB)$/,
  );
  await screenshot(page, 'settings-0-backup-progress');
  release();
  const backup = await downloading;
  expect(backup.suggestedFilename()).toMatch(/^benchtop-backup-\d{4}-\d\d-\d\d-\d{4}\.tar\.gz$/);
  const tar = gunzipSync(await readFile(await backup.path()));
  expect(tar.includes('benchtop-backup.json')).toBe(true);
  expect(tar.includes('benchtop.db')).toBe(true);
  // Once the server has sent the whole archive the line says so: it does not stay "Downloading…".
  await expect(page.getByRole('status').filter({ hasText: 'benchtop-backup-' })).toHaveText(
    /^Downloaded benchtop-backup-\S+\.tar\.gz \(\d+ files, [\d.]+ (bytes|KB|MB)\): it is in your browser’s downloads\.$/,
  );
  await screenshot(page, 'settings-backup-done-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'settings-backup-done-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByRole('checkbox', { name: /^demo\s+2 runs$/ }).check();
  await screenshot(page, 'settings-1-backed-up');
  const [exported] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export 1 experiment' }).click(),
  ]);
  expect(exported.suggestedFilename()).toMatch(/^benchtop-experiments-demo-.*\.tar\.gz$/);
  const archive = path.join(
    await mkdtemp(path.join(tmpdir(), 'benchtop-e2e-archive-')),
    exported.suggestedFilename(),
  );
  await exported.saveAs(archive);
  await expect(
    page.getByRole('status').filter({ hasText: 'benchtop-experiments-demo-' }),
  ).toHaveText(/^Downloaded benchtop-experiments-demo-\S+ \([\d.]+ (bytes|KB|MB)\): it is/);

  // A second install: its own `benchtop serve` and data directory.
  const otherDir = await mkdtemp(path.join(tmpdir(), 'benchtop-e2e-other-'));
  const other = await startServer(otherDir);
  try {
    const second = await page.context().newPage();
    await second.goto(other.url);
    await second.getByRole('link', { name: 'Settings: backup and transfer' }).click();
    await expect(second.getByText('No experiments yet: train a run first.')).toBeVisible();
    await second.getByLabel('Import an experiments archive').setInputFiles(archive);
    await expect(second.getByTestId('import-result')).toHaveText(
      'Imported 2 runs (0 already here), 1 new experiment, 1 new dataset version (0 already here).',
    );
    await expect(second.getByRole('checkbox', { name: /^demo\s+2 runs$/ })).toBeVisible();
    await screenshot(second, 'settings-2-imported');
    const runs = await callApi<{ name: string; experiment: string }[]>(
      second,
      other.url,
      'runs.list',
    );
    const original = (
      await callApi<{ name: string; experiment: string }[]>(page, server.url, 'runs.list')
    ).filter((r) => r.experiment === 'demo');
    expect(runs.map((r) => r.name).sort()).toEqual(original.map((r) => r.name).sort());
    await expect(
      second.locator('.sidebar').getByText(original[0]!.name, { exact: true }),
    ).toBeVisible();

    await second.getByLabel('Import an experiments archive').setInputFiles(archive);
    await expect(second.getByTestId('import-result')).toHaveText(
      'Imported 0 runs (2 already here), 0 new experiments, 0 new dataset versions (0 already here).',
    );
    expect(await callApi<unknown[]>(second, other.url, 'runs.list')).toHaveLength(2);
    await second.close();
  } finally {
    await stopServer(other.child);
    await rm(otherDir, { recursive: true, force: true });
    await rm(path.dirname(archive), { recursive: true, force: true });
  }
});

test('settings: the two lines for scripts carry the served origin and a token the MLflow API accepts', async ({
  app: page,
  server,
}) => {
  await page.getByRole('link', { name: 'Settings: backup and transfer' }).click();
  await expect(page.getByRole('heading', { name: 'Log from your scripts' })).toBeVisible();
  const origin = new URL(server.url).origin;
  const lines = page.getByTestId('tracking-env');
  await expect(lines).toHaveText(
    new RegExp(`^export MLFLOW_TRACKING_URI=${origin}\\nexport MLFLOW_TRACKING_TOKEN=[\\w-]+$`),
  );
  // Rotating would also lock this page out, so browser mode offers neither it nor a port.
  await expect(page.getByRole('button', { name: /New token/ })).toHaveCount(0);
  await expect(page.getByLabel('Port', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Copy' }).last()).toBeVisible();
  await screenshot(page, 'settings-3-scripts');

  const token = /MLFLOW_TRACKING_TOKEN=(\S+)/.exec((await lines.textContent()) ?? '')?.[1] ?? '';
  const search = (bearer: string) =>
    fetch(`${origin}/api/2.0/mlflow/experiments/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ max_results: 10 }),
    });
  const reply = await search(token);
  expect(reply.status).toBe(200);
  expect(await reply.json()).toHaveProperty('experiments');
  expect((await search(`${token}x`)).status).toBe(401);
});
