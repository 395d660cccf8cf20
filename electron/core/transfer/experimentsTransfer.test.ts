import {
  chmodSync,
  createReadStream,
  createWriteStream,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createGunzip } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullDiskOutput } from '../../testing/fullDiskOutput.js';
import { benchtop, type CliResult } from '../../testing/runCli.js';
import { HOSTILE, makeReportFixture } from '../../testing/reportFixture.js';
import { SAMPLES, useTempDirs } from '../../testing/tempDir.js';
import { createCore } from '../core.js';
import { exportExperiments } from './exportExperiments.js';
import { extractTar } from '../backup/extractTar.js';
import { writeTarGz } from '../backup/writeTarGz.js';
import {
  ArchivedRun,
  EXPERIMENTS_DATA,
  EXPERIMENTS_MANIFEST,
  EXPERIMENTS_RUNS,
  ExperimentsData,
} from './experimentsArchive.js';
import { filesUnder } from './collectExperiments.js';

let dir = '';
let cli: (...args: string[]) => Promise<CliResult>;
beforeAll(async () => {
  ({ dir, cli } = await makeReportFixture());
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What should survive the move: everything about a run but its local id. */
const portable = (r: CliResult) =>
  (r.json() as { id: number; dataset_id: number; created_at: string }[])
    .map(({ id: _id, dataset_id: _d, ...run }) => run)
    .sort((a, b) => (a.created_at < b.created_at ? -1 : 1));

describe('export and import of experiments between installs', () => {
  const tempDir = useTempDirs();
  const exportBoth = async () => {
    const file = join(tempDir(), 'experiments.tar.gz');
    const r = await cli(
      'export',
      'experiments',
      '--experiment',
      `${HOSTILE},Default`,
      '--out',
      file,
      '--json',
    );
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.json().counts).toEqual({ experiments: 2, runs: 2, datasets: 1 });
    return file;
  };
  const into =
    (target: string) =>
    (...args: string[]) =>
      benchtop(['--data-dir', target, ...args]);

  it('round-trips runs, params, metrics, tags, notes, artifacts and their dataset into another data directory', async () => {
    const app = createCore({ dataDir: dir });
    await app.call('runs.setTag', { ids: [1], key: 'baseline', value: HOSTILE });
    await app.call('runs.setNote', { id: 2, note: 'the better one' });
    await app.close();
    const file = await exportBoth();
    const target = join(tempDir(), 'other');
    const there = into(target);
    // The other install already has its own run: imported ones get new ids beside it.
    expect(
      (
        await there(
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

    const r = await there('experiments', 'import', file, '--json');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.json()).toEqual({
      experiments_added: 1,
      runs_added: 2,
      runs_skipped: 0,
      datasets_added: 0,
      datasets_reused: 1,
      files_added: expect.any(Number),
    });

    const mine = portable(await cli('runs', '--json'));
    const theirs = portable(await there('runs', '--json')).filter((run) =>
      mine.some((m) => m.created_at === run.created_at),
    );
    expect(theirs).toHaveLength(2);
    expect(theirs).toEqual(mine);
    expect(theirs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ tags: { baseline: HOSTILE } }),
        expect.objectContaining({ note: 'the better one' }),
      ]),
    );
    const series = async (dataDir: string, id: number) => {
      const core = createCore({ dataDir });
      try {
        return await core.call('runs.metrics', { id });
      } finally {
        await core.close();
      }
    };
    const ids = (await there('runs', '--json')).json() as { id: number; experiment: string }[];
    const imported = ids.find((run) => run.experiment === HOSTILE)!;
    expect(imported.id).toBeGreaterThan(1);
    const history = await series(dir, 1);
    expect(history.length).toBeGreaterThan(0);
    expect(await series(target, imported.id)).toEqual(history);
    // Metric histories and model files came along: the imported run predicts with its model.
    const source = readdirSync(join(dir, 'artifacts', 'runs', '1')).sort();
    expect(filesUnder(join(target, 'artifacts', 'runs', String(imported.id)))).toEqual(source);
    for (const f of source) {
      expect(
        readFileSync(join(target, 'artifacts', 'runs', String(imported.id), f)).equals(
          readFileSync(join(dir, 'artifacts', 'runs', '1', f)),
        ),
      ).toBe(true);
    }
    const out = join(tempDir(), 'predictions.csv');
    const predicted = await there(
      'predict',
      '--run',
      String(imported.id),
      '--data',
      join(SAMPLES, 'iris.csv'),
      '--out',
      out,
    );
    expect([predicted.code, predicted.stderr]).toEqual([0, '']);
    const experiments = (await there('experiments', '--json')).json() as {
      name: string;
      runs: number;
    }[];
    expect(experiments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: HOSTILE, runs: 1, created_at: expect.any(String) }),
        expect.objectContaining({ name: 'Default', runs: 2, created_at: expect.any(String) }),
      ]),
    );
  }, 60_000);

  it('brings a dataset version the other install lacks, with its files, and training on it works there', async () => {
    const file = await exportBoth();
    const target = join(tempDir(), 'empty');
    const r = await into(target)('experiments', 'import', file, '--json');
    expect(r.json()).toMatchObject({
      experiments_added: 2,
      runs_added: 2,
      datasets_added: 1,
      datasets_reused: 0,
    });
    const datasets = (await into(target)('datasets', '--json')).json() as {
      id: number;
      hash: string;
    }[];
    const original = (
      (await cli('datasets', '--json')).json() as { hash: string; name: string }[]
    ).find((d) => d.name === 'iris')!;
    expect(datasets.map((d) => d.hash)).toEqual([original.hash]);
    const trained = await into(target)(
      'train',
      '--data',
      String(datasets[0]!.id),
      '--target',
      'species',
      '--epochs',
      '1',
      '--json',
    );
    expect([trained.code, trained.stderr]).toEqual([0, '']);
  }, 60_000);

  it('importing the same archive again adds nothing', async () => {
    const file = await exportBoth();
    const target = join(tempDir(), 'twice');
    expect((await into(target)('experiments', 'import', file, '--json')).json().runs_added).toBe(2);
    const before = (await into(target)('runs', '--json')).json();
    const again = await into(target)('experiments', 'import', file, '--json');
    expect(again.json()).toEqual({
      experiments_added: 0,
      runs_added: 0,
      runs_skipped: 2,
      datasets_added: 0,
      datasets_reused: 0,
      files_added: 0,
    });
    expect((await into(target)('runs', '--json')).json()).toEqual(before);
    // Into the install it came from: every run is already there.
    expect((await cli('experiments', 'import', file, '--json')).json()).toMatchObject({
      runs_added: 0,
      runs_skipped: 2,
    });
  }, 60_000);

  it('a corrupt or truncated archive: checksum error, nothing imported, nothing left behind', async () => {
    const file = await exportBoth();
    const bytes = readFileSync(file);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)]! ^= 0xff;
    const truncated = bytes.subarray(0, Math.floor(bytes.length * 0.6));
    const target = join(tempDir(), 'clean');
    for (const damaged of [flipped, truncated]) {
      const bad = join(tempDir(), 'bad.tar.gz');
      writeFileSync(bad, damaged);
      const r = await into(target)('experiments', 'import', bad);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^benchtop: checksum error: .*; nothing imported\n$/);
      expect((await into(target)('runs', '--json')).json()).toEqual([]);
      expect(existsSync(join(target, 'artifacts'))).toBe(false);
      expect(readdirSync(join(target, 'tmp'))).toEqual([]);
    }
  }, 60_000);

  it('not an archive, a missing file, an unknown experiment: one clear line, nothing written', async () => {
    const target = join(tempDir(), 'x');
    const text = join(tempDir(), 'notes.txt');
    writeFileSync(text, 'hello');
    expect((await into(target)('experiments', 'import', text)).stderr).toMatch(
      /^benchtop: checksum error: .* is corrupt or truncated/,
    );
    expect((await into(target)('experiments', 'import', join(target, 'nope.tar.gz'))).stderr).toBe(
      `benchtop: no such archive: ${join(target, 'nope.tar.gz')}\n`,
    );
    const out = join(tempDir(), 'never.tar.gz');
    const r = await cli('export', 'experiments', '--experiment', 'Default,nope', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `benchtop: no experiment named "nope"; there are: "${HOSTILE}", "Default"\n`,
    );
    expect(existsSync(out)).toBe(false);
    expect((await cli('export', 'experiments', '--out', out)).stderr).toBe(
      'benchtop: export experiments needs --experiment NAME[,NAME...]\n',
    );
    expect((await cli('experiments', 'frobnicate')).stderr).toBe(
      'benchtop: unknown experiments command "frobnicate"; use: benchtop experiments [import FILE]\n',
    );
    expect((await cli('experiments', 'import')).stderr).toBe(
      'benchtop: experiments import needs an archive: benchtop experiments import FILE\n',
    );
  });

  it('a disk that fills during the export, or a folder that does not exist: nothing half-written', async () => {
    const outDir = tempDir();
    const out = join(outDir, 'full.tar.gz');
    const core = createCore({ dataDir: dir });
    const fullDisk = fullDiskOutput();
    try {
      await expect(
        exportExperiments({
          store: core.store,
          dataDir: dir,
          experiments: ['Default'],
          out,
          appVersion: 'test',
          openOutput: fullDisk,
        }),
      ).rejects.toThrow(`export failed, nothing written to ${out}: the disk is full`);
    } finally {
      await core.close();
    }
    expect(readdirSync(outDir)).toEqual([]);
    const nowhere = join(outDir, 'missing', 'x.tar.gz');
    const r = await cli('export', 'experiments', '--experiment', 'Default', '--out', nowhere);
    expect([r.code, r.stderr]).toEqual([
      2,
      `benchtop: export failed, nothing written to ${nowhere}: its folder does not exist\n`,
    ]);
  });

  it('a run that cannot be recorded rolls the whole import back, files included', async () => {
    const file = await exportBoth();
    // Repack the archive with valid checksums but a second run pointing at a dataset it lacks.
    const unpacked = tempDir();
    const { files, kept } = await extractTar(
      createReadStream(file).pipe(createGunzip()),
      unpacked,
      EXPERIMENTS_MANIFEST,
    );
    const data = ExperimentsData.parse(
      JSON.parse(readFileSync(join(unpacked, EXPERIMENTS_DATA), 'utf8')),
    );
    const runs = readFileSync(join(unpacked, EXPERIMENTS_RUNS), 'utf8')
      .trim()
      .split('\n')
      .map((l) => ArchivedRun.parse(JSON.parse(l)));
    expect(runs[0]!.files.length).toBeGreaterThan(0);
    data.runs[1]!.dataset_id = 999;
    runs[1]!.dataset_id = 999;
    writeFileSync(join(unpacked, EXPERIMENTS_DATA), JSON.stringify(data));
    writeFileSync(join(unpacked, EXPERIMENTS_RUNS), runs.map((r) => JSON.stringify(r)).join('\n'));
    const tampered = join(tempDir(), 'tampered.tar.gz');
    await writeTarGz({
      sources: files.map((f) => ({ path: f.path, file: join(unpacked, f.path) })),
      destination: createWriteStream(tampered),
      manifest: (archived) => ({
        path: EXPERIMENTS_MANIFEST,
        body: Buffer.from(JSON.stringify({ ...JSON.parse(kept!.toString()), files: archived })),
      }),
    });
    const target = join(tempDir(), 'rolled-back');
    const r = await into(target)('experiments', 'import', tampered);
    expect(r.stderr).toMatch(
      /^benchtop: .*tampered\.tar\.gz: run \S+ refers to a dataset the archive does not hold; nothing imported\n$/,
    );
    expect((await into(target)('runs', '--json')).json()).toEqual([]);
    expect((await into(target)('datasets', '--json')).json()).toEqual([]);
    expect((await into(target)('experiments', '--json')).json()).toEqual([]);
    expect(filesUnder(join(target, 'artifacts'))).toEqual([]);
    expect(filesUnder(join(target, 'datasets'))).toEqual([]);
  }, 60_000);

  it("an archive from before test_* names: its runs' evaluations arrive as test_* metrics at the final epoch", async () => {
    const file = await exportBoth();
    const unpacked = tempDir();
    const { files, kept } = await extractTar(
      createReadStream(file).pipe(createGunzip()),
      unpacked,
      EXPERIMENTS_MANIFEST,
    );
    const runs = readFileSync(join(unpacked, EXPERIMENTS_RUNS), 'utf8')
      .trim()
      .split('\n')
      .map((l) => ArchivedRun.parse(JSON.parse(l)));
    const old = runs.map((r) => ({
      ...r,
      metrics: r.metrics.filter((m) => !m.key.startsWith('test_')),
    }));
    expect(old.every((r) => r.evaluation && r.metrics.length > 0)).toBe(true);
    writeFileSync(join(unpacked, EXPERIMENTS_RUNS), old.map((r) => JSON.stringify(r)).join('\n'));
    const older = join(tempDir(), 'older.tar.gz');
    await writeTarGz({
      sources: files.map((f) => ({ path: f.path, file: join(unpacked, f.path) })),
      destination: createWriteStream(older),
      manifest: (archived) => ({
        path: EXPERIMENTS_MANIFEST,
        body: Buffer.from(JSON.stringify({ ...JSON.parse(kept!.toString()), files: archived })),
      }),
    });
    const target = join(tempDir(), 'from-older');
    expect((await into(target)('experiments', 'import', older)).code).toBe(0);
    const imported = (await into(target)('runs', '--json')).json() as {
      created_at: string;
      metrics: Record<string, number>;
    }[];
    for (const run of old) {
      const there = imported.find((r) => r.created_at === run.created_at)!;
      for (const [name, value] of Object.entries(run.evaluation!))
        expect(there.metrics[`test_${name}`]).toBe(value);
      const lastAccuracy = run.metrics.find((m) => m.key === 'accuracy')!.values.at(-1);
      expect(there.metrics.accuracy).toBe(lastAccuracy);
    }
  }, 60_000);

  it('refuses a dataset file whose content is not the hash it is stored under', async () => {
    const file = await exportBoth();
    // Valid checksums, but the dataset's original replaced by other bytes: it would plant them under iris's hash.
    const unpacked = tempDir();
    const { files, kept } = await extractTar(
      createReadStream(file).pipe(createGunzip()),
      unpacked,
      EXPERIMENTS_MANIFEST,
    );
    const original = files.find((f) => /^datasets\/sha256\/.*\.csv$/.test(f.path));
    expect(original).toBeDefined();
    chmodSync(join(unpacked, original!.path), 0o644);
    writeFileSync(join(unpacked, original!.path), 'a,b\n1,2\n');
    const planted = join(tempDir(), 'planted.tar.gz');
    await writeTarGz({
      sources: files.map((f) => ({ path: f.path, file: join(unpacked, f.path) })),
      destination: createWriteStream(planted),
      manifest: (archived) => ({
        path: EXPERIMENTS_MANIFEST,
        body: Buffer.from(JSON.stringify({ ...JSON.parse(kept!.toString()), files: archived })),
      }),
    });
    const target = join(tempDir(), 'unplanted');
    const r = await into(target)('experiments', 'import', planted);
    expect(r.stderr).toMatch(
      /^benchtop: .*planted\.tar\.gz: dataset iris v1 does not match its content hash; nothing imported\n$/,
    );
    expect(filesUnder(join(target, 'datasets'))).toEqual([]);
    expect((await into(target)('runs', '--json')).json()).toEqual([]);
  }, 60_000);
});
