import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchtop } from '../../testing/runCli.js';
import { DRIFTED, writeShiftedIris } from '../../testing/shiftedData.js';
import { SAMPLES } from '../../testing/tempDir.js';

const CLI_FROM_SOURCE = join(import.meta.dirname, '..', '..', 'testing', 'cliProcess.ts');

/** Resolves once the pipeline's train step is running and its training run has started. */
async function untilTraining(dbFile: string, stop: () => boolean): Promise<void> {
  for (;;) {
    if (stop()) throw new Error('the pipeline process ended before its train step ran');
    try {
      const db = new Database(dbFile, { readonly: true, fileMustExist: true });
      try {
        const row = db
          .prepare(
            `SELECT 1 FROM pipeline_steps s JOIN pipeline_runs p ON p.id = s.pipeline_id JOIN runs r ON r.id = p.run_id
             WHERE s.name = 'train' AND s.status = 'running' AND r.status = 'running'`,
          )
          .get();
        if (row) return;
      } finally {
        db.close();
      }
    } catch {
      // the database or its tables may not exist yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a pipeline killed mid-step', () => {
  const root = mkdtempSync(join(tmpdir(), 'benchtop-restart-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is marked interrupted on restart with nothing half-registered, and the same data resumes it to one child version', async () => {
    const dir = join(root, 'data');
    const cli = (...args: string[]) => benchtop(['--data-dir', dir, ...args]);
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
    expect(train.code).toBe(0);
    expect((await cli('register', '--run', String(train.json().id), '--name', 'iris')).code).toBe(
      0,
    );
    const data = writeShiftedIris(root, 'shifted.csv', DRIFTED);

    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        CLI_FROM_SOURCE,
        '--data-dir',
        dir,
        'pipeline',
        'run',
        '--model',
        'iris',
        '--data',
        data,
        '--json',
      ],
      {
        stdio: 'ignore',
      },
    );
    let exited = false;
    const gone = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    void gone.then(() => (exited = true));
    await untilTraining(join(dir, 'benchtop.db'), () => exited);
    child.kill('SIGKILL');
    await gone;

    // Restart: the pipeline and its run are found left running by a dead process.
    const [p] = (await cli('pipeline', 'list', '--json')).json();
    expect(p).toMatchObject({ status: 'interrupted', candidate_version_id: null, promoted: false });
    expect(p.reason).toMatch(/^interrupted: the app stopped mid-pipeline/);
    expect(p.steps.map((s: { status: string }) => s.status)).toEqual([
      'done',
      'done',
      'interrupted',
      'pending',
      'pending',
      'pending',
    ]);
    expect(p.steps[2].detail).toMatch(/ended before it finished/);
    const killedRun = p.run_id as number;
    expect(
      (await cli('runs', '--json')).json().find((r: { id: number }) => r.id === killedRun),
    ).toMatchObject({ status: 'interrupted' });
    expect((await cli('models', '--json')).json()[0].versions).toHaveLength(1);

    // Triggering again with the same data resumes that pipeline: one retraining, one child version.
    const resumed = await cli('pipeline', 'run', '--model', 'iris', '--data', data, '--json');
    const r = resumed.json();
    expect(r).toMatchObject({ id: p.id, existing: false });
    expect(['waiting', 'finished']).toContain(r.status);
    expect(r.steps.slice(0, 5).map((s: { status: string }) => s.status)).toEqual([
      'done',
      'done',
      'done',
      'done',
      'done',
    ]);
    expect(r.run_id).not.toBe(killedRun);
    const versions = (await cli('models', '--json')).json()[0].versions;
    expect(versions).toHaveLength(2);
    expect(versions[1]).toMatchObject({
      id: r.candidate_version_id,
      parent_id: versions[0].id,
      run_id: r.run_id,
    });
    expect((await cli('pipeline', 'list', '--json')).json()).toHaveLength(1);
  }, 300_000);
});
