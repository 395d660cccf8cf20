import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createCore } from '../electron/core/core.js';
import { FOLLOW_EVERY_MS } from '../electron/core/importers/followSources.js';
import { encodeEvent, frameRecord } from '../electron/core/importers/tensorboard/testEvents.js';
import { RUNS, TOTAL, writeLogdir } from './runImportSources.js';

/**
 * Following a TensorBoard logdir as the app does (`runs.follow` in the core, as in main): a logdir
 * of BENCH_RUN_IMPORT_POINTS (2M) points in 32 runs is followed; then a writer appends one scalar
 * event to one run's file at random moments (0–1 s apart), BENCH_FOLLOW_WRITES (40) times, and each point is timed from
 * its write to the moment `runs.history` returns it (polled every 10 ms). Reported: the first
 * round (the whole import), write-to-queryable latency p50/p95/max, what a round costs when little
 * changed (a follow tails each file, it does not read the logdir again), and main's event-loop lag
 * while following. The baseline is TensorBoard's own reload loop: `--reload_interval` 5 s by
 * default (documented, not measured here: it needs a browser polling its HTTP API). One JSON line.
 */
const WRITES = Number(process.env.BENCH_FOLLOW_WRITES ?? 40);
const work = mkdtempSync(join(tmpdir(), 'benchtop-bench-follow-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

const logdir = join(work, 'logs');
writeLogdir(logdir);
const core = createCore({ dataDir: join(work, 'data') });
const lag = monitorEventLoopDelay({ resolution: 10 });
try {
  let t = performance.now();
  const followed = await core.call('runs.follow', { path: logdir, experiment: 'bench' });
  const firstRoundS = (performance.now() - t) / 1000;
  if (followed.metric_points !== TOTAL)
    throw new Error(`follow imported ${followed.metric_points} points, expected ${TOTAL}`);

  const runDir = join(logdir, 'bench-0', 'run-000');
  const file = join(runDir, readdirSync(runDir)[0]!);
  const [run] = await core.call('runs.tracked', {
    ids: (await core.call('runs.query', { filter: 'name = "bench-0/run-000"' })).ids,
  });
  lag.enable();
  const latencies: number[] = [];
  for (let i = 0; i < WRITES; i++) {
    const step = 10_000_000 + i;
    appendFileSync(
      file,
      frameRecord(
        encodeEvent({
          wallTime: Date.now() / 1000,
          step,
          values: [{ tag: 'live/probe', simple: i }],
        }),
      ),
    );
    t = performance.now();
    for (;;) {
      const { points } = await core.call('runs.history', {
        uid: run!.uid,
        key: 'live/probe',
        offset: i,
      });
      if (points.some((p) => p.step === step)) break;
      if (performance.now() - t > 30_000) throw new Error(`point ${i} did not arrive within 30 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
    latencies.push(performance.now() - t);
    // A random pause: writes land anywhere in the follow's one-second cycle, not just after a round.
    await new Promise((r) => setTimeout(r, Math.random() * FOLLOW_EVERY_MS));
  }
  lag.disable();
  // A round when nothing changed: the tail reads no old bytes, so its cost is the logdir scan.
  const [info] = await core.call('runs.following', {});
  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!);
  console.log(
    JSON.stringify({
      bench: 'follow',
      source: 'tensorboard logdir',
      points: TOTAL,
      runs: RUNS,
      first_round_s: Number(firstRoundS.toFixed(2)),
      first_round_points_per_s: Math.round(TOTAL / firstRoundS),
      writes: WRITES,
      follow_every_ms: FOLLOW_EVERY_MS,
      latency_ms: { p50: q(0.5), p95: q(0.95), max: Math.round(latencies.at(-1)!) },
      arrived: info!.metric_points - TOTAL,
      main_lag_ms: { p99: Math.round(lag.percentile(99) / 1e6), max: Math.round(lag.max / 1e6) },
      baseline: {
        tensorboard_reload_interval_ms: 5000,
        how: "TensorBoard's default --reload_interval (documented, not measured)",
      },
      ratio: Number((5000 / q(0.5)).toFixed(2)),
    }),
  );
} finally {
  await core.close();
}
