import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { TERMINAL_STATUSES } from '../shared/domain.js';
import { startLoadRig } from '../bench/loadRig.js';

/**
 * Memory soak (not in CI): `benchtop serve`'s main process under continuous load — 8
 * training runs kept going (a new one starts when one ends), drift checks back to back, a
 * polling browser tab — sampling main's RSS and heap every few seconds. Prints each sample to
 * stderr and one JSON line of the trend: the slope of heap and RSS over the second half (after
 * warm-up) in MB per minute, and first/last-minute means.
 *
 *   node --import tsx scripts/memory-soak.ts [--minutes 30] [--runs 10000] [--every 5]
 */
const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    runs: { type: 'string', default: '10000' },
    every: { type: 'string', default: '5' },
  },
});
const minutes = Number(values.minutes);
const everyMs = Number(values.every) * 1000;
const JOBS = 8;

const rig = await startLoadRig({ runs: Number(values.runs), jobs: JOBS + 1 });
const active = new Set<number>();
let started = 0;
let stopping = false;
const keepTraining = async () => {
  while (!stopping && active.size < JOBS) {
    const runId = await rig.train(200, started++);
    active.add(runId);
  }
};
const ended: Record<string, number> = {};
const firstFailures: string[] = [];
rig.core.events.subscribe((e) => {
  if (e.type !== 'run.status' || !TERMINAL_STATUSES.includes(e.status) || !active.delete(e.runId))
    return;
  ended[e.status] = (ended[e.status] ?? 0) + 1;
  if (e.status === 'failed' && firstFailures.length < 3)
    firstFailures.push(`run ${e.runId}: ${e.error}`);
  void keepTraining();
});
await keepTraining();
const drift = rig.driftLoop();

const MB = 1024 * 1024;
const samples: { t: number; rss: number; heap: number }[] = [];
const t0 = performance.now();
while (performance.now() - t0 < minutes * 60_000) {
  await sleep(everyMs);
  const m = process.memoryUsage();
  const s = { t: (performance.now() - t0) / 60_000, rss: m.rss / MB, heap: m.heapUsed / MB };
  samples.push(s);
  console.error(
    `memory-soak: ${s.t.toFixed(2)} min rss ${s.rss.toFixed(1)} MB heap ${s.heap.toFixed(1)} MB runs started ${started} ended ${JSON.stringify(ended)}`,
  );
}
stopping = true;
for (const runId of active) await rig.post('jobs.cancel', { runId });
await drift.stop();
const tab = await rig.closeTab();
await rig.close();

/** Least-squares slope of y over t (MB per minute). */
const slope = (points: { t: number; y: number }[]) => {
  const n = points.length;
  const mt = points.reduce((a, p) => a + p.t, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const num = points.reduce((a, p) => a + (p.t - mt) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.t - mt) ** 2, 0);
  return den ? num / den : 0;
};
const half = samples.slice(Math.floor(samples.length / 2));
const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / Math.max(xs.length, 1);
const firstMinute = samples.filter((s) => s.t <= 1);
const lastMinute = samples.filter((s) => s.t >= minutes - 1);
const round = (x: number) => Number(x.toFixed(2));
// The heap after GC (its lowest sample) per 5-minute window: a leak raises this floor.
const floors = Array.from({ length: Math.ceil(minutes / 5) }, (_, w) =>
  round(Math.min(...samples.filter((s) => s.t >= w * 5 && s.t < (w + 1) * 5).map((s) => s.heap))),
);
console.log(
  JSON.stringify({
    name: 'memory_soak',
    minutes,
    samples: samples.length,
    training_runs_started: started,
    training_runs_ended: ended,
    first_failures: firstFailures,
    drift_checks: drift.checks,
    ui_requests: tab.requests,
    ui_errors: tab.errors,
    heap_mb_first_minute: round(mean(firstMinute.map((s) => s.heap))),
    heap_mb_last_minute: round(mean(lastMinute.map((s) => s.heap))),
    rss_mb_first_minute: round(mean(firstMinute.map((s) => s.rss))),
    rss_mb_last_minute: round(mean(lastMinute.map((s) => s.rss))),
    heap_mb_floor_per_5_min: floors,
    rss_mb_max: round(Math.max(...samples.map((s) => s.rss))),
    heap_slope_mb_per_min_second_half: round(slope(half.map((s) => ({ t: s.t, y: s.heap })))),
    rss_slope_mb_per_min_second_half: round(slope(half.map((s) => ({ t: s.t, y: s.rss })))),
    note: 'CPU shared with other work on this machine',
  }),
);
