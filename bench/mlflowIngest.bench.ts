import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fetchRetrying } from './fetchRetrying.js';

/**
 * MLflow-API metric ingest over HTTP: `POST /api/2.0/mlflow/runs/log-batch` with 1,000 metrics a
 * request (8 keys × 125 increasing steps, full-precision doubles, ms timestamps), one client and
 * then four concurrent clients (each its own run), against `benchtop serve` (needs
 * `npm run build`; token as `Authorization: Bearer`) and against the real `mlflow server`
 * (/opt/mlflow-venv, see /work/shared/tools/mlflow; reported missing when absent), each on a fresh
 * store, same requests. Points/s, p50/p99 request latency, and Benchtop main's event-loop lag
 * (`BENCHTOP_REPORT_LAG=1` → `benchtop-lag {...}` on its stderr at SIGTERM). One JSON line; no
 * time is asserted.
 */
// BENCH_APP_ROOT: a frozen copy of the build (bin/, dist/) to measure while others rebuild this one.
const ROOT = resolve(process.env.BENCH_APP_ROOT ?? resolve(import.meta.dirname, '..'));
const MLFLOW = process.env.BENCH_MLFLOW ?? '/opt/mlflow-venv/bin/mlflow';
const REQUESTS = Number(process.env.BENCH_MLFLOW_REQUESTS ?? 200); // timed requests per client
const WARMUP = 5; // per client, before the clock starts (connections, JIT, first inserts)
const CAP_SECONDS = Number(process.env.BENCH_MLFLOW_SECONDS ?? 120); // per phase: clients stop starting requests after this
const CLIENT_COUNTS = [1, 4];
const BATCH = 1000;
const KEYS = [
  'loss',
  'val_loss',
  'accuracy',
  'val_accuracy',
  'learning_rate',
  'grad_norm',
  'samples_per_sec',
  'epoch_seconds',
];
const STEPS_PER_REQUEST = BATCH / KEYS.length;
const REQUEST_TIMEOUT_MS = 60_000;
const API = '/api/2.0/mlflow';

interface Target {
  base: string; // http://127.0.0.1:PORT
  headers: Record<string, string>;
  stop(): Promise<{ lag?: Record<string, number>; note?: string }>;
}

