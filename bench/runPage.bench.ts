import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '../e2e/chromiumLaunch.js';
import { dirs, killAll, MLFLOW, startMlflow } from './mlflowServers.js';
import { timeInPage } from './pageTiming.js';

/**
 * A run as a script logs it, opened in Chromium against `benchtop serve` (needs `npm run build`):
 * `BENCH_RUN_KEYS` (1,000) metric keys × 50 steps through `runs/log-batch`, and a folder of
 * `BENCH_RUN_FILES` (5,000) artifact files. Times the run page from navigation to the first
 * panel's first line drawn (median of three fresh pages) and the artifact folder from its click to
 * its first rows drawn. The baseline is what MLflow's run page does before it draws a chart: fetch
 * every key's whole history (`metrics/get-history`, six at a time as a browser does), from the
 * real `mlflow server` holding the same run when /opt/mlflow-venv is installed, and from
 * Benchtop's own MLflow API in the same run. Prints one JSON line; asserts no times.
 */
const ROOT = resolve(process.env.BENCH_APP_ROOT ?? resolve(import.meta.dirname, '..'));
const KEYS = Number(process.env.BENCH_RUN_KEYS ?? 1000);
const STEPS = 50;
const FILES = Number(process.env.BENCH_RUN_FILES ?? 5000);
const TRIALS = 3;
const round = (n: number) => Math.round(n * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const keyOf = (i: number) =>
  i < 400 ? `train/k${i}` : i < 700 ? `val/k${i}` : i < 900 ? `system/k${i}` : `m${i}`;

interface Server {
  base: string;
  headers: Record<string, string>;
  ui?: string;
}

function serve(dataDir: string): Promise<{ server: Server; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'benchtop.js'), 'serve', '--port', '0', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`benchtop serve exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /serving at (http:\/\/\S+)/.exec(line);
      if (!m?.[1]) return;
      const url = new URL(m[1]);
      const token = url.searchParams.get('token') ?? '';
      ok({
        server: { base: url.origin, headers: { authorization: `Bearer ${token}` }, ui: m[1] },
        child,
      });
    });
  });
}

async function post<T>(s: Server, endpoint: string, body: object): Promise<T> {
  const res = await fetch(`${s.base}/api/2.0/mlflow/${endpoint}`, {
    method: 'POST',
    headers: { ...s.headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${endpoint}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The wide run, logged as a script does: 1,000 metrics a request (MLflow's limit), step by step. */
async function logWideRun(s: Server): Promise<{ runId: string; experimentId: string }> {
  const { experiment_id } = await post<{ experiment_id: string }>(s, 'experiments/create', {
    name: `wide-${Date.now()}`,
  });
  const t0 = Date.now() - 3_600_000;
  const { run } = await post<{ run: { info: { run_id: string } } }>(s, 'runs/create', {
    experiment_id,
    run_name: 'thousand-keys',
    start_time: t0,
  });
  const runId = run.info.run_id;
  for (let step = 0; step < STEPS; step++)
    for (let at = 0; at < KEYS; at += 1000)
      await post(s, 'runs/log-batch', {
        run_id: runId,
        metrics: Array.from({ length: Math.min(1000, KEYS - at) }, (_, j) => ({
          key: keyOf(at + j),
          value: Math.sin(step / 5 + at + j) * Math.PI,
          timestamp: t0 + step * 1000,
          step,
        })),
      });
  await post(s, 'runs/update', { run_id: runId, status: 'FINISHED', end_time: Date.now() });
  return { runId, experimentId: experiment_id };
}

/** Every key's whole history, six requests in flight (a browser's per-host limit), as MLflow's run page fetches. */
async function everyHistory(s: Server, runId: string): Promise<{ ms: number; points: number }> {
  const keys = Array.from({ length: KEYS }, (_, i) => keyOf(i));
  let next = 0;
  let points = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      while (next < keys.length) {
        const key = keys[next++]!;
        const q = new URLSearchParams({ run_id: runId, metric_key: key, max_results: '25000' });
        const res = await fetch(`${s.base}/api/2.0/mlflow/metrics/get-history?${q}`, {
          headers: s.headers,
        });
        if (!res.ok) throw new Error(`get-history ${key}: ${res.status}`);
        const got = ((await res.json()) as { metrics?: unknown[] }).metrics?.length ?? 0;
        points += got;
      }
    }),
  );
  return { ms: performance.now() - t0, points };
}

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'electron', 'cli', 'main.js')))
    throw new Error('benchtop is not built: run npm run build first');
  const dir = mkdtempSync(join(tmpdir(), 'benchtop-bench-runpage-'));
  dirs.add(dir);
  const { server, child } = await serve(dir);
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const { runId, experimentId } = await logWideRun(server);
    // Written straight into the run's folder: 5,000 uploads would time the upload route instead.
    // The run's own id: MLflow's run id is its uid without dashes.
    const uid = runId.replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-');
    const reply = await fetch(`${server.base}/api/runs.tracked`, {
      method: 'POST',
      headers: {
        'x-benchtop-token': new URL(server.ui!).searchParams.get('token') ?? '',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ uids: [uid] }),
    }).then((r) => r.json() as Promise<{ ok: boolean; data: { id: number }[] }>);
    const folder = join(dir, 'artifacts', 'runs', String(reply.data[0]!.id), 'many');
    mkdirSync(folder, { recursive: true });
    for (let i = 0; i < FILES; i++)
      writeFileSync(join(folder, `f${String(i).padStart(4, '0')}.txt`), `file ${i}\n`);

    const hash = `#/experiments/${experimentId}/runs/${runId}`;
    const firstLine = `[...document.querySelectorAll('[data-testid="metric-panel"] path.series-line')].some((p) => (p.getAttribute('d') ?? '').includes('L'))`;
    const firstPanel: number[] = [];
    const folderRows: number[] = [];
    for (let i = 0; i < TRIALS; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(server.ui!);
      await page.getByRole('link', { name: 'Benchtop' }).waitFor();
      firstPanel.push(await timeInPage(page, `location.hash = ${JSON.stringify(hash)}`, firstLine));
      const many = page.getByRole('tree', { name: 'Artifacts' }).getByRole('treeitem', {
        name: 'many',
      });
      await many.waitFor();
      folderRows.push(
        await timeInPage(
          page,
          `document.querySelector('[role=treeitem][title="many"]').click()`,
          `document.querySelector('[role=treeitem][title="many/f0000.txt"]') !== null`,
        ),
      );
      await page.close();
    }
    const ours = await everyHistory(server, runId);
    let mlflow: Record<string, unknown> | string = 'missing';
    let ratio: number | null = null;
    if (existsSync(MLFLOW)) {
      const mdir = mkdtempSync(join(tmpdir(), 'benchtop-bench-runpage-mlflow-'));
      dirs.add(mdir);
      const m = await startMlflow(mdir);
      try {
        const logged = await logWideRun(m);
        const theirs = await everyHistory(m, logged.runId);
        mlflow = {
          version: m.version,
          every_history_ms: round(theirs.ms),
          points: theirs.points,
        };
        ratio = round(median(firstPanel)) / round(theirs.ms);
      } finally {
        await m.stop();
      }
    }
    console.log(
      JSON.stringify({
        name: 'runPage',
        keys: KEYS,
        steps: STEPS,
        artifact_files: FILES,
        first_panel_drawn_ms: round(median(firstPanel)),
        first_panel_trials_ms: firstPanel.map(round),
        artifact_folder_rows_ms: round(median(folderRows)),
        baseline:
          "MLflow's run page fetches every key's whole history before drawing: metrics/get-history for each key, six in flight",
        benchtop_every_history_ms: round(ours.ms),
        benchtop_every_history_points: ours.points,
        mlflow,
        ratio: ratio === null ? null : Math.round(ratio * 1000) / 1000,
        ratio_vs_benchtop_every_history: Math.round((median(firstPanel) / ours.ms) * 1000) / 1000,
      }),
    );
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    killAll();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

await main();
