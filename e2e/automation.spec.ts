import { mkdtemp, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures.js';
import { callApi, SAMPLES_DIR, screenshot } from './helpers.js';

interface Run {
  id: number;
  status: string;
}

/** iris with three numeric columns shifted: enough for dataset drift at the default drift share. */
async function writeShiftedIris(
  file: string,
  shifts: Record<string, number> = {
    sepal_length_cm: 1.5,
    petal_length_cm: 2.5,
    petal_width_cm: 1,
  },
): Promise<void> {
  const [head, ...lines] = (await readFile(path.join(SAMPLES_DIR, 'iris.csv'), 'utf8'))
    .trim()
    .split('\n');
  const header = head!.split(',');
  const rows = lines.map((l) =>
    l
      .split(',')
      .map((cell, j) =>
        header[j]! in shifts
          ? String(Math.round((Number(cell) + shifts[header[j]!]!) * 100) / 100)
          : cell,
      )
      .join(','),
  );
  // Written elsewhere and moved in, dated a minute back: the watcher takes it on its next poll.
  const part = `${file}.part`;
  await writeFile(part, [head, ...rows].join('\n') + '\n');
  const past = new Date(Date.now() - 60_000);
  await utimes(part, past, past);
  await rename(part, file);
}

test('a watch policy: a shifted file dropped in the folder drifts, retrains, adds a child version and promotes or holds it with the reason', async ({
  app: page,
  server,
}) => {
  test.setTimeout(240_000);
  const inbox = await mkdtemp(path.join(tmpdir(), 'benchtop-inbox-'));
  try {
    // A champion: iris trained and registered.
    const { id: datasetId } = await callApi<{ id: number }>(
      page,
      server.url,
      'datasets.importSample',
      { name: 'iris' },
    );
    const { runId } = await callApi<{ runId: number }>(page, server.url, 'jobs.train', {
      datasetId,
      target: 'species',
      params: { epochs: 20 },
    });
    await expect
      .poll(async () => (await callApi<Run>(page, server.url, 'runs.get', { id: runId })).status, {
        timeout: 60_000,
      })
      .toBe('finished');
    await callApi(page, server.url, 'registry.register', { runId, name: 'iris' });
    await page.reload(); // made through the API: the page's lists load them afresh

    // A policy made in the Automation view.
    await page.getByRole('link', { name: 'Automation: continuous training' }).click();
    await expect(page).toHaveURL(/#\/automation$/);
    await page.getByRole('button', { name: 'New policy' }).click();
    const form = page.getByRole('form', { name: 'New policy' });
    await expect(form.getByLabel('Model')).toHaveValue('iris');
    await form.getByLabel('Watch folder (new files become dataset versions)').fill(inbox);
    await form.getByLabel('Dataset name').fill('iris-incoming');
    await form.getByLabel('Trigger').selectOption('drift');
    await form
      .getByLabel('Promote automatically when better by the margin (else wait for approval)')
      .check();
    await form.getByRole('button', { name: 'Create policy' }).click();
    const policy = page.getByTestId(/^policy-\d+$/);
    await expect(policy).toContainText('enabled');
    await expect(policy).toContainText(`watches ${inbox} → dataset iris-incoming`);

    // A shifted file lands in the folder: drift → retrain → evaluate → register → promote (or hold).
    await writeShiftedIris(path.join(inbox, 'week-2.csv'));
    const card = page.getByTestId(/^pipeline-\d+$/);
    await expect(card).toBeVisible({ timeout: 30_000 });
    await expect(card.locator('.pipeline-status-finished, .pipeline-status-waiting')).toBeVisible({
      timeout: 180_000,
    });
    await expect(card.locator('.pipeline-step').nth(1)).toContainText(
      'drift: 3 of 5 columns drifted',
    );
    const reason = card.getByTestId('pipeline-reason');
    await expect(reason).toHaveText(
      /^(promoted|kept as challenger): challenger f1_macro .* vs champion .* on the holdout/,
    );
    await expect(page.getByTestId('pipeline-notice')).toContainText(
      /Pipeline #\d+ for iris finished/,
    );
    await expect(card.getByRole('link', { name: /^Drift report #\d+$/ })).toBeVisible();
    await expect(card.getByRole('link', { name: /^Retraining run \d+$/ })).toBeVisible();
    await screenshot(page, 'automation-pipeline');

    // The challenger is a child of the champion in the version tree.
    const promoted = (await reason.textContent())!.startsWith('promoted');
    await card.getByRole('link', { name: 'Challenger version (in the tree)' }).click();
    await expect(page).toHaveURL(/#\/models\/iris\?a=\d+&b=\d+$/);
    await expect(page.getByTestId('tree-node')).toHaveCount(2);
    await expect(page.getByRole('button', { name: 'v2', exact: true })).toContainText(
      promoted ? '@champion' : '@challenger',
    );
    await screenshot(page, 'automation-tree');

    // Edited to retrain always and to wait for approval: a far-shifted file waits, and Approve promotes it.
    await page.getByRole('link', { name: 'Automation: continuous training' }).click();
    await policy.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('form', { name: /^Edit policy \d+$/ });
    await edit.getByLabel('Trigger').selectOption('always');
    await edit
      .getByLabel('Promote automatically when better by the margin (else wait for approval)')
      .uncheck();
    await edit.getByRole('button', { name: 'Save policy' }).click();
    await expect(policy).toContainText('always trigger');
    await expect(policy).toContainText('approval needed');
    await writeShiftedIris(path.join(inbox, 'week-3.csv'), {
      sepal_length_cm: 3,
      petal_length_cm: 4,
      petal_width_cm: 2,
    });
    const second = page.getByTestId(/^pipeline-\d+$/).first();
    await expect(second.locator('.pipeline-status-waiting')).toBeVisible({ timeout: 180_000 });
    await expect(second.getByTestId('pipeline-reason')).toHaveText(
      /^waiting for approval: challenger f1_macro .* \(better by .*, margin 0\)$/,
    );
    await expect(
      page.getByTestId('pipeline-notice').filter({ hasText: 'waits for your approval' }),
    ).toBeVisible();
    await screenshot(page, 'automation-waiting');
    await second.getByRole('button', { name: 'Approve: promote to champion' }).click();
    await expect(second.getByTestId('pipeline-reason')).toHaveText(/^promoted on approval/);
    await expect(second.locator('.pipeline-status-finished')).toBeVisible();

    // The folder disappears: the policy pauses and says why.
    await rm(inbox, { recursive: true, force: true });
    await page.getByRole('link', { name: 'Automation: continuous training' }).click();
    await expect(page.getByTestId('policy-paused')).toHaveText(
      `Paused: the watched folder ${inbox} does not exist`,
      { timeout: 20_000 },
    );
    await expect(policy).toContainText('paused');
    await screenshot(page, 'automation-paused');
  } finally {
    await rm(inbox, { recursive: true, force: true });
  }
});

test('a policy: the data strategy is a choice, Check now says it is working at once, the status follows the pipeline, a dismissed notice stays dismissed', async ({
  app: page,
  server,
}) => {
  test.setTimeout(240_000);
  const inbox = await mkdtemp(path.join(tmpdir(), 'benchtop-inbox-'));
  try {
    const { id: datasetId } = await callApi<{ id: number }>(
      page,
      server.url,
      'datasets.importSample',
      { name: 'iris' },
    );
    const { runId } = await callApi<{ runId: number }>(page, server.url, 'jobs.train', {
      datasetId,
      target: 'species',
      params: { epochs: 5 },
    });
    await expect
      .poll(async () => (await callApi<Run>(page, server.url, 'runs.get', { id: runId })).status, {
        timeout: 60_000,
      })
      .toBe('finished');
    await callApi(page, server.url, 'registry.register', { runId, name: 'iris' });
    await page.reload();
    await page.getByRole('link', { name: 'Automation: continuous training' }).click();

    // The strategy is picked from what the core accepts; window's K is checked before sending.
    await page.getByRole('button', { name: 'New policy' }).click();
    const form = page.getByRole('form', { name: 'New policy' });
    await form.getByLabel('Watch folder (new files become dataset versions)').fill(inbox);
    await form.getByLabel('Dataset name').fill('iris-incoming');
    await form.getByLabel('Trigger').selectOption('always');
    const strategy = form.getByLabel('Data strategy');
    await expect(strategy).toHaveJSProperty('tagName', 'SELECT');
    await strategy.selectOption('window');
    const k = form.getByLabel('Versions in the window (K)');
    await k.fill('0');
    await form.getByRole('button', { name: 'Create policy' }).click();
    await expect(form).toContainText('A whole number of versions, from 1 to 999');
    await k.fill('2');
    await screenshot(page, 'automation-policy-form-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'automation-policy-form-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await form.getByRole('button', { name: 'Create policy' }).click();
    const policy = page.getByTestId(/^policy-\d+$/);
    await expect(policy).toContainText('always trigger · window:2');

    // Check now: disabled and "Checking…" at once, while the reply is held back.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/automation.checkNow', async (route) => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    });
    await policy.getByRole('button', { name: 'Check now' }).click();
    const checking = policy.getByRole('button', { name: 'Checking…' });
    await expect(checking).toBeDisabled({ timeout: 1000 });
    await expect(policy.getByTestId('policy-status')).toHaveText('Checking for new data…');
    release();
    await expect(policy.getByRole('button', { name: 'Check now' })).toBeEnabled();
    await expect(policy.getByTestId('policy-status')).toHaveText('no new data');
    await page.unroute('**/api/automation.checkNow');

    // A file arrives; the app's own watcher starts a pipeline: the status follows it, never "no new data".
    await writeShiftedIris(path.join(inbox, 'week-2.csv'));
    await expect(policy.getByTestId('policy-status')).toHaveText(/^Pipeline #\d+ is [a-z ]+…$/, {
      timeout: 30_000,
    });
    await screenshot(page, 'automation-policy-running-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'automation-policy-running-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    const card = page.getByTestId(/^pipeline-\d+$/);
    await expect(card.locator('.pipeline-status-finished, .pipeline-status-waiting')).toBeVisible({
      timeout: 180_000,
    });
    // The earlier "no new data" was proved stale by the pipeline: it is gone, not shown again.
    await expect(policy.getByTestId('policy-status')).toHaveCount(0);

    // The pipeline's notice survives a reload until dismissed, and a dismissed one does not come back.
    const notice = page.getByTestId('pipeline-notice');
    await expect(notice).toHaveCount(1);
    await page.reload();
    await expect(notice).toHaveCount(1);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId(/^policy-\d+$/)).toBeVisible();
    await expect(notice).toHaveCount(0);
  } finally {
    await rm(inbox, { recursive: true, force: true });
  }
});
