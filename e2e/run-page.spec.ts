import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { callApi, pointsInPath, screenshot, mlflowClient } from './helpers.js';

type Post = ReturnType<typeof mlflowClient>;
const STEPS = 20;
const COMMIT = '3f2a9c1e5b7d4f60a8c2e1b3d5f7a9c0e2b4d6f8';
const CONFIG = JSON.stringify({
  model: { layers: [512, 256, 10], activation: 'gelu', dropout: 0.1 },
  optimizer: { name: 'adamw', lr: 3e-4, betas: [0.9, 0.999] },
  data: { augment: ['flip', 'crop'], batch_size: 64 },
});

async function startRun(
  post: Post,
  experimentId: string,
  name: string,
  tags: object[] = [],
  startTime = Date.now(),
) {
  const { run } = await post<{ run: { info: { run_id: string } } }>('runs/create', {
    experiment_id: experimentId,
    run_name: name,
    start_time: startTime,
    tags,
  });
  return run.info.run_id;
}

/** MLflow's run ids are uids without dashes; the app's methods take uids. */
const uidOf = (runId: string) => runId.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');

async function idsOf(page: Page, serverUrl: string, runIds: string[]): Promise<number[]> {
  const runs = await callApi<{ id: number }[]>(page, serverUrl, 'runs.tracked', {
    uids: runIds.map(uidOf),
  });
  return runs.map((r) => r.id);
}

const panelsOf = (page: Page): Locator => page.getByTestId('metric-panel');
const chartOf = (page: Page, metric: string): Locator =>
  page.locator(`[data-testid="metric-chart"][data-metric="${metric}"]`);

