import { appendFileSync, cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchtop } from '../testing/runCli.js';
import { useTempDirs } from '../testing/tempDir.js';
import { openCore } from '../core/core.js';
import type { Io } from './cliTypes.js';
import { withRunImport } from './runImportCommand.js';

const FILESTORE = join(
  import.meta.dirname,
  '..',
  'core',
  'importers',
  'mlflow',
  'fixtures',
  'filestore',
  'mlruns',
);

describe('benchtop runs import', () => {
  const tempDir = useTempDirs();

  it('prints the pinned document, and the imported runs keep their MLflow tags and source id', async () => {
    const dataDir = tempDir();
    const r = await benchtop(['--data-dir', dataDir, 'runs', 'import', FILESTORE, '--json']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.json()).toEqual({
      source: 'mlflow-filestore',
      experiments: 3,
      runs_added: 10,
      runs_skipped: 0,
      params: 10,
      metric_points: 4200,
      images: 0,
      warnings: [],
    });
    const runs = (await benchtop(['--data-dir', dataDir, 'runs', '--json'])).json() as {
      tags?: Record<string, string>;
      source: string;
    }[];
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

describe('benchtop runs follow', () => {
  const tempDir = useTempDirs();

  it('brings a writer’s new points in while it writes, and stops on Ctrl-C', async () => {
    const store = join(tempDir(), 'mlruns');
    cpSync(FILESTORE, store, { recursive: true });
    const core = openCore({ dataDir: tempDir() });
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const out: string[] = [];
    const io: Io = { out: (t) => out.push(t), err: () => {}, interrupted: () => stopped };
    const follow = withRunImport(async () => 0);
    try {
      const running = follow(core, ['follow', store], {}, io);
      await waitFor(async () => (await core.call('runs.table', {})).length === 10);
      const [metrics] = (await core.call('runs.table', {})).filter(
        (r) => Object.keys(r.metrics).length,
      );
      const [tracked] = await core.call('runs.tracked', { ids: [metrics!.id] });
      const key = Object.keys(metrics!.metrics)[0]!;
      const file = join(
        store,
        findExperimentDir(store, tracked!.tags['benchtop.source_run_id']!),
        'metrics',
        key,
      );
      const before = (await core.call('runs.history', { uid: tracked!.uid, key })).total;
      appendFileSync(file, '\n1900000000000 0.125 5000\n');
      await waitFor(
        async () =>
          (await core.call('runs.history', { uid: tracked!.uid, key })).total === before + 1,
      );
      stop();
      expect(await running).toBe(0);
      expect(out.some((line) => line.includes('1 new metric points'))).toBe(true);
    } finally {
      await core.close();
    }
  });
});

function findExperimentDir(store: string, runId: string): string {
  for (const experiment of readdirSync(store))
    if (existsSync(join(store, experiment, runId))) return join(experiment, runId);
  throw new Error(`run ${runId} not in ${store}`);
}

async function waitFor(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
