import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { ParquetWriter, fileWriter } from 'hyparquet-writer';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { prepareVersion } from '../electron/core/datasets/prepareVersion.js';

/**
 * Import throughput: a generated ROWS × 10 numeric-column CSV (~165 MB at 1M rows) imported the
 * way the job process does it (read, hash and copy in one pass, type, profile, columnar cache),
 * next to pandas.read_csv on the same file. Runs alternate (ours, pandas) REPEAT times and the
 * medians are compared; CPU seconds are reported too, since a shared machine skews wall time.
 * Peak RSS is this process's own high-water mark. `--big` (or BENCH_BIG=1) also imports a ~1 GB
 * CSV in a fresh process, as the job does, and reports that process's peak RSS. The Parquet import
 * (BENCH_PARQUET_ROWS × 4 doubles, 2M by default) always runs in a fresh process for the same reason.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const BIG_ROWS = Number(process.env.BENCH_BIG_ROWS ?? 6_000_000);
const COLUMNS = 10;
const PYTHON = '/usr/bin/python3';

const PANDAS = `
import sys, time, resource
import pandas as pd
t = time.perf_counter()
c = time.process_time()
df = pd.read_csv(sys.argv[1])
elapsed = time.perf_counter() - t
cpu = time.process_time() - c
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, len(df), cpu)
`;

async function generate(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${Array.from({ length: COLUMNS }, (_, i) => `x${i}`).join(',')}\n`);
  let seed = 1;
  const next = () =>
    ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * 100_000 - 50_000;
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const row: string[] = [];
    // Up to 15 significant digits, as float64 data written by most tools.
    for (let c = 0; c < COLUMNS; c++) row.push(next().toFixed(c % 3 === 0 ? 8 : 10));
    lines.push(row.join(','));
    if (lines.length === 10_000) {
      if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
      lines.length = 0;
    }
  }
  if (lines.length) out.write(`${lines.join('\n')}\n`);
  out.end();
  await once(out, 'finish');
}

function pandas(path: string): { seconds: number; rss: number; cpu: number } | null {
  if (!existsSync(PYTHON)) return null;
  const r = spawnSync(PYTHON, ['-c', PANDAS, path], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const [seconds, rss, , cpu] = r.stdout.trim().split(' ').map(Number);
  return { seconds: seconds!, rss: rss!, cpu: cpu! };
}

async function ours(path: string, dataDir: string, fileName = 'numbers.csv') {
  rmSync(dataDir, { recursive: true, force: true });
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  const prepared = await prepareVersion({ path, fileName, dataDir, options: { types: {} } });
  const cpu = process.cpuUsage(cpu0);
  return { seconds: (performance.now() - t) / 1000, cpu: (cpu.user + cpu.system) / 1e6, prepared };
}

/** Rows per row group, as pyarrow writes by default (1Mi rows). */
const PARQUET_GROUP_ROWS = 1 << 20;

