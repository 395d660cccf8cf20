import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchRetrying } from './fetchRetrying.js';
import { dirs, killAll, MLFLOW, startBenchtop, startMlflow, type Target } from './mlflowServers.js';

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
