import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchtop } from '../../testing/runCli.js';
import { DRIFTED, writeShiftedIris } from '../../testing/shiftedData.js';
import { SAMPLES } from '../../testing/tempDir.js';
import { createCore } from '../core.js';

describe('closing the app mid-pipeline', () => {
  const root = mkdtempSync(join(tmpdir(), 'benchtop-shutdown-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('ends the pipeline interrupted at the step it was in, and registers nothing', async () => {
    const dataDir = join(root, 'data');
    const cli = (...args: string[]) => benchtop(['--data-dir', dataDir, ...args]);
    const train = await cli(
      'train',
      '--data',
      join(SAMPLES, 'iris.csv'),
      '--target',
      'species',
      '--epochs',
      '150',
      '--batch-size',
      '8',
      '--json',
    );
    expect((await cli('register', '--run', String(train.json().id), '--name', 'iris')).code).toBe(
      0,
    );

    const core = createCore({ dataDir });
    core.automation.start(50);
    const training = new Promise<void>((resolve) => {
      const stop = core.events.subscribe((e) => {
        if (e.type === 'run.status' && e.status === 'running') {
          stop();
          resolve();
        }
      });
    });
    const started = await core.call('automation.run', {
      model: 'iris',
      path: writeShiftedIris(root, 'shifted.csv', DRIFTED),
      wait: false,
    });
    await training;
    await core.close();

    const [p] = (await cli('pipeline', 'list', '--json')).json();
    expect(p).toMatchObject({ id: started.id, status: 'interrupted', candidate_version_id: null });
    expect(p.steps.map((s: { status: string }) => s.status)).toEqual([
      'done',
      'done',
      'interrupted',
      'pending',
      'pending',
      'pending',
    ]);
    expect(p.steps[2].detail).toMatch(/^the app stopped during this step/);
    expect((await cli('models', '--json')).json()[0].versions).toHaveLength(1);
  }, 300_000);
});
