import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES, useTempDirs } from '../testing/tempDir.js';
import { benchtop } from '../testing/runCli.js';

const IRIS = join(SAMPLES, 'iris.csv');
const file = (dir: string, name: string, content: string): string => {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};
const rows = (n: number, f: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => f(i)).join('\n');

describe('benchtop train / predict / evaluate / sweep', () => {
  const tempDir = useTempDirs();

  it('train --json: the run object, metrics are the test split, params under flag names; predict and evaluate use the saved model', async () => {
    const dir = tempDir();
    const args = [
      '--data-dir',
      dir,
      'train',
      '--data',
      IRIS,
      '--target',
      'species',
      '--model',
      'mlp',
      '--hidden',
      '8,4',
      '--epochs',
      '3',
    ];
    const t = await benchtop([
      ...args,
      '--batch-size',
      '16',
      '--optimizer',
      'sgd',
      '--test-size',
      '0.3',
      '--param',
      'dropout=0.1',
      '--json',
    ]);
    expect([t.code, t.stderr]).toEqual([0, '']);
    const run = JSON.parse(t.stdout);
    expect(run).toMatchObject({
      id: 1,
      status: 'finished',
      model: 'mlp',
      task: 'multiclass',
      warnings: [],
      advice: [],
    });
    expect(run.params).toMatchObject({
      hidden: '8,4',
      epochs: 3,
      batch_size: 16,
      optimizer: 'sgd',
      lr: 0.01, // no --lr: an MLP's default for SGD
      test_size: 0.3,
      dropout: 0.1,
    });
    // The test split under test_* names; training and validation curves at their last epoch under theirs.
    const testKeys = Object.keys(run.metrics)
      .filter((k) => k.startsWith('test_'))
      .sort();
    expect(testKeys).toEqual([
      'test_accuracy',
      'test_f1_macro',
      'test_log_loss',
      'test_precision_macro',
      'test_recall_macro',
      'test_roc_auc',
    ]);
    expect(
      Object.keys(run.metrics)
        .filter((k) => !k.startsWith('test_'))
        .sort(),
    ).toEqual([
      'accuracy',
      'loss',
      'system/process_cpu_percentage',
      'system/process_rss_megabytes',
      'val_accuracy',
      'val_loss',
    ]);

    const out = join(dir, 'pred.csv');
    const p = await benchtop([
      '--data-dir',
      dir,
      'predict',
      '--run',
      '1',
      '--data',
      IRIS,
      '--out',
      out,
    ]);
    expect(p.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(151);
    expect(lines[0]).toBe(
      'sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,species,prediction,proba_setosa,proba_versicolor,proba_virginica',
    );

    const e = await benchtop([
      '--data-dir',
      dir,
      'evaluate',
      '--run',
      '1',
      '--data',
      IRIS,
      '--target',
      'species',
      '--json',
    ]);
    expect(e.code).toBe(0);
    // An evaluation on a given file reports the scorer's names: the test metrics without test_.
    expect(
      Object.keys(JSON.parse(e.stdout).metrics)
        .map((k) => `test_${k}`)
        .sort(),
    ).toEqual(testKeys);
  });

  it('train: a diverging loss says so in one line with a lower learning rate to try', async () => {
    const dir = tempDir();
    const diabetes = join(SAMPLES, 'diabetes.csv');
    const args = [
      '--data-dir',
      dir,
      'train',
      '--data',
      diabetes,
      '--target',
      'progression',
      '--model',
      'linear',
      '--optimizer',
      'sgd',
      '--lr',
      '0.3',
    ];
    const grew = await benchtop([...args, '--epochs', '6']);
    expect(grew.code).toBe(0);
    expect(grew.stdout.split('\n').slice(0, 2)).toEqual([
      expect.stringMatching(/^run 1 finished \(linear, regression/),
      'advice: loss diverged — try a lower learning rate (0.1)',
    ]);
    // Trained on until the loss overflows: the run stops there and fails, with the same advice.
    const overflowed = await benchtop([...args, '--epochs', '200', '--json']);
    expect(overflowed.code).toBe(1);
    const run = JSON.parse(overflowed.stdout);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^training stopped at epoch \d+: the loss became (NaN|infinite)$/);
    expect(run.advice).toEqual(['loss diverged — try a lower learning rate (0.1)']);
  });

  it('sweep --grid --json: {id, runs, best_run_id}, the best run by the metric', async () => {
    const dir = tempDir();
    const s = await benchtop([
      '--data-dir',
      dir,
      'sweep',
      '--data',
      IRIS,
      '--target',
      'species',
      '--model',
      'logistic',
      '--grid',
      'lr=0.1,0.01',
      '--epochs',
      '3',
      '--metric',
      'accuracy',
      '--json',
    ]);
    expect([s.code, s.stderr]).toEqual([0, '']);
    const sweep = JSON.parse(s.stdout);
    expect(sweep.id).toBe(1);
    expect(sweep.runs.map((r: { params: { lr: number } }) => r.params.lr).sort()).toEqual([
      0.01, 0.1,
    ]);
    // `--metric accuracy` (the old name) ranks by the test split: test_accuracy, not the last epoch's accuracy.
    expect(sweep.metric).toBe('test_accuracy');
    const best = Math.max(
      ...sweep.runs.map((r: { metrics: { test_accuracy: number } }) => r.metrics.test_accuracy),
    );
    expect(
      sweep.runs.find((r: { id: number }) => r.id === sweep.best_run_id).metrics.test_accuracy,
    ).toBe(best);
  });

  describe('bad input: one line on stderr, exit 2, nothing on stdout', () => {
    const cases: [string, (dir: string) => string[], string][] = [
      [
        'a constant target',
        (d) => [
          'train',
          '--data',
          file(d, 'c.csv', `x,y\n${rows(20, (i) => `${i},5`)}\n`),
          '--target',
          'y',
        ],
        'benchtop: target "y" is constant; nothing to learn',
      ],
      [
        'a target with one class',
        (d) => [
          'train',
          '--data',
          file(d, 'o.csv', `x,y\n${rows(20, (i) => `${i},yes`)}\n`),
          '--target',
          'y',
        ],
        'benchtop: target "y" has only one class; nothing to learn',
      ],
      [
        'a target with no values',
        (d) => [
          'train',
          '--data',
          file(d, 'n.csv', `x,y\n${rows(20, (i) => `${i},`)}\n`),
          '--target',
          'y',
        ],
        'benchtop: target "y" has no values',
      ],
      [
        'too few rows for the split',
        (d) => ['train', '--data', file(d, 'f.csv', 'x,y\n1,a\n2,b\n'), '--target', 'y'],
        'benchtop: too few rows for the split: 2 rows with test_size 0.2 and val_fraction 0.2 leave the test split empty',
      ],
      [
        'a learning rate out of range',
        () => ['train', '--data', IRIS, '--target', 'species', '--lr', '50'],
        'benchtop: --lr: learning rate must be at most 10',
      ],
      [
        'a dropout out of range',
        () => ['train', '--data', IRIS, '--target', 'species', '--param', 'dropout=2'],
        'benchtop: --param dropout: dropout must be at most 0.9',
      ],
      [
        'a bad hidden spec',
        () => [
          'train',
          '--data',
          IRIS,
          '--target',
          'species',
          '--model',
          'mlp',
          '--hidden',
          '64,x',
        ],
        'benchtop: --hidden: hidden must be layer sizes separated by commas, such as 64,32',
      ],
      [
        'an unknown optimizer',
        () => ['train', '--data', IRIS, '--target', 'species', '--optimizer', 'lbfgs'],
        'benchtop: --optimizer: optimizer must be adam, sgd or rmsprop',
      ],
      [
        'a batch size of zero',
        () => ['train', '--data', IRIS, '--target', 'species', '--batch-size', '0'],
        'benchtop: --batch-size: batch_size must be at least 1',
      ],
      [
        'a test size out of range',
        () => ['train', '--data', IRIS, '--target', 'species', '--test-size', '0.9'],
        'benchtop: --test-size: test_size must be at most 0.5',
      ],
      [
        '--param without =',
        () => ['train', '--data', IRIS, '--target', 'species', '--param', 'dropout'],
        'benchtop: --param needs KEY=VALUE, got "dropout"',
      ],
      [
        'an unknown --param key',
        () => ['train', '--data', IRIS, '--target', 'species', '--param', 'depth=3'],
        'benchtop: unknown parameter "depth" in --param; known: epochs',
      ],
      [
        'an unknown model',
        () => ['train', '--data', IRIS, '--target', 'species', '--model', 'tree'],
        'benchtop: unknown model "tree"; available: logistic, linear, mlp',
      ],
      [
        'logistic on a regression target',
        () => ['train', '--data', join(SAMPLES, 'diabetes.csv'), '--target', 'progression'],
        'benchtop: model logistic needs a classification target; use --model linear or mlp for regression',
      ],
      [
        'linear on a classification target',
        () => ['train', '--data', IRIS, '--target', 'species', '--model', 'linear'],
        'benchtop: model linear is for regression, but this target is multiclass; use --model logistic or mlp',
      ],
      [
        'regression forced on a categorical target',
        () => [
          'train',
          '--data',
          IRIS,
          '--target',
          'species',
          '--model',
          'mlp',
          '--task',
          'regression',
        ],
        'benchtop: target "species" is categorical, not numeric; regression needs a numeric target',
      ],
      [
        'predict on a run that does not exist',
        (d) => ['predict', '--run', '9', '--data', IRIS, '--out', join(d, 'o.csv')],
        'benchtop: no run with id 9',
      ],
      [
        'predict without --out',
        () => ['predict', '--run', '1', '--data', IRIS],
        'benchtop: predict needs --out FILE.csv',
      ],
      [
        'a sweep with neither grid nor random',
        () => ['sweep', '--data', IRIS, '--target', 'species'],
        'benchtop: sweep needs --grid KEY=V1,V2 or --random N --range KEY=LOW:HIGH[:log]',
      ],
      [
        'a log range from zero',
        () => [
          'sweep',
          '--data',
          IRIS,
          '--target',
          'species',
          '--random',
          '4',
          '--range',
          'lr=0:1:log',
        ],
        'benchtop: --range lr: a log range needs LOW above 0',
      ],
      [
        'a grid over an unknown key',
        () => ['sweep', '--data', IRIS, '--target', 'species', '--grid', 'seed=1,2'],
        'benchtop: --grid cannot vary "seed"; it can vary lr, epochs',
      ],
      [
        'a grid value out of range',
        () => ['sweep', '--data', IRIS, '--target', 'species', '--grid', 'lr=0.1,20'],
        'benchtop: trial 2: lr: learning rate must be at most 10',
      ],
    ];
    for (const [what, args, message] of cases) {
      it(what, async () => {
        const dir = tempDir();
        const { code, stdout, stderr } = await benchtop(['--data-dir', dir, ...args(dir)]);
        expect(stderr).toContain(message);
        expect(code).toBe(2);
        expect(stdout).toBe('');
        expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
      });
    }
  });

  it('predict on a file that lacks a feature column names the column (exit 2)', async () => {
    const dir = tempDir();
    expect(
      (
        await benchtop([
          '--data-dir',
          dir,
          'train',
          '--data',
          IRIS,
          '--target',
          'species',
          '--epochs',
          '1',
          '--json',
        ])
      ).code,
    ).toBe(0);
    const lacking = file(
      dir,
      'lacking.csv',
      'sepal_length_cm,sepal_width_cm,petal_length_cm\n5.1,3.5,1.4\n',
    );
    const { code, stdout, stderr } = await benchtop([
      '--data-dir',
      dir,
      'predict',
      '--run',
      '1',
      '--data',
      lacking,
      '--out',
      join(dir, 'o.csv'),
    ]);
    expect([code, stdout, stderr]).toEqual([
      2,
      '',
      'benchtop: lacking.csv has no column "petal_width_cm", which the model needs\n',
    ]);
  });

  it('predict --out into a missing folder, a folder, or over its own input is bad input (exit 2)', async () => {
    const dir = tempDir();
    const train = await benchtop([
      '--data-dir',
      dir,
      'train',
      '--data',
      IRIS,
      '--target',
      'species',
      '--epochs',
      '1',
      '--json',
    ]);
    expect(train.code).toBe(0);
    const input = file(dir, 'in.csv', readFileSync(IRIS, 'utf8'));
    const cases: [string, string][] = [
      [
        join(dir, 'nope', 'o.csv'),
        `benchtop: cannot write ${join(dir, 'nope', 'o.csv')}: no folder ${join(dir, 'nope')}\n`,
      ],
      [dir, `benchtop: cannot write ${dir}: it is a folder\n`],
      [input, `benchtop: --out ${input} is the input file; choose another output file\n`],
    ];
    for (const [out, message] of cases) {
      const r = await benchtop([
        '--data-dir',
        dir,
        'predict',
        '--run',
        '1',
        '--data',
        input,
        '--out',
        out,
      ]);
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', message]);
    }
    expect(readFileSync(input, 'utf8')).toBe(readFileSync(IRIS, 'utf8'));
  });
});
