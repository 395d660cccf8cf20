import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { BUSY, startLoadRig } from './loadRig.js';

/**
 * Load: the main process of `benchtop serve` with 10,000 runs in its store, 8 training jobs
 * and a drift job running, and a browser tab (loadPoller.ts, its own process) asking what the UI
 * asks. Measures main's event-loop lag and counts SQLITE_BUSY anywhere (answers, events, run
 * errors, server log). Baseline: the same process and tab with no jobs running (`ratio` =
 * loaded lag p99 ÷ baseline lag p99).
 *
 * BENCH_LOAD_RUNS (10000), BENCH_LOAD_SECONDS (60), BENCH_LOAD_BASELINE_SECONDS (15).
 */
const RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 10_000);
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const BASELINE_SECONDS = Number(process.env.BENCH_LOAD_BASELINE_SECONDS ?? 15);
const TRAINING_JOBS = 8;

const rig = await startLoadRig({ runs: RUNS, jobs: TRAINING_JOBS + 1 });

const lagOver = async (seconds: number) => {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  await sleep(seconds * 1000);
  h.disable();
  const ms = (ns: number) => Number((ns / 1e6).toFixed(1));
  return { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) };
};

await sleep(3000); // the tab's first load of the whole table
const idle = await lagOver(BASELINE_SECONDS);

const runIds: number[] = [];
for (let i = 0; i < TRAINING_JOBS; i++) runIds.push(await rig.train(10_000, i));
const drift = rig.driftLoop();
const t0 = performance.now();
const windowStartUs = process.hrtime.bigint() / 1000n;
const loaded = await lagOver(SECONDS);
// Under `node --cpu-prof`, the loaded window in the profile's clock, for scripts/long-tasks.ts.
const profileWindow = process.execArgv.some((a) => a.startsWith('--cpu-prof'))
  ? { profile_window_us: [Number(windowStartUs), Number(process.hrtime.bigint() / 1000n)] }
  : {};
const loadSeconds = (performance.now() - t0) / 1000;
const running = runIds.filter((id) => rig.core.store.runs.get(id)?.status === 'running').length;
const points = rig.core.store.db
  .prepare(`SELECT count(*) FROM metrics WHERE run_id IN (${runIds.join(',')})`)
  .pluck()
  .get() as number;

for (const runId of runIds) await rig.post('jobs.cancel', { runId });
await drift.stop();
const tab = await rig.closeTab();
const runErrors = runIds
  .map((id) => rig.core.store.runs.get(id)?.error ?? '')
  .filter((e) => BUSY.test(e)).length;
const busy =
  tab.busy +
  runErrors +
  rig.serverLog.filter((l) => BUSY.test(l)).length +
  drift.errors.filter((e) => BUSY.test(e)).length;
const serverErrors = rig.serverLog.length;
await rig.close();

console.log(
  JSON.stringify({
    name: 'load',
    runs_in_store: RUNS,
    demo_write_seconds: Number(rig.demoSeconds.toFixed(1)),
    training_jobs: TRAINING_JOBS,
    training_runs_running_at_end: running,
    metric_points_written: points,
    drift_checks: drift.checks,
    drift_errors: drift.errors.length,
    load_seconds: Number(loadSeconds.toFixed(1)),
    lag_ms: loaded,
    ui: {
      requests: tab.requests,
      errors: tab.errors,
      events: tab.events,
      latency_ms_p50: tab.latency_ms_p50,
      latency_ms_p99: tab.latency_ms_p99,
      first_errors: tab.first_errors,
    },
    sqlite_busy: busy,
    server_errors: serverErrors,
    baseline: 'the same main process and polling tab with no jobs running',
    baseline_lag_ms: idle,
    ratio: Number((loaded.p99 / Math.max(idle.p99, 0.1)).toFixed(2)),
    note: 'CPU shared with other work on this machine',
    ...profileWindow,
  }),
);
