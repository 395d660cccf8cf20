import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES, useTempDirs } from '../testing/tempDir.js';
import { benchtop } from '../testing/runCli.js';

describe('benchtop register, models, alias, stage', () => {
  const tempDir = useTempDirs();

  it('registers runs as versions, moves aliases, sets stages, gates drift on the model, and moves a bundle', async () => {
    const dir = tempDir();
    const cli = (...args: string[]) => benchtop(['--data-dir', dir, ...args]);
    const train = await cli(
      'train',
      '--data',
      join(SAMPLES, 'iris.csv'),
      '--target',
      'species',
      '--epochs',
      '2',
      '--json',
    );
    expect(train.code).toBe(0);
    const runId = String(train.json().id);

    const v1 = await cli(
      'register',
      '--run',
      runId,
      '--name',
      'iris-clf',
      '--note',
      'first',
      '--json',
    );
    expect(v1.code).toBe(0);
    expect(v1.json()).toMatchObject({
      id: 1,
      model: 'iris-clf',
      version: 1,
      run_id: Number(runId),
      parent_id: null,
      dataset_id: 1,
      aliases: [],
      stage: 'none',
    });
    const v2 = await cli(
      'register',
      '--run',
      runId,
      '--name',
      'iris-clf',
      '--parent',
      '1',
      '--json',
    );
    expect(v2.json()).toMatchObject({ version: 2, parent_id: 1 });

    expect(
      (
        await cli('alias', '--model', 'iris-clf', '--version', '2', '--set', 'champion', '--json')
      ).json().aliases,
    ).toEqual(['champion']);
    expect(
      (
        await cli(
          'stage',
          '--model',
          'iris-clf',
          '--version',
          '2',
          '--to',
          'production',
          '--reason',
          'ship',
          '--json',
        )
      ).json().stage,
    ).toBe('production');
    const models = (await cli('models', '--json')).json();
    expect(models).toEqual([
      {
        name: 'iris-clf',
        versions: [
          expect.objectContaining({ version: 1 }),
          expect.objectContaining({ version: 2, aliases: ['champion'] }),
        ],
      },
    ]);
    expect(
      (
        await cli('alias', '--model', 'iris-clf', '--version', '2', '--unset', 'champion', '--json')
      ).json().aliases,
    ).toEqual([]);

    // drift --model compares against the model's training data.
    const drift = await cli(
      'drift',
      '--model',
      'iris-clf',
      '--current',
      join(SAMPLES, 'iris.csv'),
      '--fail-on-drift',
      '--json',
    );
    expect(drift.code).toBe(0);
    expect(drift.json()).toMatchObject({ reference_id: 1, dataset_drift: false });

    const bundle = join(tempDir(), 'iris-clf-v2.json');
    expect(
      (await cli('models', 'export', '--model', 'iris-clf', '--version', '2', '--out', bundle))
        .code,
    ).toBe(0);
    const other = tempDir();
    const imported = await benchtop(['--data-dir', other, 'models', 'import', bundle, '--json']);
    expect(imported.json()).toMatchObject({
      model: 'iris-clf',
      version: 1,
      run_id: null,
      existing: false,
    });
    const again = await benchtop(['--data-dir', other, 'models', 'import', bundle]);
    expect(again.stdout).toContain('already imported as iris-clf v1');
  });

  describe('bad input: exit 2 and one line', () => {
    const cases: [string, string[], string][] = [
      [
        'a run id that is not a number',
        ['register', '--run', 'abc', '--name', 'm'],
        'benchtop: --run must be a whole number, got "abc"',
      ],
      [
        'a run that does not exist',
        ['register', '--run', '7', '--name', 'm'],
        'benchtop: no run with id 7',
      ],
      [
        'an unknown stage',
        ['stage', '--model', 'm', '--version', '1', '--to', 'prod'],
        'benchtop: registry.stage: to: the stage must be one of none, staging, production, archived',
      ],
      [
        'both --set and --unset',
        ['alias', '--model', 'm', '--version', '1', '--set', 'a', '--unset', 'b'],
        'benchtop: alias needs exactly one of --set ALIAS or --unset ALIAS',
      ],
      [
        'a version of a model that does not exist',
        ['alias', '--model', 'm', '--version', '1', '--set', 'champion'],
        'benchtop: model m has no version 1',
      ],
      [
        'a bundle that is not one',
        ['models', 'import', join(SAMPLES, 'iris.csv')],
        'is not a Benchtop model bundle',
      ],
    ];
    for (const [what, args, message] of cases) {
      it(what, async () => {
        const { code, stdout, stderr } = await benchtop(['--data-dir', tempDir(), ...args]);
        expect([code, stdout]).toEqual([2, '']);
        expect(stderr.trim().split('\n')).toHaveLength(1);
        expect(stderr).toContain(message);
      });
    }
  });
});
