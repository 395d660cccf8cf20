import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../e2e/chromiumLaunch.js';
import { timeInPage } from './pageTiming.js';
import { createCore } from '../electron/core/core.js';
import { writeDemoRuns, type DemoOptions } from '../electron/core/runs/demoRuns.js';
import { openDatabase } from '../electron/core/store/db.js';

/**
 * The run explorer in Chromium against `benchtop serve` (needs `npm run build`):
 * 10,000 runs × 50 params/metrics → table first paint (median of three pages), sort and filter
 * (medians of five);
 * 100 runs × 100,000 points → compare open-to-drawn vs fetching and drawing every raw point;
 * and SQLite's time for a full-resolution range read. Prints one JSON line; asserts no times.
 */
// BENCH_APP_ROOT: a frozen copy of the build (bin/, dist/) to measure while others rebuild this one.
const ROOT = resolve(process.env.BENCH_APP_ROOT ?? resolve(import.meta.dirname, '..'));
const TABLE_RUNS = Number(process.env.BENCH_TABLE_RUNS ?? 10_000);
const SERIES_RUNS = Number(process.env.BENCH_SERIES_RUNS ?? 100);
const SERIES_POINTS = Number(process.env.BENCH_SERIES_POINTS ?? 100_000);
const FILTER_TRIALS = 5;
const FIRST_PAINT_TRIALS = 3;
const round = (n: number) => Math.round(n * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function makeData(
  runs: number,
  options: Omit<DemoOptions, 'runs'>,
): Promise<{ dir: string; seconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'benchtop-bench-explorer-'));
  const core = createCore({ dataDir: dir });
  const t0 = performance.now();
  await writeDemoRuns(core.store, dir, { ...options, runs });
  const seconds = (performance.now() - t0) / 1000;
  void core.close();
  return { dir, seconds };
}

function serve(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'benchtop.js'), 'serve', '--port', '0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`benchtop serve exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /serving at (http:\/\/\S+)/.exec(line);
      if (m?.[1]) ok({ url: m[1], child });
    });
  });
}

const setQuery = (q: string) => `
  const input = document.getElementById('run-query');
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, ${JSON.stringify(q)});
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.form.requestSubmit();`;
const rowCount = `document.querySelectorAll('[role=grid] [role=row]').length`;
const countText = `(document.querySelector('[data-testid=run-count]')?.textContent ?? '')`;