test("a script's run: header from its tags, panels by prefix, params and tags searched and unfolded, children compared", async ({
  app: page,
  server,
}) => {
  const post = mlflowClient(server.url);
  const { experiment_id } = await post<{ experiment_id: string }>('experiments/create', {
    name: 'vision',
  });
  // Started two minutes before its first step, ended 75 s after it: 2m 15s.
  const t0 = Date.now() - 60_000;
  const parent = await startRun(
    post,
    experiment_id,
    'fine-tune',
    [
      { key: 'mlflow.user', value: 'ada' },
      { key: 'mlflow.source.name', value: 'scripts/train.py' },
      { key: 'mlflow.source.type', value: 'LOCAL' },
      { key: 'mlflow.source.git.commit', value: COMMIT },
      { key: 'mlflow.project.entryPoint', value: 'main' },
      { key: 'team', value: 'perception' },
    ],
    t0 - 60_000,
  );
  const curve = (key: string, f: (step: number) => number) =>
    Array.from({ length: STEPS }, (_, step) => ({
      key,
      value: f(step),
      timestamp: t0 + step * 1000,
      step,
    }));
  await post('runs/log-batch', {
    run_id: parent,
    metrics: [
      ...curve('train/loss', (s) => 2 / (s + 1)),
      ...curve('train/accuracy', (s) => 1 - 0.5 / (s + 1)),
      ...curve('val/f1', (s) => 0.5 + s / 50),
      ...curve('val/loss', (s) => 2.2 / (s + 1) + 0.05),
      ...curve('system/cpu_utilization_percentage', (s) => 40 + (s % 5) * 7),
      ...curve('lr', (s) => 3e-4 * 0.9 ** s),
    ],
  });
  // 200 params, in MLflow's batches of at most 100; one of them a JSON config.
  const params = [
    { key: 'config', value: CONFIG },
    ...Array.from({ length: 199 }, (_, i) => ({
      key: `p${String(i).padStart(3, '0')}`,
      value: String(i),
    })),
  ];
  for (let i = 0; i < params.length; i += 100)
    await post('runs/log-batch', { run_id: parent, params: params.slice(i, i + 100) });
  const children: string[] = [];
  for (const [name, f1] of [
    ['fold-0', 0.81],
    ['fold-1', 0.84],
  ] as const) {
    const child = await startRun(post, experiment_id, name, [
      { key: 'mlflow.parentRunId', value: parent },
    ]);
    await post('runs/log-batch', {
      run_id: child,
      metrics: curve('val/f1', (s) => f1 - (STEPS - s) / 100),
    });
    await post('runs/update', { run_id: child, status: 'FINISHED', end_time: Date.now() });
    children.push(child);
  }
  await post('runs/update', { run_id: parent, status: 'FINISHED', end_time: t0 + 75_000 });
  const [parentId, ...childIds] = await idsOf(page, server.url, [parent, ...children]);

  await page.goto(`${server.url.split('#')[0]}#/runs/${parentId}`);
  const main = page.getByRole('main');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('fine-tune');
  const facts = main.locator('dl.facts');
  const fact = (name: string) =>
    facts
      .locator('div')
      .filter({ has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) })
      .locator('dd');
  await expect(fact('Experiment')).toHaveText('vision');
  await expect(fact('Source')).toHaveText('script');
  await expect(fact('User')).toHaveText('ada');
  await expect(fact('Source name')).toHaveText('scripts/train.py');
  await expect(fact('Source type')).toHaveText('LOCAL');
  await expect(fact('Entry point')).toHaveText('main');
  await expect(fact('Git commit')).toHaveText(COMMIT.slice(0, 10));
  await expect(fact('Duration')).toHaveText('2m 15s');
  // What a script's run does not have is not shown as empty.
  for (const absent of ['Model', 'Dataset', 'Target', 'Task', 'Parent run'])
    await expect(facts.locator('dt', { hasText: new RegExp(`^${absent}$`) })).toHaveCount(0);

  // Panels by prefix: keys without one first, then train, val, system; every key charted.
  await expect(panelsOf(page)).toHaveCount(4);
  expect(
    await panelsOf(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-prefix'))),
  ).toEqual(['', 'train', 'val', 'system']);
  // Each panel mounts its charts when scrolled near.
  const charted: (string | null)[] = [];
  for (const panel of await panelsOf(page).all()) {
    await panel.scrollIntoViewIfNeeded();
    await expect(panel.getByTestId('metric-chart').first()).toBeVisible();
    charted.push(
      ...(await panel
        .getByTestId('metric-chart')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-metric')))),
    );
  }
  expect(charted).toEqual([
    'lr',
    'train/accuracy',
    'train/loss',
    'val/f1',
    'val/loss',
    'system/cpu_utilization_percentage',
  ]);
  const lossLine = chartOf(page, 'train/loss').locator('path.series-line');
  await expect.poll(async () => pointsInPath(await lossLine.getAttribute('d'))).toBe(STEPS);

  // The compare view's options: smoothing draws the raw line faintly behind the smoothed one.
  await page.getByLabel('Smoothing').fill('0.6');
  await expect(chartOf(page, 'train/loss').locator('path.raw-line')).toHaveCount(1);
  await page.getByLabel('Smoothing').fill('0');
  await expect(chartOf(page, 'train/loss').locator('path.raw-line')).toHaveCount(0);
  // Relative time: the x axis reads in seconds.
  await page.getByLabel('X axis').selectOption('relative');
  await expect(chartOf(page, 'train/loss').locator('.axes text').last()).toHaveText(/s$/);
  await page.getByLabel('X axis').selectOption('step');
  // Zoom: a drag across half the chart draws fewer points and offers a reset.
  const svg = chartOf(page, 'train/loss').locator('svg[role=img]');
  await svg.scrollIntoViewIfNeeded();
  const box = (await svg.boundingBox())!;
  await page.mouse.move(box.x + 60, box.y + 100);
  await page.mouse.down();
  await page.mouse.move(box.x + 60 + (box.width - 70) / 2, box.y + 100, { steps: 5 });
  await page.mouse.up();
  await expect(
    chartOf(page, 'train/loss').getByRole('button', { name: 'Reset zoom' }),
  ).toBeVisible();
  await expect.poll(async () => pointsInPath(await lossLine.getAttribute('d'))).toBeLessThan(STEPS);
  await chartOf(page, 'train/loss').getByRole('button', { name: 'Reset zoom' }).click();
  await expect.poll(async () => pointsInPath(await lossLine.getAttribute('d'))).toBe(STEPS);

  // A panel folds.
  const systemToggle = page.getByRole('button', { name: 'system/' });
  await systemToggle.click();
  await expect(systemToggle).toHaveAttribute('aria-expanded', 'false');
  await expect(chartOf(page, 'system/cpu_utilization_percentage')).toHaveCount(0);
  await systemToggle.click();
  await expect(chartOf(page, 'system/cpu_utilization_percentage')).toHaveCount(1);

  // Params and tags: all there, one box filters both by name or value.
  const paramsTable = page.getByRole('table', { name: 'Parameters' });
  const tagsTable = page.getByRole('table', { name: 'Tags' });
  await expect(paramsTable.getByRole('row')).toHaveCount(200);
  await expect(tagsTable.getByRole('row', { name: /mlflow\.user/ })).toContainText('ada');
  const filter = page.getByLabel('Filter params and tags');
  await filter.fill('p19');
  // p190 … p198 (p019 does not contain "p19").
  await expect(paramsTable.getByRole('row')).toHaveCount(9);
  await expect(page.getByText('No tag matches.')).toBeVisible();
  await filter.fill('perception');
  await expect(paramsTable).toHaveCount(0);
  await expect(page.getByText('No parameter matches.')).toBeVisible();
  await expect(tagsTable.getByRole('row')).toHaveCount(1);
  await expect(tagsTable.getByRole('row')).toContainText('team');
  // A value inside the JSON config finds it; it is folded, and unfolds indented.
  await filter.fill('adamw');
  await expect(paramsTable.getByRole('row')).toHaveCount(1);
  const expand = paramsTable.getByRole('button', { name: 'Expand config' });
  await expect(expand).toHaveAttribute('aria-expanded', 'false');
  await expect(paramsTable.locator('pre')).toHaveCount(0);
  await expand.click();
  const collapse = paramsTable.getByRole('button', { name: 'Collapse config' });
  await expect(collapse).toHaveAttribute('aria-expanded', 'true');
  await expect(paramsTable.locator('pre')).toContainText('"name": "adamw"');
  expect(await paramsTable.locator('pre').textContent()).toBe(
    JSON.stringify(JSON.parse(CONFIG), null, 2),
  );
  await screenshot(page, 'run-page-1-script-run');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'run-page-1-script-run-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await collapse.click();
  await expect(paramsTable.locator('pre')).toHaveCount(0);
  await filter.fill('');

  // Children: listed on the parent, each a link; one click compares them with it.
  const childTable = page.getByRole('table', { name: 'Child runs' });
  await expect(childTable.getByRole('row')).toHaveCount(2);
  await expect(childTable.getByRole('link', { name: 'fold-0' })).toBeVisible();
  await expect(childTable.getByRole('link', { name: 'fold-1' })).toBeVisible();
  await page.getByRole('button', { name: 'Compare fine-tune with its 2 child runs' }).click();
  await expect(page.getByRole('heading', { name: 'Compare 3 runs' })).toBeVisible();
  const compared = /#\/compare\/([\d,]+)$/.exec(page.url())?.[1]?.split(',').map(Number);
  // The parent first, then its children (in the table's order, newest first).
  expect(compared?.[0]).toBe(parentId);
  expect(compared?.slice(1).sort()).toEqual([...childIds].sort());
  await expect(page.getByRole('figure', { name: 'val/f1 chart', exact: true })).toBeVisible();

  // A child's page names its parent, and has no children of its own.
  await page.goto(`${server.url.split('#')[0]}#/runs/${childIds[0]}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('fold-0');
  await expect(fact('Parent run').getByRole('link', { name: 'fine-tune' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Child runs' })).toHaveCount(0);
  await screenshot(page, 'run-page-2-child');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'run-page-2-child-dark');
  await page.emulateMedia({ colorScheme: 'light' });
});

test('a run with 1,000 metric keys opens its page without fetching every history (time logged)', async ({
  app: page,
  server,
}) => {
  const post = mlflowClient(server.url);
  const { experiment_id } = await post<{ experiment_id: string }>('experiments/create', {
    name: 'wide',
  });
  const run = await startRun(post, experiment_id, 'thousand-keys');
  const KEYS = 1000;
  const POINTS = 50;
  const keyOf = (i: number) =>
    i < 400 ? `train/k${i}` : i < 700 ? `val/k${i}` : i < 900 ? `system/k${i}` : `m${i}`;
  const t0 = Date.now() - 3_600_000;
  // 50,000 points, 1,000 per request (MLflow's limit), written step by step.
  for (let step = 0; step < POINTS; step++) {
    await post('runs/log-batch', {
      run_id: run,
      metrics: Array.from({ length: KEYS }, (_, i) => ({
        key: keyOf(i),
        value: Math.sin(step / 5 + i),
        timestamp: t0 + step * 1000,
        step,
      })),
    });
  }
  await post('runs/update', { run_id: run, status: 'FINISHED', end_time: Date.now() });
  const [id] = await idsOf(page, server.url, [run]);

  const seriesKeys: string[] = [];
  page.on('request', (req) => {
    if (req.url().endsWith('/api/runs.series'))
      seriesKeys.push(...((req.postDataJSON() as { keys: string[] }).keys ?? []));
  });
  // Timed in the page, from the hash change to the frame with the first panel's first line drawn.
  const firstPanelMs = await page.evaluate(async (runId) => {
    const started = performance.now();
    window.location.hash = `#/runs/${runId}`;
    return new Promise<number>((resolve) => {
      const check = () => {
        const line = document.querySelector('[data-testid="metric-panel"] path.series-line');
        if (line?.getAttribute('d')?.includes('L')) resolve(performance.now() - started);
        else requestAnimationFrame(check);
      };
      check();
    });
  }, id);
  const firstLine = panelsOf(page).first().locator('path.series-line').first();
  await expect.poll(async () => pointsInPath(await firstLine.getAttribute('d'))).toBe(POINTS);

  // The baseline: what the page fetched before (every key's whole history), and MLflow's UI does.
  const fetchStarted = Date.now();
  const all = await callApi<unknown[]>(page, server.url, 'runs.metrics', { id });
  const everyHistoryMs = Date.now() - fetchStarted;
  expect(all).toHaveLength(KEYS);
  console.log(
    JSON.stringify({
      bench: 'run page, 1,000 metric keys × 50 points',
      first_panel_drawn_ms: Math.round(firstPanelMs),
      every_history_fetch_ms: everyHistoryMs,
      keys_requested_at_open: new Set(seriesKeys).size,
    }),
  );
  await expect(panelsOf(page)).toHaveCount(4);
  // Only what is in view was asked for, not the thousand keys.
  expect(new Set(seriesKeys).size).toBeLessThan(100);
  // The first panel (100 keys without a prefix) shows a screenful and offers the rest.
  await expect(
    panelsOf(page).first().getByRole('button', { name: 'Show 48 more (88 not shown)' }),
  ).toBeVisible();
  // The page is tens of thousands of pixels tall: the window, not the whole page.
  await page.screenshot({ path: 'test-results/screenshots/run-page-3-thousand-keys.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/run-page-3-thousand-keys-dark.png' });
});
