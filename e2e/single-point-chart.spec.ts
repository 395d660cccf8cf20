import { expect, test } from './fixtures.js';
import { callApi, mlflowClient, screenshot } from './helpers.js';

test('a metric logged once, or always the same, is drawn as a dot inside its axis', async ({
  app: page,
  server,
}) => {
  const post = mlflowClient(server.url);
  const { experiment_id } = await post<{ experiment_id: string }>('experiments/create', {
    name: 'one-point',
  });
  const { run } = await post<{ run: { info: { run_id: string } } }>('runs/create', {
    experiment_id,
    run_name: 'eval-once',
    start_time: Date.now() - 10_000,
  });
  const t = Date.now();
  await post('runs/log-batch', {
    run_id: run.info.run_id,
    metrics: [
      { key: 'test/accuracy', value: 0.42, timestamp: t, step: 0 },
      ...[0, 1, 2].map((step) => ({ key: 'flat', value: 7, timestamp: t + step, step })),
    ],
  });
  const uid = run.info.run_id.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
  const [tracked] = await callApi<{ id: number }[]>(page, server.url, 'runs.tracked', {
    uids: [uid],
  });
  await page.goto(`${server.url.split('#')[0]}#/runs/${tracked!.id}`);

  const chart = page.locator('[data-testid="metric-chart"][data-metric="test/accuracy"]');
  const dot = chart.locator('circle.series-dot');
  await expect(dot).toHaveCount(1);
  // The point sits level with its own value's tick, inside the plot, not on its edge.
  const tick = chart.locator('g.axes > g', { hasText: /^0\.42$/ });
  await expect(tick).toHaveCount(1);
  const tickY = Number(/translate\(0,([\d.]+)\)/.exec((await tick.getAttribute('transform'))!)![1]);
  expect(Number(await dot.getAttribute('cy'))).toBeCloseTo(tickY, 1);
  expect(tickY).toBeGreaterThan(20);
  // The step axis is centred on the one step; its ticks are round numbers (0 is 0, not −5.6e-17).
  const xTicks = await chart.locator('g.axes > text:not(.axis-label)').allTextContents();
  expect(xTicks).toContain('0');
  for (const t of xTicks) expect(t).toMatch(/^-?\d+(\.\d+)?$/);

  // All-equal values: a line, level with the tick of 7, and no dot.
  const flat = page.locator('[data-testid="metric-chart"][data-metric="flat"]');
  await expect(flat.locator('path.series-line')).toHaveAttribute('d', /^M[\d.]+ ([\d.]+)L/);
  const flatTick = flat.locator('g.axes > g', { hasText: /^7$/ });
  const flatY = /translate\(0,([\d.]+)\)/.exec((await flatTick.getAttribute('transform'))!)![1];
  const d = (await flat.locator('path.series-line').getAttribute('d'))!;
  const ys = d.split('L').map((p) => Number(p.split(' ')[1]));
  expect(ys).toHaveLength(3);
  for (const y of ys) expect(y).toBeCloseTo(Number(flatY), 0);
  await expect(flat.locator('circle.series-dot')).toHaveCount(0);

  await chart.scrollIntoViewIfNeeded();
  await screenshot(page, 'single-point-chart');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'single-point-chart-dark');
});
