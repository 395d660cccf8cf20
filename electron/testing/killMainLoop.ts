import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/core.js';

/** Metric keys each driver job streams (see metricDriver.ts). */
export const DRIVER_KEYS = 8;

export interface KillRound {
  /** How long after the driver's first metric commit it was killed. */
  delayMs: number;
  /** Runs the driver reported created, and points it reported committed, before the kill. */
  runsReported: number;
  pointsReported: number;
  /** Runs that start-up found left queued/running by the killed process and marked interrupted. */
  orphansMarked: number;
  integrity: string;
  /** Metric rows in the store after the restart (never fewer than after the round before). */
  metricRows: number;
}

/** A driver that has not committed a metric by then is stuck (killed, and the round fails). */
const STALL_MS = 60_000;

const driverPath = fileURLToPath(
  new URL(
    import.meta.url.endsWith('.ts') ? './metricDriver.ts' : './metricDriver.js',
    import.meta.url,
  ),
);

/**
 * Starts the metric driver on `dataDir`, SIGKILLs it `delayMs` after its first commit, then
 * opens the store the way the app starts and checks it: integrity_check is ok, every run and
 * metric reported committed before the kill is there, and no run is left queued or running.
 * Throws an Error naming the first thing that is wrong.
 */
export async function killMainOnce(dataDir: string, delayMs: number, jobs = 2): Promise<KillRound> {
  const { runs, committed } = await runAndKill(dataDir, delayMs, jobs);
  const core = createCore({ dataDir });
  try {
    const store = core.store;
    const integrity = store.maintenance.integrityCheck();
    if (integrity !== 'ok') throw new Error(`integrity_check after the kill: ${integrity}`);
    let pointsReported = 0;
    for (const [runId, step] of committed) {
      const expected = (step + 1) * DRIVER_KEYS;
      const found = store.metrics.countPoints({ runId, throughStep: step });
      if (found !== expected)
        throw new Error(
          `run ${runId}: ${found} of ${expected} committed metric rows (steps 0–${step}) survived`,
        );
      // Every key's latest point must have reached the committed step.
      const steps = store.metrics.latestPoints(runId).map((p) => p.step);
      if ((steps.length ? Math.min(...steps) : -1) < step)
        throw new Error(`run ${runId}: latest_metrics is behind its committed step ${step}`);
      pointsReported += expected;
    }
    let orphansMarked = 0;
    for (const runId of runs) {
      const row = store.runs.get(runId);
      if (!row) throw new Error(`run ${runId} was reported created but is gone`);
      if (row.status !== 'interrupted')
        throw new Error(`run ${runId} is ${row.status} after start-up, not interrupted`);
      orphansMarked++;
    }
    const unfinished = store.runs.unfinished().length;
    if (unfinished !== 0)
      throw new Error(`${unfinished} runs are still queued or running after start-up`);
    const metricRows = store.metrics.countPoints();
    return {
      delayMs,
      runsReported: runs.length,
      pointsReported,
      orphansMarked,
      integrity,
      metricRows,
    };
  } finally {
    await core.close();
  }
}

async function runAndKill(dataDir: string, delayMs: number, jobs: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', driverPath, dataDir, String(jobs)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const runs: number[] = [];
  const committed = new Map<number, number>();
  let stderr = '';
  let buffered = '';
  let killTimer: NodeJS.Timeout | undefined;
  const stalled = setTimeout(() => child.kill('SIGKILL'), STALL_MS);
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (buffered + chunk.toString()).split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const [what, a, b] = line.split(' ');
      if (what === 'run') runs.push(Number(a));
      else if (what === 'committed') {
        // The clock starts at the first commit: the kill lands while metrics are streaming.
        killTimer ??= setTimeout(() => child.kill('SIGKILL'), delayMs);
        committed.set(Number(a), Number(b));
      }
    }
  });
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve) => child.on('close', (code, signal) => resolve({ code, signal })),
  );
  clearTimeout(killTimer);
  clearTimeout(stalled);
  if (!killTimer)
    throw new Error(
      `the driver committed no metrics within ${STALL_MS / 1000} s: ${stderr.trim()}`,
    );
  if (exit.signal !== 'SIGKILL')
    throw new Error(`the driver ended by itself (code ${exit.code}): ${stderr.trim()}`);
  // Reaped and its output read by now ('close'), so start-up sees its pid as gone.
  return { runs, committed };
}
