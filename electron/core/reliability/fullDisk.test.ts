import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { canMount, mountTmpfs, unmount } from '../../testing/mounts.js';
import { benchtop } from '../../testing/runCli.js';
import { enableTestJobs } from '../../testing/syntheticJobs.js';
import { SAMPLES, useTempDirs } from '../../testing/tempDir.js';
import { waitForRunEnd } from '../../testing/waitForRun.js';
import { createCore, type Core } from '../core.js';

/**
 * A full disk: a size-limited tmpfs where we may mount (root in CI's container), else SQLite's
 * max_page_count, which makes the store fail with the same SQLITE_FULL a full disk gives.
 */
const CAN_MOUNT = canMount();
enableTestJobs(); // synthetic-metrics jobs fill the disk

describe('a full disk', () => {
  const tempDir = useTempDirs();
  const mounts: string[] = [];
  let core: Core | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
    for (const dir of mounts.splice(0)) unmount(dir);
  });

  const smallDir = (size: string) => {
    const dir = tempDir();
    if (CAN_MOUNT) {
      expect(mountTmpfs(dir, size)).toBe(true);
      mounts.push(dir);
    }
    return dir;
  };

  it(`fails the run writing metrics with a clear message, and keeps the store and every committed row (${CAN_MOUNT ? 'tmpfs of 2 MB' : 'no mount here: SQLite max_page_count'})`, async () => {
    const dataDir = smallDir('2m');
    core = createCore({ dataDir });
    const c = core;
    const { id } = await c.call('datasets.importSample', { name: 'iris' });
    const newRun = () =>
      c.store.runs.create({
        experiment_id: c.store.experiments.ensure('full'),
        dataset_id: id,
        model: 'logistic',
        task: 'multiclass',
        target: 'species',
      });
    const first = newRun();
    await c.jobs.run({ kind: 'synthetic-metrics', runId: first, points: 4000, batch: 400, keys: 8 })
      .done;
    if (!CAN_MOUNT)
      c.store.db.pragma(
        `max_page_count = ${(c.store.db.pragma('page_count', { simple: true }) as number) + 200}`,
      );

    const second = newRun();
    let committed = 0;
    let told: string | null = null;
    c.events.subscribe((e) => {
      if (e.type === 'run.metric' && e.runId === second) committed += e.points.length;
      if (e.type === 'run.status' && e.runId === second) told = e.error;
    });
    const { done } = c.jobs.run({
      kind: 'synthetic-metrics',
      runId: second,
      points: 1e8,
      batch: 400,
      keys: 8,
    });
    expect(await waitForRunEnd(c, second)).toBe('failed');
    await done;
    const message = `metrics could not be saved: the disk holding ${dataDir} is full: this change was not saved (everything saved before is intact); free some space and try again`;
    expect(told).toBe(message);
    // The failed status itself needs a page of the full disk: saved, or (no page left) still
    // "running" in the store until the next start marks it interrupted.
    const saved = c.store.runs.get(second)!;
    const endSaved = saved.status === 'failed';
    if (endSaved) expect(saved.error).toBe(message);
    else expect(saved.status).toBe('running');
    expect(committed).toBeGreaterThan(0);
    await c.close();
    core = undefined;

    if (CAN_MOUNT) expect(spawnSync('mount', ['-o', 'remount,size=64m', dataDir]).status).toBe(0); // space freed
    core = createCore({ dataDir });
    const db = core.store.db;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = db
      .prepare<[number], number>('SELECT count(*) FROM metrics WHERE run_id = ?')
      .pluck();
    expect(rows.get(first)).toBe(4000);
    expect(rows.get(second)).toBe(committed);
    expect(core.store.runs.get(second)!.status).toBe(endSaved ? 'failed' : 'interrupted');
    // With room again, writes go on.
    const third = newRunIn(core, id);
    core.store.params.set(third, { lr: 0.1 });
    expect(core.store.params.forRun(third)).toEqual({ lr: 0.1 });
  });

  it.skipIf(!CAN_MOUNT)(
    `the CLI says the disk is full in one line (exit 2) and the store stays intact${CAN_MOUNT ? '' : ' (skipped: no tmpfs mount here, and a CLI process has no max_page_count)'}`,
    async () => {
      const dataDir = smallDir('1200k');
      expect((await benchtop(['--data-dir', dataDir, 'import', `${SAMPLES}/iris.csv`])).code).toBe(
        0,
      );
      // Fill what is left, as another program would.
      spawnSync('dd', ['if=/dev/zero', `of=${dataDir}/filler`, 'bs=64k']);
      const r = await benchtop(['--data-dir', dataDir, 'import', `${SAMPLES}/wine.csv`]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /^benchtop: (cannot store wine\.csv: the disk holding the data directory is full|the disk holding .* is full|no space left on the disk)[^\n]*; free some space and try again\n$/,
      );
      spawnSync('rm', [`${dataDir}/filler`]);
      const list = await benchtop(['--data-dir', dataDir, 'datasets', '--json']);
      expect(list.json().map((d: { name: string }) => d.name)).toEqual(['iris']);
      core = createCore({ dataDir });
      expect(core.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    },
  );
});

function newRunIn(core: Core, datasetId: number): number {
  return core.store.runs.create({
    experiment_id: core.store.experiments.ensure('full'),
    dataset_id: datasetId,
    model: 'logistic',
    task: 'multiclass',
    target: 'species',
  });
}
