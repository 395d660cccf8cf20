import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullDiskOutput } from '../../testing/fullDiskOutput.js';
import { createCore } from '../core.js';
import { benchtop, type CliResult } from '../../testing/runCli.js';
import { makeReportFixture } from '../../testing/reportFixture.js';
import { useTempDirs } from '../../testing/tempDir.js';
import { createBackup, dataFiles } from './createBackup.js';
import { parseHeader, tarHeader } from './tarFormat.js';

let dir = '';
let cli: (...args: string[]) => Promise<CliResult>;
beforeAll(async () => {
  ({ dir, cli } = await makeReportFixture());
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('backup and restore', () => {
  const tempDir = useTempDirs();
  const backup = async () => {
    const file = join(tempDir(), 'store.tar.gz');
    const r = await cli('backup', '--out', file, '--json');
    expect([r.code, r.stderr]).toEqual([0, '']);
    return { file, result: r.json() };
  };
  const restore = (file: string, target: string) =>
    benchtop(['--data-dir', target, 'restore', file]);
  const expectNothingRestored = (target: string) => {
    expect(existsSync(target) ? readdirSync(target) : []).toEqual([]);
    expect(readdirSync(dirname(target)).filter((n) => n.includes('restoring'))).toEqual([]);
  };

  it('round-trips every run, dataset, model version and data file, while the app has the store open', async () => {
    const app = createCore({ dataDir: dir });
    let archive;
    try {
      archive = await backup();
    } finally {
      await app.close();
    }
    expect(archive.result.counts).toEqual({ runs: 2, datasets: 2, model_versions: 2 });
    const target = join(tempDir(), 'restored');
    const r = await restore(archive.file, target);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('2 runs, 2 datasets, 2 model versions');
    const there = (...args: string[]) => benchtop(['--data-dir', target, ...args, '--json']);
    for (const args of [['runs'], ['datasets'], ['models'], ['runs', 'compare', '1', '2']]) {
      expect((await there(...args)).json()).toEqual((await cli(...args, '--json')).json());
    }
    expect(dataFiles(target, '')).toEqual(dataFiles(dir, ''));
    for (const f of dataFiles(dir, '').filter((p) => p !== 'benchtop.db')) {
      expect(readFileSync(join(target, f)).equals(readFileSync(join(dir, f)))).toBe(true);
    }
    // The restored store works: a report renders from it.
    expect(
      (await there('report', '--run', '1', '--format', 'md', '--out', join(target, '..', 'r.md')))
        .code,
    ).toBe(0);
  }, 60_000);

  it('refuses to restore over a non-empty data directory', async () => {
    const { file } = await backup();
    const target = tempDir();
    writeFileSync(join(target, 'keep.txt'), 'mine');
    const r = await restore(file, target);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      '',
      `benchtop: ${target} is not empty; restore only into an empty or new data directory\n`,
    ]);
    expect(readdirSync(target)).toEqual(['keep.txt']);
  });

  it('a truncated archive: checksum error, nothing restored', async () => {
    const { file } = await backup();
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const target = join(tempDir(), 'restored');
    const r = await restore(file, target);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(
      /^benchtop: checksum error: .* is corrupt or truncated \(.*\); nothing restored\n$/,
    );
    expectNothingRestored(target);
  });

  it('a file changed inside the archive: checksum error naming it, nothing restored', async () => {
    const { file } = await backup();
    const tar = gunzipSync(readFileSync(file));
    const at = tar.indexOf('sepal_length');
    if (at < 0) throw new Error('fixture: no column name in the archive');
    tar.write('SEPAL_LENGTH', at);
    writeFileSync(file, gzipSync(tar));
    const target = join(tempDir(), 'restored');
    const r = await restore(file, target);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^benchtop: checksum error: \S+ in .* does not match its manifest; nothing restored\n$/,
    );
    expectNothingRestored(target);
  });

  it('a file that is not a backup', async () => {
    const file = join(tempDir(), 'notes.tar.gz');
    writeFileSync(file, 'hello');
    const r = await restore(file, join(tempDir(), 'restored'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^benchtop: checksum error: .* is corrupt or truncated/);
  });

  it('a backup file that does not exist', async () => {
    const r = await restore(join(tempDir(), 'missing.tar.gz'), join(tempDir(), 'restored'));
    expect([r.code, r.stderr]).toEqual([
      2,
      `benchtop: no such backup file: ${join(dirname(r.stderr.split(': ')[2] ?? ''), 'missing.tar.gz')}\n`,
    ]);
  });

  it('the disk filling during a backup removes the partial file', async () => {
    const outDir = tempDir();
    const out = join(outDir, 'full.tar.gz');
    const core = createCore({ dataDir: dir });
    const fullDisk = fullDiskOutput();
    try {
      await expect(
        createBackup({
          store: core.store,
          dataDir: dir,
          out,
          appVersion: 'test',
          openOutput: fullDisk,
        }),
      ).rejects.toThrow(`backup failed, nothing written to ${out}: the disk is full`);
    } finally {
      await core.close();
    }
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('an output path that cannot be written', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const r = await cli('backup', '--out', join(file, 'b.tar.gz'));
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(
      `benchtop: backup failed, nothing written to ${join(file, 'b.tar.gz')}: a part of the path is not a folder\n`,
    );
  });
});

describe('tar headers', () => {
  it('round-trip long paths through the ustar prefix and reject a damaged header', () => {
    const path = `${'d'.repeat(120)}/sha256/ab/${'a'.repeat(64)}.f53a4bbe4f41.cols`;
    const h = tarHeader(path, 12345, 0o444, 1_700_000_000);
    expect(parseHeader(h)).toEqual({ path, size: 12345, mode: 0o444 });
    h[0] = h[0]! ^ 1;
    expect(() => parseHeader(h)).toThrow('a header checksum does not match');
    expect(parseHeader(Buffer.alloc(512))).toBeNull();
  });

  it('lists what the data directory holds, without the live database files or an import’s scratch files', () => {
    const d = join(dir, '..', `list-${process.pid}`);
    for (const sub of ['artifacts/runs/1', 'tmp/import-x', 'datasets/tmp', 'datasets/sha256/ab'])
      mkdirSync(join(d, sub), { recursive: true });
    const scratch = [
      'tmp/import-x/a.csv',
      'datasets/tmp/b.part',
      'datasets/tmp/b.part.cols',
      'datasets/sha256/ab/c.cols.tmp',
    ];
    for (const f of [
      'benchtop.db',
      'benchtop.db-wal',
      'benchtop.db-shm',
      'artifacts/runs/1/model.json',
      'x.partial-12',
      ...scratch,
    ])
      writeFileSync(join(d, f), '');
    try {
      expect(dataFiles(d, '')).toEqual(['artifacts/runs/1/model.json']);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
