import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../shared/random.js';
import { rendererDir } from '../electron/core/appPaths.js';
import { createCore } from '../electron/core/core.js';
import { writeDemoRuns } from '../electron/core/runs/demoRuns.js';
import { startServer } from '../electron/server/httpServer.js';
import { fetchRetrying } from './fetchRetrying.js';

export const BUSY = /SQLITE_BUSY|database is locked/i;

export interface TabReport {
  requests: number;
  errors: number;
  busy: number;
  events: number;
  latency_ms_p50: number;
  latency_ms_p99: number;
  first_errors: string[];
}

/**
 * What load.bench.ts and scripts/memory-soak.ts share: `benchtop serve`'s main process (the
 * real core and HTTP server, in this process) with `runs` demo runs in its store, a drift pair
 * of 100,000 × 8 columns, a training set, and a browser tab polling it (loadPoller.ts).
 */
export async function startLoadRig({ runs, jobs }: { runs: number; jobs: number }) {
  process.env.BENCHTOP_MAX_JOBS ??= String(jobs);
  const dataDir = mkdtempSync(join(tmpdir(), 'benchtop-load-'));
  const core = createCore({ dataDir });
  const t0 = performance.now();
  await writeDemoRuns(core.store, dataDir, { runs, points: 20 });
  const demoSeconds = (performance.now() - t0) / 1000;

  const csv = (shift: number, seed: number) => {
    const random = mulberry32(seed);
    const rows = ['a,b,c,d,e,f,g,h'];
    for (let i = 0; i < 100_000; i++)
      rows.push(
        Array.from({ length: 8 }, (_, k) => (random() * (k + 1) + shift * (k % 2)).toFixed(4)).join(
          ',',
        ),
      );
    const file = join(dataDir, `drift-${seed}.csv`);
    writeFileSync(file, `${rows.join('\n')}\n`);
    return file;
  };
  const reference = await core.call('datasets.import', { path: csv(0, 1) });
  const current = await core.call('datasets.import', { path: csv(0.2, 2) });
  const training = await core.call('datasets.importSample', { name: 'breast_cancer' });

  const serverLog: string[] = [];
  const server = await startServer({
    core,
    port: 0,
    staticDir: rendererDir(),
    log: (line) => serverLog.push(line),
  });
  core.start(); // as `benchtop serve` does: the read worker (unless BENCHTOP_READ_WORKER=0), watchers
  const base = `http://127.0.0.1:${server.port}`;
  const post = async <T = unknown>(method: string, input: unknown): Promise<T> => {
    const res = await fetchRetrying(`${base}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-benchtop-token': server.token },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { ok: boolean; data?: T; error?: string };
    if (!body.ok) throw new Error(`${method}: ${body.error}`);
    return body.data as T;
  };
  const tab = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'loadPoller.ts'), base, server.token],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let tabOut = '';
  tab.stdout.on('data', (c: Buffer) => (tabOut += c.toString()));

  /** Drift checks back to back (one drift job at a time) until `stop()`. */
  function driftLoop() {
    let stopped = false;
    const errors: string[] = [];
    let checks = 0;
    const done = (async () => {
      while (!stopped) {
        try {
          await post('drift.check', { referenceId: reference.id, currentId: current.id });
          checks++;
        } catch (e) {
          errors.push(String(e));
        }
      }
    })();
    return {
      get checks() {
        return checks;
      },
      errors,
      async stop() {
        stopped = true;
        await done;
      },
    };
  }

  /** Starts a training run the way the UI does. */
  const train = async (epochs: number, seed: number) =>
    (
      await post<{ runId: number }>('jobs.train', {
        datasetId: training.id,
        target: 'diagnosis',
        experiment: 'load',
        params: { epochs, seed },
      })
    ).runId;

  return {
    core,
    demoSeconds,
    serverLog,
    post,
    train,
    driftLoop,
    /** Stops the tab and returns its report. */
    async closeTab(): Promise<TabReport> {
      tab.kill('SIGTERM');
      await new Promise((resolve) => tab.on('close', resolve));
      return JSON.parse(tabOut.trim().split('\n').at(-1) ?? '{}') as TabReport;
    },
    async close(): Promise<void> {
      await server.close();
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
