import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES, useTempDirs } from '../testing/tempDir.js';
import { benchtop } from '../testing/runCli.js';

describe('benchtop drift', () => {
  const tempDir = useTempDirs();
  const iris = join(SAMPLES, 'iris.csv');
  const firstRows = (dir: string, n: number) => {
    const path = join(dir, 'iris_head.csv');
    writeFileSync(
      path,
      readFileSync(iris, 'utf8')
        .split('\n')
        .slice(0, n + 1)
        .join('\n'),
    );
    return path;
  };

  it('prints one JSON report with the pinned fields; --fail-on-drift exits 1 only when the dataset drifts', async () => {
    const dir = tempDir();
    const drifted = await benchtop([
      '--data-dir',
      dir,
      'drift',
      '--reference',
      iris,
      '--current',
      firstRows(dir, 100),
      '--fail-on-drift',
      '--json',
    ]);
    expect([drifted.code, drifted.stderr]).toEqual([1, '']);
    const report = JSON.parse(drifted.stdout);
    expect(report).toMatchObject({ reference_rows: 150, current_rows: 100, dataset_drift: true });
    expect(typeof report.drift_share).toBe('number');
    for (const key of [
      'column',
      'kind',
      'test',
      'statistic',
      'p_value',
      'threshold',
      'drifted',
      'effect_size',
      'reference_missing',
      'current_missing',
    ]) {
      expect(report.columns[0]).toHaveProperty(key);
    }

    const same = await benchtop([
      '--data-dir',
      dir,
      'drift',
      '--reference',
      '1',
      '--current',
      '1',
      '--fail-on-drift',
      '--json',
    ]);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout).dataset_drift).toBe(false);

    const withoutGate = await benchtop([
      '--data-dir',
      dir,
      'drift',
      '--reference',
      iris,
      '--current',
      firstRows(dir, 100),
      '--json',
    ]);
    expect(withoutGate.code).toBe(0);
  });

  it('applies an explicit --numeric-test to every numeric column and --columns to the selection', async () => {
    const dir = tempDir();
    const { stdout, code } = await benchtop([
      '--data-dir',
      dir,
      'drift',
      '--reference',
      iris,
      '--current',
      iris,
      '--numeric-test',
      'psi',
      '--columns',
      'sepal_length_cm,petal_width_cm',
      '--json',
    ]);
    expect(code).toBe(0);
    expect(
      JSON.parse(stdout)
        .columns.map((c: { column: string; test: string }) => `${c.column}:${c.test}`)
        .sort(),
    ).toEqual(['petal_width_cm:psi', 'sepal_length_cm:psi']);
  });

  describe('bad input: exit 2 and one line', () => {
    const cases: [string, string[], string][] = [
      [
        'no --current',
        ['drift', '--reference', 'x.csv'],
        'benchtop: drift needs --current FILE_OR_DATASET_ID',
      ],
      [
        'an unknown test',
        ['drift', '--reference', '1', '--current', '1', '--numeric-test', 'ttest'],
        'benchtop: --numeric-test must be one of auto, ks, wasserstein, psi, jensenshannon; got "ttest"',
      ],
      [
        'a threshold that is not a number',
        ['drift', '--reference', '1', '--current', '1', '--threshold', 'high'],
        'benchtop: --threshold must be a number, got "high"',
      ],
      [
        'a reference that does not exist',
        ['drift', '--reference', 'nope.csv', '--current', '1'],
        'benchtop: no such file or dataset id: nope.csv',
      ],
      [
        'an unknown --model',
        ['drift', '--model', 'churn', '--current', join(SAMPLES, 'iris.csv')],
        'benchtop: no model named churn',
      ],
      [
        'both --model and --reference',
        ['drift', '--model', 'churn', '--reference', '1', '--current', '1'],
        'benchtop: give --reference or --model, not both',
      ],
    ];
    for (const [what, args, message] of cases) {
      it(what, async () => {
        const { code, stdout, stderr } = await benchtop(['--data-dir', tempDir(), ...args]);
        expect(code).toBe(2);
        expect(stdout).toBe('');
        expect(stderr.trim().split('\n')).toHaveLength(1);
        expect(stderr).toContain(message);
      });
    }
  });
});