async function tableFigures(browser: Awaited<ReturnType<typeof chromium.launch>>) {
  const { dir, seconds } = await makeData(TABLE_RUNS, {
    points: 1,
    params: 25,
    metrics: 25,
    curves: 0,
  });
  const { url, child } = await serve(dir);
  try {
    const all = `${countText}.startsWith('${TABLE_RUNS.toLocaleString()} of')`;
    // A first paint happens once per page: three fresh pages, and the last one stays for the rest.
    const firstPaints: number[] = [];
    const fullTables: number[] = [];
    let page!: Page;
    for (let i = 0; i < FIRST_PAINT_TRIALS; i++) {
      if (i > 0) await page.close();
      page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(url);
      await page.getByRole('link', { name: 'Benchtop' }).waitFor();
      // The sidebar's own run list (10,000 runs) loads first; measure the explorer after it.
      await page.getByRole('heading', { name: `Runs ${TABLE_RUNS}` }).waitFor({ timeout: 120_000 });
      firstPaints.push(await timeInPage(page, `location.hash = '#/runs'`, `${rowCount} > 10`));
      fullTables.push(firstPaints.at(-1)! + (await timeInPage(page, '', all)));
    }
    await page.evaluate(() => (location.hash = '#/'));
    const warmPaint = await timeInPage(
      page,
      `location.hash = '#/runs'`,
      `${rowCount} > 10 && ${all}`,
    );
    const header = (column: string) =>
      `[...document.querySelectorAll('[role=columnheader]')].find((h) => h.title === '${column}')`;
    const sortButton = (column: string) => `${header(column)}.querySelector('button')`;
    const firstRow = `document.querySelectorAll('[role=grid] [role=row]')[1]?.textContent`;
    // A click the moment the table has painted: the column's order is not worked out yet.
    const before = await page.evaluate(firstRow);
    const sortCold = await timeInPage(
      page,
      `${sortButton('metrics.m04')}.click()`,
      `${firstRow} !== ${JSON.stringify(before)}`,
    );
    const sortAgain = await timeInPage(
      page,
      `${sortButton('metrics.m04')}.click()`,
      `${header('metrics.m04')}.getAttribute('aria-sort') === 'ascending'`,
    );
    // Then as a person would: a look at the table, then a first sort by each of five columns.
    const sorts: number[] = [];
    for (const column of [
      'metrics.m05',
      'metrics.loss',
      'metrics.accuracy',
      'params.lr',
      'params.p04',
    ]) {
      await page.waitForTimeout(1_000);
      sorts.push(
        await timeInPage(
          page,
          `${sortButton(column)}.click()`,
          `${header(column)}.hasAttribute('aria-sort')`,
        ),
      );
    }
    // Five filters (each query new to the page, so nothing is cached), each cleared again.
    const filters: number[] = [];
    const clears: number[] = [];
    let shown = '';
    for (let i = 0; i < FILTER_TRIALS; i++) {
      const query = `params.optimizer = "adam" and metrics.m05 > 0.${5 + i} and params.p04 < 0.9`;
      filters.push(
        await timeInPage(
          page,
          setQuery(query),
          `!${countText}.startsWith('${TABLE_RUNS.toLocaleString()} of')`,
        ),
      );
      if (i === 0) shown = await page.evaluate<string>(countText);
      clears.push(
        await timeInPage(
          page,
          setQuery(''),
          `${countText}.startsWith('${TABLE_RUNS.toLocaleString()} of')`,
        ),
      );
    }
    const bytes = await page.evaluate<number>(`(async () => {
      const token = new URL(${JSON.stringify(url)}).searchParams.get('token') ?? '';
      const headers = { 'x-benchtop-token': token, 'content-type': 'application/json' };
      const res = await fetch('/api/runs.table', { method: 'POST', headers, body: '{}' });
      return (await res.text()).length;
    })()`);
    return {
      table_runs: TABLE_RUNS,
      table_columns: 50,
      table_write_s: round(seconds),
      table_json_mb: round(bytes / 1e6),
      table_first_paint_ms: round(median(firstPaints)),
      table_first_paint_ms_each: firstPaints.map(round),
      table_all_rows_ms: round(median(fullTables)),
      table_warm_paint_ms: round(warmPaint),
      sort_ms: round(median(sorts)),
      sort_ms_each: sorts.map(round),
      sort_cold_ms: round(sortCold),
      sort_reverse_ms: round(sortAgain),
      filter_ms: round(median(filters)),
      filter_ms_each: filters.map(round),
      filter_clear_ms: round(median(clears)),
      filter_result: shown,
    };
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The baseline: every raw point of every run fetched (runs.metrics) and drawn as SVG paths. */
const drawAllRaw = (url: string, ids: number[]) => `
  (async () => {
    const token = new URL(${JSON.stringify(url)}).searchParams.get('token') ?? '';
    const call = (id) => fetch('/api/runs.metrics', { method: 'POST', headers: { 'x-benchtop-token': token, 'content-type': 'application/json' }, body: JSON.stringify({ id, keys: ['loss'] }) }).then((r) => r.json());
    const replies = await Promise.all(${JSON.stringify(ids)}.map(call));
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('width', '800'); svg.setAttribute('height', '240'); svg.id = 'raw-baseline';
    for (const r of replies) {
      const s = r.data[0];
      const n = s.steps.length, sx = 800 / n;
      let d = '';
      for (let i = 0; i < n; i++) d += (i ? 'L' : 'M') + (s.steps[i] * sx).toFixed(1) + ' ' + (240 - s.values[i] * 200).toFixed(1);
      const p = document.createElementNS('http://www.w3.org/2000/svg', 'path');
      p.setAttribute('d', d); p.setAttribute('fill', 'none'); p.setAttribute('stroke', '#888');
      svg.appendChild(p);
    }
    document.body.appendChild(svg);
    window.__rawDrawn = true;
  })();`;

async function compareFigures(browser: Awaited<ReturnType<typeof chromium.launch>>) {
  const { dir, seconds } = await makeData(SERIES_RUNS, {
    points: SERIES_POINTS,
    params: 6,
    metrics: 1,
    curves: 1,
  });
  const ids = Array.from({ length: SERIES_RUNS }, (_, i) => i + 1);
  const { url, child } = await serve(dir);
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    await page.getByRole('link', { name: 'Benchtop' }).waitFor();
    const drawn = `(() => { const f = document.querySelector('figure[aria-label="loss chart"]'); return !!f && Number(f.dataset.drawnPoints) > 0 && f.querySelectorAll('path.series-line').length === ${SERIES_RUNS}; })()`;
    const open = await timeInPage(page, `location.hash = '#/compare/${ids.join(',')}'`, drawn);
    const figure = page.locator('figure[aria-label="loss chart"]');
    const drawnPoints = Number(await figure.getAttribute('data-drawn-points'));
    const totalPoints = Number(await figure.getAttribute('data-total-points'));
    await page.evaluate(() => (location.hash = '#/'));
    const raw = await timeInPage(page, drawAllRaw(url, ids), `window.__rawDrawn === true`);

    // SQLite alone: a full-resolution range read (10,000 consecutive points of one series).
    const db = openDatabase(join(dir, 'benchtop.db'));
    const read = db
      .prepare(
        'SELECT step, time, value FROM metrics WHERE run_id = ? AND key_id = 1 AND step BETWEEN ? AND ? ORDER BY step',
      )
      .raw();
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const from = (i * 4_999) % Math.max(1, SERIES_POINTS - 10_000);
      const t0 = performance.now();
      const rows = read.all(1 + (i % SERIES_RUNS), from, from + 9_999);
      times.push(performance.now() - t0);
      if (rows.length !== Math.min(10_000, SERIES_POINTS))
        throw new Error(`range read returned ${rows.length} rows`);
    }
    const t0 = performance.now();
    read.all(1, 0, SERIES_POINTS);
    const fullRead = performance.now() - t0;
    db.close();
    times.sort((a, b) => a - b);
    return {
      series_runs: SERIES_RUNS,
      series_points_per_run: SERIES_POINTS,
      series_write_s: round(seconds),
      compare_open_to_drawn_ms: round(open),
      compare_drawn_points: drawnPoints,
      compare_total_points: totalPoints,
      baseline: 'every raw point fetched with runs.metrics and drawn as SVG paths',
      raw_fetch_and_draw_ms: round(raw),
      ratio: Math.round((open / raw) * 1000) / 1000,
      speedup_vs_raw: round(raw / open),
      sqlite_range_read_10k_points_ms_median: round(times[times.length >> 1]!),
      sqlite_full_series_read_ms: round(fullRead),
    };
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

const browser = await chromium.launch(CHROMIUM_LAUNCH);
try {
  const table = await tableFigures(browser);
  const compare = await compareFigures(browser);
  console.log(JSON.stringify({ name: 'explorer', ...table, ...compare }));
} finally {
  await browser.close();
}