const live = new Set<ChildProcess>();
const groups = new WeakSet<ChildProcess>(); // spawned detached: signalled as a process group
const dirs = new Set<string>(); // fresh data dirs, removed even when interrupted
const killAll = () => {
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

async function startBenchtop(dataDir: string): Promise<Target> {
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

async function startMlflow(dataDir: string): Promise<Target & { version: string }> {
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

async function call(target: Target, path: string, body: unknown): Promise<unknown> {
  const response = await fetchRetrying(`${target.base}${API}${path}`, {
    method: 'POST',
    headers: { ...target.headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(
      `POST ${API}${path} → ${response.status} ${text.replace(/\s+/g, ' ').slice(0, 160)}`,
    );
  return text ? (JSON.parse(text) as unknown) : {};
}

/** A deterministic, full-precision value per (client, key, step), so the stored history can be checked exactly. */
function value(client: number, k: number, step: number): number {
  let x = Math.imul((client * 7919 + k * 104729 + step) | 0, 0x9e3779b1);
  x ^= x >>> 15;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  const noise = (x >>> 0) / 4294967296;
  const decay = Math.exp(-step / 6000);
  return k % 2 === 0 ? decay * (2.5 + k) + 0.02 * noise : 1 - decay * 0.9 + 0.01 * noise;
}

function batchBody(runId: string, client: number, request: number): string {
  const timestamp = Date.now();
  const metrics = [];
  for (let s = 0; s < STEPS_PER_REQUEST; s++) {
    const step = request * STEPS_PER_REQUEST + s;
    for (let k = 0; k < KEYS.length; k++)
      metrics.push({ key: KEYS[k]!, value: value(client, k, step), timestamp, step });
  }
  return JSON.stringify({ run_id: runId, metrics });
}

const percentile = (sorted: number[], p: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
    : NaN;
const round1 = (n: number) => Math.round(n * 10) / 10;

interface ClientResult {
  latencies: number[];
  accepted: number;
  errors: number;
  firstError?: string;
  capped: boolean;
}

async function client(
  target: Target,
  runId: string,
  c: number,
  from: number,
  count: number,
  deadline: number,
): Promise<ClientResult> {
  const result: ClientResult = { latencies: [], accepted: 0, errors: 0, capped: false };
  let consecutive = 0;
  for (let i = from; i < from + count; i++) {
    if (performance.now() > deadline) {
      result.capped = true;
      break;
    }
    const body = batchBody(runId, c, i); // built before the clock starts
    const t0 = performance.now();
    try {
      const response = await fetchRetrying(`${target.base}${API}/runs/log-batch`, {
        method: 'POST',
        headers: { ...target.headers, 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      result.latencies.push(performance.now() - t0);
      if (!response.ok)
        throw new Error(
          `log-batch → ${response.status} ${text.replace(/\s+/g, ' ').slice(0, 160)}`,
        );
      result.accepted += BATCH;
      consecutive = 0;
    } catch (e) {
      result.errors++;
      result.firstError ??= (e as Error).message;
      if (++consecutive >= 5) break; // the server is refusing, not slow
    }
  }
  return result;
}

/** Reads one key's whole history back (following page tokens) and compares it with what was sent. */
async function historyOk(
  target: Target,
  runId: string,
  c: number,
  requests: number,
): Promise<true | string> {
  const k = 0;
  const got: { step: number; value: number }[] = [];
  let pageToken = '';
  do {
    const query = new URLSearchParams({
      run_id: runId,
      run_uuid: runId,
      metric_key: KEYS[k]!,
      max_results: '25000',
    });
    if (pageToken) query.set('page_token', pageToken);
    const response = await fetch(`${target.base}${API}/metrics/get-history?${query}`, {
      headers: target.headers,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!response.ok) return `get-history → ${response.status}`;
    const page = (await response.json()) as {
      metrics?: { step: number; value: number | string }[];
      next_page_token?: string;
    };
    for (const m of page.metrics ?? []) got.push({ step: Number(m.step), value: Number(m.value) });
    pageToken = page.next_page_token ?? '';
  } while (pageToken);
  const expected = requests * STEPS_PER_REQUEST;
  if (got.length !== expected) return `${got.length} of ${expected} points of ${KEYS[k]} stored`;
  got.sort((a, b) => a.step - b.step);
  const wrong = got.findIndex((m, step) => m.step !== step || m.value !== value(c, k, step));
  return wrong < 0
    ? true
    : `step ${wrong}: got ${JSON.stringify(got[wrong])}, sent ${value(c, k, wrong)}`;
}

async function phase(target: Target, clients: number) {
  const experimentId = (
    (await call(target, '/experiments/create', { name: `ingest-bench-${Date.now()}` })) as {
      experiment_id: string;
    }
  ).experiment_id;
  const runIds: string[] = [];
  for (let c = 0; c < clients; c++) {
    const { run } = (await call(target, '/runs/create', {
      experiment_id: experimentId,
      user_id: 'bench',
      run_name: `client-${c}`,
      start_time: Date.now(),
      tags: [],
    })) as {
      run: { info: { run_id?: string; run_uuid?: string } };
    };
    runIds.push(run.info.run_id ?? run.info.run_uuid ?? '');
  }
  const warm = await Promise.all(runIds.map((id, c) => client(target, id, c, 0, WARMUP, Infinity)));
  const warmError = warm.find((w) => w.errors)?.firstError;
  if (warmError) throw new Error(warmError);
  const t0 = performance.now();
  const results = await Promise.all(
    runIds.map((id, c) => client(target, id, c, WARMUP, REQUESTS, t0 + CAP_SECONDS * 1000)),
  );
  const seconds = (performance.now() - t0) / 1000;
  const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const accepted = results.reduce((n, r) => n + r.accepted, 0);
  const errors = results.reduce((n, r) => n + r.errors, 0);
  const sent = results.map((r) => WARMUP + r.latencies.length);
  const check = errors ? 'skipped: errors' : await historyOk(target, runIds[0]!, 0, sent[0]!);
  for (const id of runIds)
    await call(target, '/runs/update', {
      run_id: id,
      run_uuid: id,
      status: 'FINISHED',
      end_time: Date.now(),
    }).catch(() => undefined);
  return {
    clients,
    requests: latencies.length,
    points: accepted,
    seconds: round1(seconds),
    points_per_sec: Math.round(accepted / seconds),
    p50_ms: round1(percentile(latencies, 50)),
    p99_ms: round1(percentile(latencies, 99)),
    max_ms: round1(latencies.at(-1) ?? NaN),
    errors,
    ...(errors ? { first_error: results.find((r) => r.firstError)?.firstError } : {}),
    ...(results.some((r) => r.capped) ? { capped_at_s: CAP_SECONDS } : {}),
    history_ok: check,
  };
}

type PhaseResult = Awaited<ReturnType<typeof phase>> & {
  lag?: Record<string, number>;
  note?: string;
};
type Side = { error?: string; [phase: `clients_${number}`]: PhaseResult };

/** One phase on a fresh server and store; a failure lands in `side.error` (the lag line comes at SIGTERM). */
async function measure(
  side: Side,
  start: (dir: string) => Promise<Target>,
  prefix: string,
  clients: number,
  report: Record<string, unknown>,
) {
  const dir = mkdtempSync(join(tmpdir(), `benchtop-bench-${prefix}-`));
  dirs.add(dir);
  try {
    const target = await start(dir);
    if ('version' in target) report.version = target.version;
    let measured: Awaited<ReturnType<typeof phase>> | undefined;
    let failure: unknown;
    try {
      measured = await phase(target, clients);
    } catch (e) {
      failure = e;
    }
    const stopped = await target.stop();
    if (failure) throw failure;
    side[`clients_${clients}`] = { ...measured!, ...stopped };
  } catch (e) {
    const message = (e as Error).message;
    const hint =
      prefix === 'benchtop' && /→ (401|404) /.test(message)
        ? ` (this build does not serve the MLflow API under ${API}, or refused the Bearer token)`
        : '';
    side.error = message + hint;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    dirs.delete(dir);
  }
}

// Interleaved by client count, so a machine that gets busier during the run skews neither side
// alone; a side's failure (no build, an API answering 404, no server) skips its later phases.
const mlflowInfo: Record<string, unknown> = {};
const benchtop: Side = {};
const mlflow: Side | 'missing' = existsSync(MLFLOW) ? {} : 'missing';
for (const clients of CLIENT_COUNTS) {
  if (!benchtop.error) await measure(benchtop, startBenchtop, 'benchtop', clients, {});
  if (mlflow !== 'missing' && !mlflow.error)
    await measure(mlflow, startMlflow, 'mlflow', clients, mlflowInfo);
}
killAll();

const pps = (s: Side | 'missing', clients: number) =>
  s === 'missing' ? undefined : s[`clients_${clients}`]?.points_per_sec;
const ratio = (clients: number) => {
  const ours = pps(benchtop, clients);
  const theirs = pps(mlflow, clients);
  return ours && theirs ? Number((ours / theirs).toFixed(3)) : null;
};
console.log(
  JSON.stringify({
    name: 'mlflow_ingest',
    batch: BATCH,
    keys: KEYS.length,
    requests_per_client: REQUESTS,
    warmup_requests_per_client: WARMUP,
    time_cap_s: CAP_SECONDS,
    benchtop,
    baseline: `mlflow server ${String(mlflowInfo.version ?? '?')} (sqlite store, default 4 uvicorn workers), same requests, no token`,
    mlflow,
    ratio: ratio(1),
    ratio_4_clients: ratio(4),
  }),
);
