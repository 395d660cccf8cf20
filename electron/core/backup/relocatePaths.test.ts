import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchtop } from '../../testing/runCli.js';
import { SAMPLES, useTempDirs } from '../../testing/tempDir.js';
import { relocate } from './relocatePaths.js';

describe('restored stores point at their own files', () => {
  const tempDir = useTempDirs();

  it('maps dataset and artifact paths under the new data directory, and leaves others alone', () => {
    expect(relocate(`/old/dir/datasets/sha256/ab/${'a'.repeat(64)}.csv`, '/new')).toBe(
      `/new/datasets/sha256/ab/${'a'.repeat(64)}.csv`,
    );
    expect(relocate('C:\\Users\\me\\Benchtop\\artifacts\\runs\\12\\model.json', '/new')).toBe(
      '/new/artifacts/runs/12/model.json',
    );
    expect(relocate('/home/me/data/iris.csv', '/new')).toBeNull();
  });

  it('a backup restored elsewhere trains and predicts after the original folder is gone', async () => {
    const old = join(tempDir(), 'old');
    const at =
      (dir: string) =>
      (...args: string[]) =>
        benchtop(['--data-dir', dir, ...args]);
    expect(
      (
        await at(old)(
          'train',
          '--data',
          join(SAMPLES, 'iris.csv'),
          '--target',
          'species',
          '--epochs',
          '1',
        )
      ).code,
    ).toBe(0);
    const archive = join(tempDir(), 'b.tar.gz');
    expect((await at(old)('backup', '--out', archive)).code).toBe(0);
    renameSync(old, join(tempDir(), 'moved-away'));
    const restored = join(tempDir(), 'restored');
    expect((await at(restored)('restore', archive)).code).toBe(0);
    const trained = await at(restored)(
      'train',
      '--data',
      '1',
      '--target',
      'species',
      '--epochs',
      '1',
    );
    expect([
      trained.code,
      trained.stderr.split('\n').filter((l) => l.startsWith('benchtop:')),
    ]).toEqual([0, []]);
    const predicted = await at(restored)(
      'predict',
      '--run',
      '1',
      '--data',
      join(SAMPLES, 'iris.csv'),
      '--out',
      join(tempDir(), 'p.csv'),
    );
    expect([predicted.code, predicted.stderr]).toEqual([0, '']);
  }, 60_000);
});
