import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/tempDir.js';
import { benchtop } from '../testing/runCli.js';

describe('benchtop runs / runs compare / demo', () => {
  const tempDir = useTempDirs();

  it('writes demo runs, then filters, sorts and limits them with the run fields kept', async () => {
    const dir = tempDir();
    const demo = await benchtop([
      '--data-dir',
      dir,
      'demo',
      '--runs',
      '30',
      '--points',
      '20',
      '--json',
    ]);
    expect(demo.code).toBe(0);
    expect(JSON.parse(demo.stdout)).toMatchObject({ runs: 30, first_id: 1, last_id: 30 });

    const all = JSON.parse((await benchtop(['--data-dir', dir, 'runs', '--json'])).stdout);
    expect(all).toHaveLength(30);
    for (const key of [
      'id',
      'status',
      'model',
      'experiment',
      'params',
      'metrics',
      'started_at',
      'ended_at',
      'tags',
    ]) {
      expect(all[0]).toHaveProperty(key);
    }
    const args = [
      '--data-dir',
      dir,
      'runs',
      '--filter',
      'params.optimizer = "adam" and metrics.val_accuracy > 0.5',
    ];
    const { code, stdout } = await benchtop([
      ...args,
      '--sort',
      '-metrics.val_accuracy',
      '--limit',
      '5',
      '--json',
    ]);
    expect(code).toBe(0);
    const runs = JSON.parse(stdout) as {
      params: { optimizer: string };
      metrics: { val_accuracy: number };
    }[];
    const expected = all
      .filter(
        (r: (typeof runs)[number]) => r.params.optimizer === 'adam' && r.metrics.val_accuracy > 0.5,
      )
      .map((r: (typeof runs)[number]) => r.metrics.val_accuracy)
      .sort((a: number, b: number) => b - a)
      .slice(0, 5);
    expect(runs.map((r) => r.metrics.val_accuracy)).toEqual(expected);
    expect(runs.length).toBeGreaterThan(0);

    const tagged = JSON.parse(
      (await benchtop(['--data-dir', dir, 'runs', '--filter', 'tags.baseline', '--json'])).stdout,
    );
    expect(tagged.map((r: { id: number }) => r.id)).toEqual([21, 11, 1]);
  });

  it('compares runs: params by run, metric last/min/max, differing params', async () => {
    const dir = tempDir();
    await benchtop(['--data-dir', dir, 'demo', '--runs', '3', '--points', '10', '--json']);
    const { code, stdout } = await benchtop([
      '--data-dir',
      dir,
      'runs',
      'compare',
      '1',
      '2',
      '3',
      '--json',
    ]);
    expect(code).toBe(0);
    const c = JSON.parse(stdout);
    expect(Object.keys(c).sort()).toEqual(['differing_params', 'metrics', 'params']);
    expect(Object.keys(c.params.lr).sort()).toEqual(['1', '2', '3']);
    expect(c.differing_params).toEqual(expect.arrayContaining(['lr', 'seed']));
    const loss = c.metrics.loss['2'];
    expect(loss.min).toBeLessThanOrEqual(loss.last);
    expect(loss.max).toBeGreaterThanOrEqual(loss.last);
  });

  it('a query on a key no run has is an empty array, not an error', async () => {
    const dir = tempDir();
    await benchtop(['--data-dir', dir, 'demo', '--runs', '2', '--points', '2', '--json']);
    const r = await benchtop([
      '--data-dir',
      dir,
      'runs',
      '--filter',
      'params.momentum > 0',
      '--json',
    ]);
    expect([r.code, JSON.parse(r.stdout), r.stderr]).toEqual([0, [], '']);
  });

  it('a query on a metric no run has: an empty array on stdout, and on stderr the keys that exist', async () => {
    const dir = tempDir();
    await benchtop(['--data-dir', dir, 'demo', '--runs', '2', '--points', '2', '--json']);
    const r = await benchtop([
      '--data-dir',
      dir,
      'runs',
      '--filter',
      'metrics.val_acuracy > 0.5',
      '--json',
    ]);
    expect([r.code, JSON.parse(r.stdout)]).toEqual([0, []]);
    expect(r.stderr).toBe(
      'benchtop: warning: no run has metric "val_acuracy"; did you mean metrics.val_accuracy?\n',
    );
    const sorted = await benchtop(['--data-dir', dir, 'runs', '--sort', '-metrics.f1_macro']);
    expect(sorted.code).toBe(0);
    expect(sorted.stderr).toMatch(/^benchtop: warning: no run has metric "f1_macro"; /);
  });

  describe('bad input: one line on stderr, exit 2, nothing on stdout', () => {
    const cases: [string, string[], string][] = [
      [
        'a malformed query',
        ['runs', '--filter', 'params.lr < ', '--json'],
        'benchtop: query at column 13: expected a value after "<"\n',
      ],
      [
        'an unknown field',
        ['runs', '--filter', 'colour = "red"'],
        'benchtop: query at column 1: unknown field "colour"',
      ],
      [
        'a bad sort',
        ['runs', '--sort', '-params.', '--json'],
        'benchtop: sort at column 8: expected a name after "params."',
      ],
      [
        'a bad limit',
        ['runs', '--limit', '0'],
        'benchtop: --limit must be a whole number from 1 to 10000000, got "0"\n',
      ],
      [
        'compare with one id',
        ['runs', 'compare', '1'],
        'benchtop: runs compare needs two or more run ids',
      ],
      ['compare a word', ['runs', 'compare', '1', 'x'], 'benchtop: "x" is not a run id\n'],
      ['compare a missing run', ['runs', 'compare', '1', '99'], 'benchtop: no run with id 1, 99\n'],
      [
        'demo with a bad count',
        ['demo', '--runs', '2.5'],
        'benchtop: --runs must be a whole number from 1 to 1000000, got "2.5"\n',
      ],
    ];
    it.each(cases)('%s', async (_name, args, message) => {
      const r = await benchtop(['--data-dir', tempDir(), ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(r.stderr).toContain(message);
    });
  });
});
