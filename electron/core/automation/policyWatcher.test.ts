import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api.js';
import { benchtop } from '../../testing/runCli.js';
import { DRIFTED, writeShiftedIris } from '../../testing/shiftedData.js';
import { SAMPLES } from '../../testing/tempDir.js';
import { createCore, type Core } from '../core.js';

/** A file the watcher will take now (it waits for files younger than a second). */
const settled = (path: string): string => {
  const past = new Date(Date.now() - 60_000);
  utimesSync(path, past, past);
  return path;
};

describe('policies in the long-lived app', () => {
  const root = mkdtempSync(join(tmpdir(), 'benchtop-watch-'));
  const dataDir = join(root, 'data');
  let core: Core;

  beforeAll(async () => {
    const cli = (...args: string[]) => benchtop(['--data-dir', dataDir, ...args]);
    const train = await cli(
      'train',
      '--data',
      join(SAMPLES, 'iris.csv'),
      '--target',
      'species',
      '--epochs',
      '5',
      '--json',
    );
    expect((await cli('register', '--run', String(train.json().id), '--name', 'iris')).code).toBe(
      0,
    );
    core = createCore({ dataDir });
  }, 120_000);
  afterAll(async () => {
    await core.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('runs one pipeline at a time per model: a second trigger is refused with the reason', async () => {
    // The first on data that has not drifted: it ends after its drift check, nothing trained.
    const first = await core.call('automation.run', {
      model: 'iris',
      path: writeShiftedIris(root, 'a.csv', { sepal_width_cm: 0.01 }),
      wait: false,
    });
    expect(first.status).toBe('running');
    await expect(
      core.call('automation.run', {
        model: 'iris',
        path: writeShiftedIris(root, 'b.csv', { sepal_width_cm: 1 }),
        wait: false,
      }),
    ).rejects.toThrow(
      `model iris already has a pipeline running (#${first.id}); one pipeline runs at a time per model, try again when it ends`,
    );
    // A check meanwhile says the pipeline is at work and the new file waits: never "no new data".
    const busyInbox = join(root, 'busy-inbox');
    mkdirSync(busyInbox);
    settled(writeShiftedIris(busyInbox, 'c.csv', { sepal_width_cm: 0.5 }));
    const watching = await core.call('automation.createPolicy', {
      model: 'iris',
      watchDir: busyInbox,
      dataset: 'iris-busy',
    });
    const busy = await core.call('automation.checkNow', { id: watching.id });
    expect(busy.started).toEqual([]);
    expect(busy.message).toMatch(
      new RegExp(`^pipeline #${first.id} is [a-z ]+; 1 file wait for it to end$`),
    );
    await core.call('automation.deletePolicy', { id: watching.id });
    await core.automation.settled();
    expect(await core.call('automation.pipeline', { id: first.id })).toMatchObject({
      status: 'finished',
      triggered: false,
    });
    expect(await core.call('automation.pipelines', {})).toHaveLength(1);
  }, 300_000);

  it('imports a new file in the watched folder as a version of its dataset and runs the pipeline on it', async () => {
    const inbox = join(root, 'inbox');
    mkdirSync(inbox);
    const policy = await core.call('automation.createPolicy', {
      model: 'iris',
      watchDir: inbox,
      dataset: 'iris-inbox',
      trigger: 'drift',
      autoPromote: true,
    });
    // A file still being written (modified under a second ago) is not taken, and not "no new data".
    writeShiftedIris(inbox, 'arriving.csv', { sepal_width_cm: 0.3 });
    expect(await core.call('automation.checkNow', { id: policy.id })).toEqual({
      started: [],
      message: '1 file still being written; taken at the next check',
    });
    rmSync(join(inbox, 'arriving.csv'));
    writeFileSync(join(inbox, 'README.md'), 'not data');
    settled(join(inbox, 'README.md')); // old enough to be taken, were it a data file
    settled(writeShiftedIris(inbox, 'week-2.csv', { ...DRIFTED, sepal_width_cm: 0.8 }));
    const events: ApiEvent[] = [];
    const stop = core.events.subscribe((e) => events.push(e));
    const check = await core.call('automation.checkNow', { id: policy.id });
    stop();
    expect(check.started).toHaveLength(1);
    const p = await core.call('automation.pipeline', { id: check.started[0]! });
    expect(p).toMatchObject({ source: 'watch', policy_id: policy.id, triggered: true });
    expect(p.steps[0]!.detail).toMatch(/^imported as iris-inbox v1 \(150 rows\)$/);
    expect(p.candidate_version_id).not.toBeNull();
    expect(
      events
        .filter((e) => e.type === 'pipeline.status')
        .map((e) => (e as { status: string }).status),
    ).toEqual(['running', p.status]);
    // Seen files are not taken again.
    expect(await core.call('automation.checkNow', { id: policy.id })).toEqual({
      started: [],
      message: 'no new data',
    });
  }, 300_000);

  it('pauses a policy whose folder disappears, with the reason, from the app’s own timer', async () => {
    const [policy] = await core.call('automation.policies', {});
    rmSync(policy!.watch_dir!, { recursive: true });
    const changed = new Promise<void>((resolve) => {
      const stop = core.events.subscribe((e) => {
        if (e.type === 'policy.changed') {
          stop();
          resolve();
        }
      });
    });
    core.automation.start(20);
    await changed;
    core.automation.stop();
    const [paused] = await core.call('automation.policies', {});
    expect(paused).toMatchObject({
      enabled: true,
      paused_reason: `the watched folder ${policy!.watch_dir} does not exist`,
    });

    // A file where the folder was is no folder; enabling again re-checks and pauses again with that reason.
    writeFileSync(policy!.watch_dir!, 'x');
    const again = await core
      .call('automation.updatePolicy', { id: policy!.id, enabled: true })
      .catch((e: Error) => e.message);
    expect(again).toBe(`the watched path ${policy!.watch_dir} is not a folder`);

    // Disabling, or changing the trigger of, the paused policy still works: only a new folder or re-enabling checks it.
    const disabled = await core.call('automation.updatePolicy', {
      id: policy!.id,
      enabled: false,
      trigger: 'always',
    });
    expect(disabled).toMatchObject({ enabled: false, trigger: 'always' });
  });
});
