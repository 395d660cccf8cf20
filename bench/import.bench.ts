import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { ParquetWriter, fileWriter } from 'hyparquet-writer';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { prepareVersion } from '../electron/core/datasets/prepareVersion.js';
import {
  APP_ROOT,
  PYTHON,
  benchtop,
  median,
  pythonHas,
  requireBuild,
  round,
  timeProcess,
} from './wholeCommand.js';

/**
 * Import, timed as the user waits for it: the whole `benchtop import` command in a fresh process on
 * a fresh data dir (median of BENCH_REPEAT, 3), alternating with two baselines that also start
 * fresh: DuckDB's full table load (`CREATE TABLE t AS FROM read_csv(...)` into a database file,
 * @duckdb/node-api in a fresh `node`) and pandas.read_csv (a fresh python). Three generated files of
 * ROWS rows: 10 full-precision doubles (String(x), up to 17 significant digits, as repr(float)
 * writes), the same with at most 15 digits (the old bench's file), and a mixed one (integers, text,
 * categories, doubles with NA, ISO dates, booleans, empty cells). `--big` (or BENCH_BIG=1) adds a
 * ~1 GB CSV imported in a fresh process, its peak RSS against the 512 MB limit; the Parquet import
 * (BENCH_PARQUET_ROWS × 4 doubles, 2M by default) runs in a fresh process too. `npm run build` first.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const BIG_ROWS = Number(process.env.BENCH_BIG_ROWS ?? 6_000_000);
const COLUMNS = 10;

/** pandas.read_csv in a fresh python process: prints the read's own time, and the process's peak RSS. */
const PANDAS = `
import sys, time, resource, json
t = time.perf_counter()
import pandas as pd
imported = time.perf_counter()
dates = sys.argv[2].split(',') if len(sys.argv) > 2 and sys.argv[2] else False
df = pd.read_csv(sys.argv[1], parse_dates=dates)
done = time.perf_counter()
print(json.dumps({'read_s': done - imported, 'rows': len(df), 'peak_rss': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
`;

/** DuckDB's full table load into a database file, in a fresh node process via @duckdb/node-api. */
const DUCKDB = `
const { createRequire } = require('node:module');
const t0 = performance.now();
const { DuckDBInstance } = createRequire(process.argv[1])('@duckdb/node-api');
(async () => {
  const instance = await DuckDBInstance.create(process.argv[3]);
  const con = await instance.connect();
  const t1 = performance.now();
  await con.run("CREATE TABLE t AS FROM read_csv('" + process.argv[2].replaceAll("'", "''") + "')");
  const rows = Number((await con.runAndReadAll('SELECT count(*) FROM t')).getRows()[0][0]);
  const t2 = performance.now();
  con.closeSync(); instance.closeSync();
  console.log(JSON.stringify({ load_s: (t2 - t1) / 1000, rows, peak_rss: process.resourceUsage().maxRSS * 1024 }));
})();
`;

/** Up to 17 significant digits: String(x) writes the shortest round-trip form, as Python's repr(float). */
function fullPrecision(rng: () => number): string {
  return String((rng() - 0.5) * 100_000);
}

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const hi = s >>> 5;
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (hi * 67108864 + (s >>> 6)) / 9007199254740992;
  };
}

