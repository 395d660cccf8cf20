import { expect, test } from './fixtures.js';
import { callApi, mlflowClient, screenshot } from './helpers.js';

test('a diverged metric (±Infinity) shows as Infinity in the browser, not null, and its chart keeps finite axes', async ({
  app: page,
  server,
}) => {
  const post = mlflowClient(server.url);
  const { experiment_id } = await post<{ experiment_id: string }>('experiments/create', {
    name: 'diverged',
  });
  const { run } = await post<{ run: { info: { run_id: string } } }>('runs/create', {
    experiment_id,
    run_name: 'lr-too-high',
    start_time: Date.now() - 10_000,
  });
  const t = Date.now();
  // MLflow's wire carries non-finite doubles as strings.
  const loss = [1, 0.6, 'Infinity', 0.5, 0.45];
  await post('runs/log-batch', {
    run_id: run.info.run_id,
    metrics: [
      ...loss.map((value, step) => ({ key: 'loss', value, timestamp: t + step, step })),
      { key: 'grad_norm', value: 'Infinity', timestamp: t, step: 0 },
      { key: 'margin', value: '-Infinity', timestamp: t, step: 0 },
    ],
  });
  const uid = run.info.run_id.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
  const [tracked] = await callApi<{ id: number }[]>(page, server.url, 'runs.tracked', {
    uids: [uid],
  });
  await page.goto(`${server.url.split('#')[0]}#/runs/${tracked!.id}`);

  const finals = page.locator('section', { hasText: 'Final metrics' }).last();
  await expect(finals.getByRole('row', { name: /grad_norm/ })).toContainText('Infinity');
  await expect(finals.getByRole('row', { name: /margin/ })).toContainText('-Infinity');
  await expect(finals).not.toContainText('null');

  // The loss chart breaks its line at the infinite point; its ticks stay finite numbers.
  const chart = page.locator('[data-testid="metric-chart"][data-metric="loss"]');
  await expect(chart.locator('path.series-line')).toHaveAttribute('d', /M.*L.*M.*L/);
  const ticks = await chart.locator('g.axes text:not(.axis-label)').allTextContents();
  expect(ticks.length).toBeGreaterThan(3);
  for (const tick of ticks) expect(tick).toMatch(/^-?[\d.,]+$/);

  // The caption counts what is drawn: an infinite point is counted as not finite, not as drawn.
  await expect(chart.getByTestId('point-count')).toHaveText(
    'Drawing 4 of 5 points (1 not finite: ±Infinity or NaN)',
  );
  const gradNorm = page.locator('[data-testid="metric-chart"][data-metric="grad_norm"]');
  await expect(gradNorm.getByTestId('point-count')).toHaveText(
    'Drawing 0 of 1 points (1 not finite: ±Infinity or NaN)',
  );

  await chart.scrollIntoViewIfNeeded();
  await screenshot(page, 'non-finite-metrics');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'non-finite-metrics-dark');
});
