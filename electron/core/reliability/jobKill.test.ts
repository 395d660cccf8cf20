import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { enableTestJobs } from '../../testing/syntheticJobs.js';
import { useTempDirs } from '../../testing/tempDir.js';
import { waitForRunEnd } from '../../testing/waitForRun.js';
import { createCore, type Core } from '../core.js';

enableTestJobs(); // synthetic-metrics jobs to kill

/** Pids of this process's children whose command line mentions `needle` (Linux /proc). */
function childPids(needle: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === process.pid && readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(needle);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

describe.skipIf(!existsSync('/proc/self/stat'))('kill -9 of a job process mid-run', () => {
  const tempDir = useTempDirs();
  let core: Core | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });

  it('fails the run and keeps every metric committed before the kill', async () => {
    core = createCore({ dataDir: tempDir() });
    const c = core;
    const { id } = await c.call('datasets.importSample', { name: 'iris' });
    const runId = c.store.runs.create({
      experiment_id: c.store.experiments.ensure('faults'),
      dataset_id: id,
      model: 'logistic',
      task: 'multiclass',
      target: 'species',
    });
    let committedPoints = 0;
    let pointsAtKill = -1;
    const streaming = new Promise<void>((resolve) =>
      c.events.subscribe((e) => {
        if (e.type !== 'run.metric' || e.runId !== runId) return;
        committedPoints += e.points.length; // emitted after the group commit that wrote them
        if (committedPoints >= 20_000) resolve();
      }),
    );
    const { done } = c.jobs.run({
      kind: 'synthetic-metrics',
      runId,
      points: 1e9,
      batch: 400,
      keys: 8,
    });
    await streaming;

    const [pid, ...others] = childPids('jobWorker');
    expect(others).toEqual([]);
    const rowsBeforeKill = c.store.db
      .prepare('SELECT count(*) FROM metrics WHERE run_id = ?')
      .pluck()
      .get(runId) as number;
    pointsAtKill = committedPoints;
    process.kill(pid!, 'SIGKILL');
    expect(await waitForRunEnd(c, runId)).toBe('failed');
    await done;

    const run = c.store.runs.get(runId)!;
    expect(run.error).toMatch(/the job process was killed by SIGKILL/);
    const rowsAfter = c.store.db
      .prepare('SELECT count(*) FROM metrics WHERE run_id = ?')
      .pluck()
      .get(runId) as number;
    expect(rowsBeforeKill).toBeGreaterThanOrEqual(pointsAtKill);
    // Nothing committed is lost; batches already in the pipe when it died are written too.
    expect(rowsAfter).toBeGreaterThanOrEqual(rowsBeforeKill);
    expect(rowsAfter).toBe(committedPoints);
    expect(c.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The app carries on: the next job runs.
    const next = c.store.runs.create({
      experiment_id: c.store.experiments.ensure('faults'),
      dataset_id: id,
      model: 'logistic',
      task: 'multiclass',
      target: 'species',
    });
    await c.jobs.run({ kind: 'synthetic-metrics', runId: next, points: 800, batch: 400, keys: 8 })
      .done;
    expect(c.store.runs.get(next)!.status).toBe('finished');
  });
});