/** ROWS × 4 random doubles, written row group by row group (never the whole table in memory). */
function writeParquet(path: string, rows: number): void {
  const names = ['x0', 'x1', 'x2', 'x3'];
  const schema = [
    { name: 'root', num_children: names.length },
    ...names.map((name) => ({
      name,
      type: 'DOUBLE' as const,
      repetition_type: 'REQUIRED' as const,
    })),
  ];
  const writer = new ParquetWriter({ writer: fileWriter(path), schema });
  let seed = 7;
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * 1000;
  for (let done = 0; done < rows; done += PARQUET_GROUP_ROWS) {
    const n = Math.min(PARQUET_GROUP_ROWS, rows - done);
    writer.write({
      columnData: names.map((name) => ({
        name,
        data: Float64Array.from({ length: n }, next),
        type: 'DOUBLE' as const,
      })),
      rowGroupSize: PARQUET_GROUP_ROWS,
    });
  }
  writer.finish();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round1 = (x: number) => Number(x.toFixed(1));

/** `--child FILE DATADIR [NAME]`: one import in this fresh process; prints its time and peak RSS. */
if (process.argv[2] === '--child') {
  const r = await ours(process.argv[3]!, process.argv[4]!, process.argv[5]);
  console.log(
    JSON.stringify({
      seconds: r.seconds,
      rows: r.prepared.rows,
      peakRss: process.resourceUsage().maxRSS * 1024,
    }),
  );
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'benchtop-import-bench-'));
try {
  const file = join(dir, 'numbers.csv');
  await generate(file, ROWS);
  const mb = statSync(file).size / 1e6;
  const runs: Awaited<ReturnType<typeof ours>>[] = [];
  const baselines: NonNullable<ReturnType<typeof pandas>>[] = [];
  for (let i = 0; i < REPEAT; i++) {
    runs.push(await ours(file, join(dir, 'data')));
    const b = pandas(file);
    if (b) baselines.push(b);
  }
  const peakRss = process.resourceUsage().maxRSS * 1024;
  if (!baselines.length)
    console.error('bench import: the pandas baseline is missing (apt-get install python3-pandas)');
  const oursMbs = mb / median(runs.map((r) => r.seconds));
  const theirsMbs = baselines.length ? mb / median(baselines.map((b) => b.seconds)) : null;
  const oursCpu = median(runs.map((r) => r.cpu));
  const theirsCpu = baselines.length ? median(baselines.map((b) => b.cpu)) : null;
  console.log(
    JSON.stringify({
      name: 'import_csv_numeric',
      rows: runs[0]!.prepared.rows,
      columns: runs[0]!.prepared.columns.length,
      mb: round1(mb),
      repeats: REPEAT,
      benchtop_mb_per_s: round1(oursMbs),
      benchtop_mb_per_s_each: runs.map((r) => round1(mb / r.seconds)),
      benchtop_cpu_s: Number(oursCpu.toFixed(2)),
      benchtop_peak_rss_mb: Math.round(peakRss / 1e6),
      pandas_mb_per_s: theirsMbs === null ? null : round1(theirsMbs),
      pandas_mb_per_s_each: baselines.map((b) => round1(mb / b.seconds)),
      pandas_cpu_s: theirsCpu === null ? null : Number(theirsCpu.toFixed(2)),
      pandas_peak_rss_mb: baselines.length
        ? Math.round(median(baselines.map((b) => b.rss)) / 1e6)
        : null,
      baseline: baselines.length ? 'pandas.read_csv' : 'missing (apt-get install python3-pandas)',
      ratio: theirsMbs === null ? null : Number((oursMbs / theirsMbs).toFixed(2)),
      ratio_each: runs
        .slice(0, baselines.length)
        .map((r, i) => Number((baselines[i]!.seconds / r.seconds).toFixed(2))),
      cpu_ratio: theirsCpu === null ? null : Number((theirsCpu / oursCpu).toFixed(2)),
    }),
  );
  if (process.argv.includes('--big') || process.env.BENCH_BIG === '1') {
    const big = join(dir, 'big.csv');
    await generate(big, BIG_ROWS);
    const bigMb = statSync(big).size / 1e6;
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', import.meta.filename, '--child', big, join(dir, 'big-data')],
      { encoding: 'utf8' },
    );
    if (child.status !== 0) throw new Error(`the big import failed: ${child.stderr}`);
    const r = JSON.parse(child.stdout) as { seconds: number; rows: number; peakRss: number };
    console.log(
      JSON.stringify({
        name: 'import_csv_big',
        rows: r.rows,
        mb: round1(bigMb),
        benchtop_mb_per_s: round1(bigMb / r.seconds),
        job_peak_rss_mb: Math.round(r.peakRss / 1e6),
        limit_mb: 512,
        baseline: 'none (the figure is the import process peak RSS against the 512 MB limit)',
      }),
    );
    rmSync(big, { force: true });
  }
  const parquetRows = Number(process.env.BENCH_PARQUET_ROWS ?? 2_000_000);
  const parquet = join(dir, 'numbers.parquet');
  writeParquet(parquet, parquetRows);
  const parquetMb = statSync(parquet).size / 1e6;
  // In a fresh process, as the import job runs: its peak RSS is the import's alone.
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      import.meta.filename,
      '--child',
      parquet,
      join(dir, 'parquet-data'),
      'numbers.parquet',
    ],
    { encoding: 'utf8' },
  );
  if (child.status !== 0) throw new Error(`the Parquet import failed: ${child.stderr}`);
  const fromParquet = JSON.parse(child.stdout) as {
    seconds: number;
    rows: number;
    peakRss: number;
  };
  console.log(
    JSON.stringify({
      name: 'import_parquet_numeric',
      rows: fromParquet.rows,
      columns: 4,
      row_group_rows: PARQUET_GROUP_ROWS,
      mb: Number(parquetMb.toFixed(1)),
      benchtop_mb_per_s: Number((parquetMb / fromParquet.seconds).toFixed(1)),
      benchtop_rows_per_s: Math.round(fromParquet.rows / fromParquet.seconds),
      job_peak_rss_mb: Math.round(fromParquet.peakRss / 1e6),
      limit_mb: 512,
      baseline:
        'none (pandas.read_parquet needs pyarrow, which Debian does not package); the figure is the import process peak RSS against the 512 MB limit',
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
