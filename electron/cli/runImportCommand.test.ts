import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchtop } from '../testing/runCli.js';
import { useTempDirs } from '../testing/tempDir.js';

const FILESTORE = join(import.meta.dirname, '..', 'core', 'importers', 'mlflow', 'fixtures', 'filestore', 'mlruns');

describe('benchtop runs import', () => {
  const tempDir = useTempDirs();

  it('prints the pinned document, and the imported runs keep their MLflow tags and source id', async () => {
    const dataDir = tempDir();
    const r = await benchtop(['--data-dir', dataDir, 'runs', 'import', FILESTORE, '--json']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.json()).toEqual({ source: 'mlflow-filestore', experiments: 3, runs_added: 10, runs_skipped: 0, params: 10, metric_points: 4200, warnings: [] });
    const runs = (await benchtop(['--data-dir', dataDir, 'runs', '--json'])).json() as { tags?: Record<string, string>; source: string }[];
    expect(runs).toHaveLength(10);
    expect(runs.every((run) => run.source === 'import')).toBe(true);
    const again = await benchtop(['--data-dir', dataDir, 'runs', 'import', FILESTORE, '--json']);
    expect(again.json()).toMatchObject({ runs_added: 0, runs_skipped: 10, metric_points: 0 });
  });

  it('says what is wrong in one line, exit 2, for a path that is none of the sources', async () => {
    const dataDir = tempDir();
    const file = join(tempDir(), 'notes.txt');
    writeFileSync(file, 'not a store');
    const r = await benchtop(['--data-dir', dataDir, 'runs', 'import', file, '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^benchtop: .*is none of: an MLflow file store/);
    expect((await benchtop(['--data-dir', dataDir, 'runs', 'import'])).code).toBe(2);
    const copy = join(tempDir(), 'mlruns');
    cpSync(FILESTORE, copy, { recursive: true });
    writeFileSync(join(copy, '0', 'meta.yaml'), ': : not yaml [');
    const damaged = await benchtop(['--data-dir', dataDir, 'runs', 'import', copy, '--json']);
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toMatch(/meta\.yaml/);
  });
});
