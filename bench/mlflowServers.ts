import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** The two servers mlflowIngest measures, started on fresh stores and always stopped (even on Ctrl-C). */
// BENCH_APP_ROOT: a frozen copy of the build (bin/, dist/) to measure while others rebuild this one.
const ROOT = resolve(process.env.BENCH_APP_ROOT ?? resolve(import.meta.dirname, '..'));
export const MLFLOW = process.env.BENCH_MLFLOW ?? '/opt/mlflow-venv/bin/mlflow';

export interface Target {
  base: string; // http://127.0.0.1:PORT
  headers: Record<string, string>;
  stop(): Promise<{ lag?: Record<string, number>; note?: string }>;
}

const live = new Set<ChildProcess>();
const groups = new WeakSet<ChildProcess>(); // spawned detached: signalled as a process group
export const dirs = new Set<string>(); // fresh data dirs, removed even when interrupted
export const killAll = () => {
  for (const child of live) killTree(child, 'SIGKILL');
};
process.on('exit', () => {
  killAll();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** mlflow server is detached in its own process group (uvicorn's workers are its children). */
function killTree(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid && groups.has(child)) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // already gone
  }
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((ok) => {
    const timer = setTimeout(() => ok(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      ok(true);
    });
  });
}

async function stopChild(child: ChildProcess) {
  killTree(child, 'SIGTERM');
  if (!(await exited(child, 15_000))) killTree(child, 'SIGKILL');
  killTree(child, 'SIGKILL'); // stragglers in mlflow's group
  await exited(child, 5_000);
  live.delete(child);
}

/** Keeps the last lines of a stream (and drains it, so a chatty server never blocks on a full pipe). */
function tail(stream: NodeJS.ReadableStream | null, onLine?: (line: string) => void): string[] {
  const lines: string[] = [];
  if (stream)
    createInterface({ input: stream }).on('line', (line) => {
      onLine?.(line);
      lines.push(line);
      if (lines.length > 20) lines.shift();
    });
  return lines;
}

export async function startBenchtop(dataDir: string): Promise<Target> {
  const bin = join(ROOT, 'bin', 'benchtop.js');
  if (!existsSync(join(ROOT, 'dist', 'electron', 'cli', 'main.js')))
    throw new Error(`benchtop is not built (run npm run build): ${ROOT}/dist missing`);
  const child = spawn(process.execPath, [bin, '--data-dir', dataDir, 'serve', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BENCHTOP_REPORT_LAG: '1' },
  });
  live.add(child);
  let url = '';
  let token = '';
  let trackingUri = '';
  let lag: Record<string, number> | undefined;
  // Tolerant: `serving at URL?token=T`, `export MLFLOW_TRACKING_TOKEN=T`, `export MLFLOW_TRACKING_URI=U`, on either stream.
  const parse = (line: string) => {
    const served = /serving at (https?:\/\/\S+)/.exec(line);
    if (served?.[1]) url = served[1];
    const exported = /MLFLOW_TRACKING_TOKEN=['"]?([^'"\s]+)/.exec(line);
    if (exported?.[1]) token = exported[1];
    const uri = /MLFLOW_TRACKING_URI=['"]?([^'"\s]+)/.exec(line);
    if (uri?.[1]) trackingUri = uri[1];
    const reported = /^benchtop-lag (\{.*\})\s*$/.exec(line);
    if (reported?.[1]) lag = JSON.parse(reported[1]) as Record<string, number>;
  };
  const out = tail(child.stdout, parse);
  const err = tail(child.stderr, parse);
  const deadline = Date.now() + 60_000;
  let urlSeenAt = 0; // an exported token may follow the URL line: wait up to 1 s for it
  for (;;) {
    if (url && !urlSeenAt) urlSeenAt = Date.now();
    if (url && (token || Date.now() - urlSeenAt > 1000)) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopChild(child);
      throw new Error(
        `benchtop serve ${child.exitCode !== null ? `exited with ${child.exitCode}` : 'printed no URL in 60 s'}: ${[...out, ...err].slice(-5).join(' | ')}`,
      );
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  token ||= new URL(url).searchParams.get('token') ?? '';
  const base = new URL(trackingUri || url);
  if (base.hostname === 'localhost') base.hostname = '127.0.0.1';
  return {
    base: base.origin,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    async stop() {
      await stopChild(child);
      return lag
        ? { lag }
        : { note: `no benchtop-lag line on stderr (a build without electron/cli/lagReport.ts?)` };
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

export async function startMlflow(dataDir: string): Promise<Target & { version: string }> {
  const port = await freePort();
  const child = spawn(
    MLFLOW,
    [
      'server',
      '--backend-store-uri',
      `sqlite:///${join(dataDir, 'mlflow.db')}`,
      '--artifacts-destination',
      join(dataDir, 'artifacts'),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, MLFLOW_DISABLE_TELEMETRY: 'true' },
    },
  );
  live.add(child);
  groups.add(child);
  const out = tail(child.stdout);
  const err = tail(child.stderr);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopChild(child);
      throw new Error(
        `mlflow server ${child.exitCode !== null ? `exited with ${child.exitCode}` : 'not up in 90 s'}: ${[...out, ...err].slice(-5).join(' | ')}`,
      );
    }
    const health = await fetch(`${base}/health`).catch(() => undefined);
    if (health?.ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const version = await fetch(`${base}/version`).then(
    (r) => r.text(),
    () => 'unknown',
  );
  return {
    base,
    headers: {},
    version: version.trim(),
    async stop() {
      await stopChild(child);
      return {};
    },
  };
}
