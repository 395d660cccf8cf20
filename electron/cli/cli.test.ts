import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES, useTempDirs } from '../testing/tempDir.js';
import { benchtop } from '../testing/runCli.js';

describe('benchtop CLI', () => {
  const tempDir = useTempDirs();

  it('imports a file and prints one JSON object with the pinned fields', async () => {
    const dir = tempDir();
    const { code, stdout, stderr } = await benchtop([
      '--data-dir',
      dir,
      'import',
      join(SAMPLES, 'iris.csv'),
      '--json',
    ]);
    expect([code, stderr]).toEqual([0, '']);
    const d = JSON.parse(stdout);
    expect(d).toMatchObject({ id: 1, name: 'iris', version: 1, rows: 150 });
    expect(d.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(d.columns[4]).toMatchObject({ name: 'species', type: 'categorical', missing: 0 });
    const list = await benchtop(['--data-dir', dir, 'datasets', '--json']);
    const { existing: _existing, warnings: _warnings, ...listed } = d;
    expect(JSON.parse(list.stdout)).toEqual([listed]);
  });

  it('trains from a file and lists the run with params under their flag names', async () => {
    const dir = tempDir();
    const args = [
      '--data-dir',
      dir,
      'train',
      '--data',
      join(SAMPLES, 'iris.csv'),
      '--target',
      'species',
    ];
    const { code, stdout } = await benchtop([
      ...args,
      '--epochs',
      '5',
      '--lr',
      '0.05',
      '--seed',
      '3',
      '--json',
    ]);
    expect(code).toBe(0);
    const run = JSON.parse(stdout);
    expect(run).toMatchObject({
      id: 1,
      status: 'finished',
      model: 'logistic',
      task: 'multiclass',
      dataset_id: 1,
    });
    expect(run.params).toMatchObject({ epochs: 5, lr: 0.05, seed: 3 });
    expect(typeof run.metrics.accuracy).toBe('number');

    const again = await benchtop([
      '--data-dir',
      dir,
      'train',
      '--data',
      '1',
      '--target',
      'species',
      '--epochs',
      '1',
      '--json',
    ]);
    expect(JSON.parse(again.stdout)).toMatchObject({ id: 2, dataset_id: 1, status: 'finished' });
    const runs = JSON.parse((await benchtop(['--data-dir', dir, 'runs', '--json'])).stdout);
    expect(runs.map((r: { id: number }) => r.id)).toEqual([2, 1]);
    for (const key of [
      'id',
      'status',
      'model',
      'experiment',
      'params',
      'metrics',
      'started_at',
      'ended_at',
    ]) {
      expect(runs[0]).toHaveProperty(key);
    }
  });

  describe('bad input: one line on stderr, exit 2, nothing on stdout', () => {
    const cases: [string, (dir: string) => string[], string][] = [
      [
        'a file that does not exist',
        () => ['import', 'nope.csv', '--json'],
        'benchtop: no such file: nope.csv',
      ],
      [
        'an empty file',
        (dir) => ['import', file(dir, 'empty.csv', ''), '--json'],
        'benchtop: empty.csv is empty',
      ],
      [
        'a target column that does not exist',
        () => ['train', '--data', join(SAMPLES, 'iris.csv'), '--target', 'kind', '--json'],
        'benchtop: no column "kind" in dataset iris',
      ],
      [
        'no usable features',
        (dir) => ['train', '--data', file(dir, 'w.csv', 'a,b\n,p\n,q\n'), '--target', 'b'],
        'benchtop: dataset w has no usable feature columns besides "b" (dropped: a: all values missing)',
      ],
      [
        'a non-number for --epochs',
        () => ['train', '--data', '1', '--target', 'y', '--epochs', 'ten'],
        'benchtop: --epochs must be a number, got "ten"',
      ],
      [
        'an unknown data id',
        () => ['train', '--data', '42', '--target', 'y'],
        'benchtop: no such file or dataset id: 42',
      ],
      ['an unknown command', () => ['fly'], 'benchtop: unknown command "fly"; see benchtop --help'],
      [
        'an unknown option',
        () => ['runs', '--colour'],
        'benchtop: unknown option --colour; see benchtop --help',
      ],
      [
        'a missing target',
        () => ['train', '--data', 'x.csv'],
        'benchtop: train needs --target COLUMN',
      ],
    ];
    for (const [what, args, message] of cases) {
      it(what, async () => {
        const dir = tempDir();
        const { code, stdout, stderr } = await benchtop(['--data-dir', dir, ...args(dir)]);
        expect(code).toBe(2);
        expect(stdout).toBe('');
        expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
        expect(stderr).toContain(message);
      });
    }
  });

  it('serve on a port already in use says so and exits 2', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const { code, stderr } = await benchtop([
      '--data-dir',
      tempDir(),
      'serve',
      '--port',
      String(port),
    ]);
    blocker.close();
    expect(code).toBe(2);
    expect(stderr).toBe(`benchtop: port ${port} is already in use; choose another with --port\n`);
  });

  it('the installed bin prints help and never a stack trace', () => {
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'benchtop.js');
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: benchtop [--data-dir DIR] COMMAND');
    const bad = spawnSync(
      process.execPath,
      [bin, '--data-dir', tempDir(), 'import', '/no/such.csv', '--json'],
      { encoding: 'utf8' },
    );
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('benchtop: no such file: /no/such.csv\n');
  });
});

function file(dir: string, name: string, content: string): string {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
}
