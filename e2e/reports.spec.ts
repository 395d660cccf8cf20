import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures.js';
import { callApi, demoRuns, screenshot } from './helpers.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

test('export a comparison from the UI: a self-contained HTML file with the runs, hostile tags as text', async ({
  app: page,
  server,
}) => {
  demoRuns(server.dataDir, 3, 50);
  await callApi(page, server.url, 'runs.setTag', { ids: [2], key: HOSTILE, value: '' });
  await page.evaluate(() => (window.location.hash = '#/compare/1,2,3'));
  await expect(page.getByRole('heading', { name: 'Compare 3 runs' })).toBeVisible();

  await page.getByRole('button', { name: 'Export' }).click();
  await screenshot(page, 'reports-1-export-menu');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'HTML report' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('benchtop-compare-1-2-3.html');
  const html = await readFile(await download.path(), 'utf8');
  expect(html).toContain('Comparison of 3 runs');
  const runs = await callApi<{ id: number; name: string }[]>(page, server.url, 'runs.table', {
    ids: [1, 2, 3],
  });
  for (const run of runs) expect(html).toContain(`#${run.id} ${run.name}`);
  expect(html).not.toMatch(/https?:\/\//i);
  expect(html).not.toContain(HOSTILE);
  expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');

  // PDF: printed by headless Chromium on the serving machine, downloaded as bytes.
  await page.getByRole('button', { name: 'Export' }).click();
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'PDF report' }).click(),
  ]);
  expect(pdf.suggestedFilename()).toBe('benchtop-compare-1-2-3.pdf');
  expect((await readFile(await pdf.path())).subarray(0, 5).toString()).toBe('%PDF-');

  // The downloaded report renders on its own, offline, with its charts (in a page of its own:
  // setContent on the app's page would keep the app's scripts running under the report's CSP).
  const report = await page.context().newPage();
  await report.setContent(html);
  await expect(report.getByRole('heading', { name: 'Comparison of 3 runs' })).toBeVisible();
  await expect(report.locator('svg polyline').first()).toBeVisible();
  await screenshot(report, 'reports-2-downloaded-comparison');
  await report.close();
});

test('a classification run’s report: one table per kind of metric, the confusion matrix and ROC/PR curves, the dataset by name, labels inside their charts, light and dark', async ({
  app: page,
  server,
}) => {
  test.setTimeout(180_000);
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
    .poll(
      async () =>
        (await callApi<{ status: string }>(page, server.url, 'runs.get', { id: runId })).status,
      { timeout: 60_000 },
    )
    .toBe('finished');
  await page.goto(new URL(`#/runs/${runId}`, server.url).toString());
  await page.getByRole('button', { name: 'Export' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'HTML report' }).click(),
  ]);
  const html = await readFile(await download.path(), 'utf8');

  const report = await page.context().newPage();
  await report.setContent(html);
  await expect(report.getByRole('heading', { level: 1 })).toHaveText(/^Run #\d+ /);
  // The dataset by name and version, never by id.
  await expect(report.locator('.subtitle')).toContainText('on iris v1 → species');
  await expect(report.getByRole('table').first()).toContainText('iris v1');
  await expect(
    report.getByRole('heading', { name: 'Confusion matrix (test split)' }),
  ).toBeVisible();
  await expect(report.locator('table.confusion')).toContainText('true ↓ / predicted →');
  await expect(report.locator('table.confusion td.diagonal')).toHaveCount(3);
  await expect(report.getByRole('img', { name: 'ROC curve (test split)' })).toBeVisible();
  await expect(
    report.getByRole('img', { name: 'Precision–recall curve (test split)' }),
  ).toBeVisible();

  // No table repeats another, and no metric is in two tables.
  const tables = await report.locator('table').evaluateAll((els) =>
    els.map((t) => ({
      text: t.textContent ?? '',
      keys: Array.from(t.querySelectorAll('tbody tr')).map(
        (r) => r.firstElementChild?.textContent ?? '',
      ),
    })),
  );
  expect(new Set(tables.map((t) => t.text)).size).toBe(tables.length);
  const metricKeys = tables.filter((t) => t.text.includes('measured on')).flatMap((t) => t.keys);
  expect(metricKeys).toContain('test_accuracy');
  expect(metricKeys).toContain('accuracy');
  expect(new Set(metricKeys).size).toBe(metricKeys.length);

  // Every label lies inside its chart as Chromium lays it out, on screen and in print (the PDF's layout).
  const clipped = () =>
    report.locator('svg').evaluateAll((svgs) =>
      svgs.flatMap((svg) => {
        const box = (svg as SVGSVGElement).viewBox.baseVal;
        return Array.from(svg.querySelectorAll('text')).flatMap((t) => {
          const b = t.getBBox();
          const m = t.getCTM();
          // Rotated (the y axis title): its box turned a quarter.
          const [w, h] = m && Math.abs(m.b) > 0.5 ? [b.height, b.width] : [b.width, b.height];
          const x = m && Math.abs(m.b) > 0.5 ? Number(t.getAttribute('x')) - w / 2 : b.x;
          const y = m && Math.abs(m.b) > 0.5 ? Number(t.getAttribute('y')) - h / 2 : b.y;
          return x < -0.5 || y < -0.5 || x + w > box.width + 0.5 || y + h > box.height + 0.5
            ? [
                `${t.textContent} at ${x.toFixed(1)},${y.toFixed(1)} ${w.toFixed(1)}×${h.toFixed(1)}`,
              ]
            : [];
        });
      }),
    );
  expect(await clipped()).toEqual([]);
  await screenshot(report, 'reports-run-classification-light');
  await report.emulateMedia({ colorScheme: 'dark' });
  expect(await clipped()).toEqual([]);
  await screenshot(report, 'reports-run-classification-dark');
  await report.emulateMedia({ colorScheme: 'light', media: 'print' });
  expect(await clipped()).toEqual([]);
  await screenshot(report, 'reports-run-classification-print');
  await report.close();
});