async function writeLines(path: string, header: string, rows: number, row: (r: number) => string) {
  const out = createWriteStream(path);
  let chunk = `${header}\n`;
  for (let r = 0; r < rows; r++) {
    chunk += `${row(r)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

/** ROWS × 10 doubles: `fifteen` = up to 15 digits (the old bench's file), else full precision. */
function generate(path: string, rows: number, fifteen = false): Promise<void> {
  const rng = lcg(1);
  const header = Array.from({ length: COLUMNS }, (_, i) => `x${i}`).join(',');
  return writeLines(path, header, rows, () => {
    const row = new Array<string>(COLUMNS);
    for (let c = 0; c < COLUMNS; c++)
      row[c] = fifteen
        ? ((rng() - 0.5) * 100_000).toFixed(c % 3 === 0 ? 8 : 10)
        : fullPrecision(rng);
    return row.join(',');
  });
}

const CITIES = Array.from({ length: 20 }, (_, i) => `city_${i}`);
/** Mixed: integers, free text (some quoted, with commas), categories, full-precision doubles with NA, ISO dates, booleans. */
function generateMixed(path: string, rows: number): Promise<void> {
  const rng = lcg(5);
  const day0 = Date.UTC(2020, 0, 1);
  return writeLines(path, 'id,name,city,age,score,signup,active,comment', rows, (r) => {
    const age = rng() < 0.05 ? '' : String(18 + Math.floor(rng() * 60));
    const score = rng() < 0.05 ? 'NA' : fullPrecision(rng);
    const signup = new Date(day0 + Math.floor(rng() * 1500) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const comment = rng() < 0.2 ? `"note ${r}, with a comma"` : rng() < 0.1 ? '' : `n${r % 9973}`;
    return [
      r,
      `user_${Math.floor(rng() * 1e9).toString(36)}`,
      CITIES[Math.floor(rng() * 20)],
      age,
      score,
      signup,
      rng() < 0.5 ? 'true' : 'false',
      comment,
    ].join(',');
  });
}

interface Fresh {
  seconds: number;
  cpu: number | null;
  read: number;
  rss: number;
}

async function pandas(path: string, dates = ''): Promise<Fresh | null> {
  const r = await timeProcess(PYTHON, ['-c', PANDAS, path, dates]);
  if (r.status !== 0) return null;
  const out = JSON.parse(r.stdout) as { read_s: number; peak_rss: number };
  return { seconds: r.seconds, cpu: r.cpu, read: out.read_s, rss: out.peak_rss };
}

async function duckdb(path: string, dbDir: string): Promise<Fresh> {
  rmSync(dbDir, { recursive: true, force: true });
  mkdirSync(dbDir);
  const r = await timeProcess(process.execPath, [
    '-e',
    DUCKDB,
    join(APP_ROOT, 'package.json'),
    path,
    join(dbDir, 'bench.duckdb'),
  ]);
  if (r.status !== 0) throw new Error(`the DuckDB baseline failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { load_s: number; peak_rss: number };
  rmSync(dbDir, { recursive: true, force: true });
  return { seconds: r.seconds, cpu: r.cpu, read: out.load_s, rss: out.peak_rss };
}

/** `benchtop --data-dir FRESH import FILE` as the user runs it; its peak RSS from /proc while it runs. */
async function command(path: string, dataDir: string) {
  rmSync(dataDir, { recursive: true, force: true });
  const r = await benchtop(dataDir, ['import', path, '--json']);
  rmSync(dataDir, { recursive: true, force: true });
  return {
    seconds: r.seconds,
    cpu: r.cpu,
    rss: r.peakRssMb,
    summary: JSON.parse(r.stdout) as { rows: number },
  };
}

/** Whole commands, alternating (ours, pandas, DuckDB) REPEAT times; one JSON line of medians. */
async function compareCsv(name: string, file: string, dir: string, dates = '') {
  const mb = statSync(file).size / 1e6;
  const ours: number[] = [];
  const oursCpu: number[] = [];
  const oursRss: number[] = [];
  let rows = 0;
  const pd: Fresh[] = [];
  const duck: Fresh[] = [];
  const hasPandas = pythonHas('pandas');
  for (let i = 0; i < REPEAT; i++) {
    const r = await command(file, join(dir, 'data'));
    ours.push(r.seconds);
    if (r.cpu !== null) oursCpu.push(r.cpu);
    if (r.rss !== null) oursRss.push(r.rss);
    rows = r.summary.rows;
    if (hasPandas) {
      const p = await pandas(file, dates);
      if (p) pd.push(p);
    }
    duck.push(await duckdb(file, join(dir, 'duck')));
  }
  const oursS = median(ours);
  const pdS = pd.length ? median(pd.map((p) => p.seconds)) : null;
  const duckS = median(duck.map((d) => d.seconds));
  const cpuOf = (xs: (number | null)[]) =>
    xs.length && xs.every((x) => x !== null) ? median(xs as number[]) : null;
  const oursC = oursCpu.length === ours.length ? median(oursCpu) : null;
  const duckC = cpuOf(duck.map((d) => d.cpu));
  const pdC = cpuOf(pd.map((p) => p.cpu));
  console.log(
    JSON.stringify({
      name,
      what: 'whole `node bin/benchtop.js --data-dir FRESH import FILE --json` (read, hash, copy, type, profile, columnar cache, store), spawn to exit, each in a fresh data dir',
      rows,
      mb: round1(mb),
      repeats: REPEAT,
      benchtop_s: round(oursS),
      benchtop_s_each: ours.map((x) => round(x)),
      benchtop_mb_per_s: round1(mb / oursS),
      benchtop_cpu_s: oursC === null ? null : round(oursC),
      benchtop_peak_rss_mb: oursRss.length ? Math.max(...oursRss) : null,
      baseline:
        'DuckDB `CREATE TABLE t AS FROM read_csv(FILE)` into a fresh database file, whole fresh `node` process via @duckdb/node-api; and pandas.read_csv, whole fresh python process; each alternating with ours',
      duckdb_s: round(duckS),
      duckdb_s_each: duck.map((d) => round(d.seconds)),
      duckdb_load_s: round(median(duck.map((d) => d.read))),
      duckdb_cpu_s: duckC === null ? null : round(duckC),
      duckdb_peak_rss_mb: Math.round(median(duck.map((d) => d.rss)) / 1e6),
      pandas_s: pdS === null ? null : round(pdS),
      pandas_s_each: pd.map((p) => round(p.seconds)),
      pandas_read_csv_s: pd.length ? round(median(pd.map((p) => p.read))) : null,
      pandas_cpu_s: pdC === null ? null : round(pdC),
      pandas_peak_rss_mb: pd.length ? Math.round(median(pd.map((p) => p.rss)) / 1e6) : null,
      ratio: round(oursS / duckS),
      ratio_vs_pandas: pdS === null ? null : round(oursS / pdS),
      cpu_ratio: oursC === null || duckC === null ? null : round(oursC / duckC),
      cpu_ratio_vs_pandas: oursC === null || pdC === null ? null : round(oursC / pdC),
      ratio_means:
        'our whole command ÷ the baseline whole process, wall clock (ratio: DuckDB; ratio_vs_pandas: pandas); cpu_ratio*: the same with user + system CPU seconds (/usr/bin/time; steadier on a busy machine, but DuckDB uses every core); below 1 is faster',
      ...(hasPandas ? {} : { pandas: 'missing (apt-get install python3-pandas)' }),
    }),
  );
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
  requireBuild('import');
  const full = join(dir, 'full-precision.csv');
  await generate(full, ROWS);
  await compareCsv('import_csv_full_precision', full, dir);
  rmSync(full, { force: true });
  const fifteen = join(dir, 'fifteen-digits.csv');
  await generate(fifteen, ROWS, true);
  await compareCsv('import_csv_15_digits', fifteen, dir);
  rmSync(fifteen, { force: true });
  const mixed = join(dir, 'mixed.csv');
  await generateMixed(mixed, ROWS);
  await compareCsv('import_csv_mixed', mixed, dir, 'signup');
  rmSync(mixed, { force: true });
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
