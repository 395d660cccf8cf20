import { expect, test } from './fixtures.js';
import { callApi, pointsInPath, screenshot } from './helpers.js';

interface Run {
  id: number;
  status: string;
}

test('register three versions as a tree, move the champion, diff two nodes, chart a metric across versions', async ({
  app: page,
  server,
}) => {
  const { id: datasetId } = await callApi<{ id: number }>(
    page,
    server.url,
    'datasets.importSample',
    { name: 'iris' },
  );
  const runIds: number[] = [];
  for (const lr of [0.05, 0.1, 0.3]) {
    const { runId } = await callApi<{ runId: number }>(page, server.url, 'jobs.train', {
      datasetId,
      target: 'species',
      params: { epochs: 3, lr },
    });
    runIds.push(runId);
  }
  for (const id of runIds) {
    await expect
      .poll(async () => (await callApi<Run>(page, server.url, 'runs.get', { id })).status, {
        timeout: 30_000,
      })
      .toBe('finished');
  }

  // Register from each run's page: v1 a root, v2 and v3 children of v1.
  for (const [i, runId] of runIds.entries()) {
    await page.goto(new URL(`#/runs/${runId}`, server.url).toString());
    const form = page.getByRole('region', { name: 'Register as a model version' });
    await form.getByLabel('Model name').fill('iris-clf');
    if (i > 0) await form.getByLabel('Parent version').selectOption({ label: 'v1' });
    await form.getByLabel('Note').fill(`lr ${[0.05, 0.1, 0.3][i]}`);
    await form.getByRole('button', { name: 'Register' }).click();
    await expect(page).toHaveURL(/#\/models\/iris-clf\?a=\d+$/);
  }

  const nodes = page.getByTestId('tree-node');
  await expect(nodes).toHaveCount(3);
  await expect(page.getByRole('list', { name: 'Models' })).toContainText('3 versions');

  // v1 becomes champion, then the champion moves to v2.
  await page.getByRole('button', { name: 'v1', exact: true }).click();
  const panel = page.getByTestId('version-panel');
  // Nothing to roll back to yet: the button says why instead of failing when pressed.
  const rollBack = panel.getByRole('button', { name: 'Roll back champion' });
  await expect(rollBack).toBeDisabled();
  await expect(rollBack).toHaveAttribute('title', /has no champion to roll back/);
  await panel.getByRole('button', { name: 'Make champion' }).click();
  await expect(page.getByRole('button', { name: 'v1', exact: true })).toContainText('@champion');
  await expect(rollBack).toHaveAttribute('title', /has had no other champion to roll back to/);

  // Shift-clicking a second node compares the two.
  await page.getByRole('button', { name: 'v3', exact: true }).click({ modifiers: ['Shift'] });
  const diff = page.getByTestId('version-diff');
  await expect(diff.getByRole('table', { name: 'Param differences' })).toContainText('lr');
  await expect(diff.getByRole('table', { name: 'Param differences' })).not.toContainText('epochs');
  await screenshot(page, 'registry-diff');

  await page.getByRole('button', { name: 'v2', exact: true }).click();
  await panel.getByRole('button', { name: 'Make champion' }).click();
  await expect(page.getByRole('button', { name: 'v2', exact: true })).toContainText('@champion');
  await expect(page.getByRole('button', { name: 'v1', exact: true })).not.toContainText(
    '@champion',
  );
  await expect(panel).toContainText('alias set champion');
  await expect(rollBack).toBeEnabled();

  const chart = page.getByTestId('metric-across-versions');
  await expect(chart).toContainText('accuracy');
  await expect
    .poll(async () => pointsInPath(await chart.locator('.recharts-line-curve').getAttribute('d')))
    .toBe(3);
  // An honest axis (a score from 0 to 1) and each version's value written at its point.
  const ticks = chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value');
  await expect(ticks.first()).toHaveText('0');
  await expect(ticks.last()).toHaveText('1');
  await expect(chart.locator('.recharts-label-list text')).toHaveCount(3);
  await expect(chart.locator('.recharts-label-list text').first()).toHaveText(/^0\.\d+$/);

  await panel.getByLabel('Model card').fill('# Intended use\nTeaching. <script>alert(1)</script>');
  await panel.getByRole('button', { name: 'Save card' }).click();
  await expect(panel).toContainText('card edited');
  // A drift check for the model is attached to the champion's lineage.
  await callApi(page, server.url, 'drift.check', { model: 'iris-clf', currentId: datasetId });
  await page.reload();
  await expect(page.getByTestId('version-panel')).toContainText('#1 no drift');
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'registry-tree');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'registry-tree-dark');
  await page.emulateMedia({ colorScheme: 'light' });
});

test('version cards wrap long model names, metric keys and dataset names instead of overflowing', async ({
  app: page,
  server,
}) => {
  const { id: experimentId } = await callApi<{ id: number }>(
    page,
    server.url,
    'experiments.create',
    { name: 'scripts' },
  );
  const name = 'customer-churn-gradient-boosted-ensemble-with-calibrated-probabilities-v2';
  const keys = [
    'test_precision_at_recall_0.9_for_the_minority_class_weighted',
    'validation/area_under_the_precision_recall_curve_macro_averaged',
  ];
  const ids: number[] = [];
  for (let i = 0; i < 2; i++) {
    const run = await callApi<{ id: number; uid: string }>(page, server.url, 'runs.start', {
      experimentId,
      name: `script-${i}`,
    });
    await callApi(page, server.url, 'runs.log', {
      uid: run.uid,
      metrics: keys.map((key) => ({ key, value: 0.812345 + i / 100, time: Date.now(), step: 0 })),
    });
    await callApi(page, server.url, 'runs.update', { uid: run.uid, status: 'finished' });
    ids.push(run.id);
  }
  const v1 = await callApi<{ id: number }>(page, server.url, 'registry.register', {
    runId: ids[0],
    name,
  });
  await callApi(page, server.url, 'registry.register', { runId: ids[1], name, parentId: v1.id });
  await page.goto(new URL(`#/models/${name}`, server.url).toString());
  await expect(page.getByTestId('tree-node')).toHaveCount(2);
  await page.getByLabel('Metric').selectOption(keys[1]!);
  await page.getByRole('button', { name: 'v1', exact: true }).click();
  await expect(page.getByTestId('version-panel')).toContainText(keys[0]!);

  // No card's text runs past its edge, in width or height.
  const overflowing = async () =>
    page
      .locator('.tree-card, .card-facts, .card-grid > div, .model-view .view-header h1')
      .evaluateAll((els) =>
        els
          .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
          .map(
            (e) =>
              `${e.className}: ${e.scrollWidth}×${e.scrollHeight} in ${e.clientWidth}×${e.clientHeight}`,
          ),
      );
  expect(await page.locator('.tree-card').count()).toBe(2);
  expect(await overflowing()).toEqual([]);
  await expect(page.getByRole('button', { name: 'v2', exact: true })).toContainText(keys[1]!);
  await screenshot(page, 'registry-long-names-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await overflowing()).toEqual([]);
  await screenshot(page, 'registry-long-names-dark');
  await page.emulateMedia({ colorScheme: 'light' });
});
