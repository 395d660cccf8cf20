import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures.js';
import { callApi, screenshot } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const HOSTILE = '<img src=x onerror=alert(1)>';

test('export a comparison from the UI: a self-contained HTML file with the runs, hostile tags as text', async ({
  app: page,
  server,
}) => {
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'bin', 'benchtop.js'),
      'demo',
      '--runs',
      '3',
      '--points',
      '50',
      '--data-dir',
      server.dataDir,
      '--json',
    ],
    { cwd: ROOT },
  );
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
