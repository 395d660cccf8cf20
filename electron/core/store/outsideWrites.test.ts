import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api.js';
import { useTempDirs } from '../../testing/tempDir.js';
import { createCore, type Core } from '../core.js';
import { writeDemoRuns } from '../runs/demoRuns.js';

/** Two cores on one data directory: the open app, and a `benchtop` command beside it. */
describe('watchOutsideWrites: what another process writes shows up in the open app', () => {
  const tempDir = useTempDirs();
  const open: Core[] = [];
  afterEach(async () => {
    for (const core of open.splice(0)) await core.close();
  });
  function pair() {
    const dir = tempDir();
    const app = createCore({ dataDir: dir });
    const cli = createCore({ dataDir: dir });
    open.push(app, cli);
    const events: ApiEvent[] = [];
    app.events.subscribe((e) => events.push(e));
    const look = () => {
      events.length = 0;
      app.outsideWrites.check();
      return [...events];
    };
    return { dir, app, cli, look };
  }
  const demo = (core: Core, dir: string, runs: number) =>
    writeDemoRuns(core.store, dir, { runs, points: 2, params: 2, metrics: 1, curves: 1 });

  it('announces each new run and a new dataset', async () => {
    const { dir, cli, look } = pair();
    expect(look()).toEqual([]);
    const ids = await demo(cli, dir, 3);
    const seen = look();
    expect(seen.filter((e) => e.type === 'run.status').map((e) => e.runId)).toEqual(ids);
    expect(seen).toContainEqual({ type: 'store.changed', areas: ['datasets'] });
    expect(look()).toEqual([]); // nothing new since
  });

  it('announces status changes of runs it saw unfinished', () => {
    const { cli, look } = pair();
    const dataset = cli.store.db
      .prepare(
        `INSERT INTO datasets (name, version, hash, file_name, bytes, rows, columns, storage_path, created_at)
         VALUES ('d', 1, 'h', 'd.csv', 1, 1, '[]', 'p', 'x') RETURNING id`,
      )
      .pluck()
      .get() as number;
    const run = cli.store.runs.create({
      experiment_id: cli.store.experiments.ensure('Default'),
      dataset_id: dataset,
      model: 'logistic',
      task: 'binary',
      target: 't',
    });
    expect(look()).toContainEqual({
      type: 'run.status',
      runId: run,
      status: 'queued',
      error: null,
    });
    const setStatus = cli.store.db.prepare('UPDATE runs SET status = ?, error = ? WHERE id = ?');
    setStatus.run('running', null, run);
    expect(look()).toEqual([{ type: 'run.status', runId: run, status: 'running', error: null }]);
    setStatus.run('failed', 'out of memory', run);
    expect(look()).toEqual([
      { type: 'run.status', runId: run, status: 'failed', error: 'out of memory' },
    ]);
  });

  it('finds a new run that takes the id of a purged one', async () => {
    const { dir, cli, look } = pair();
    const ids = await demo(cli, dir, 3);
    look();
    const repo = cli.store.explorer;
    repo.softDelete([ids[2]!]);
    repo.purgeDeleted(new Date(Date.now() + 60_000).toISOString());
    look();
    const [again] = await demo(cli, dir, 1);
    expect(again).toBe(ids[2]);
    expect(look()).toContainEqual(expect.objectContaining({ type: 'run.status', runId: again }));
  });

  it("stays quiet about the app's own writes", async () => {
    const { dir, app, look } = pair();
    await demo(app, dir, 3);
    expect(look()).toEqual([]);
  });

  it('a batch of runs is one reload of the lists, not an event per run', async () => {
    const { dir, cli, look } = pair();
    await demo(cli, dir, 150);
    const seen = look();
    expect(seen.filter((e) => e.type === 'run.status')).toEqual([]);
    expect(seen).toContainEqual({ type: 'store.changed', areas: ['runs', 'datasets'] });
  });
});
