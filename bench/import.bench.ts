import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { prepareVersion } from '../electron/core/datasets/prepareVersion.js';

/**
 * Import throughput: a generated ROWS × 10 numeric-column CSV (~200 MB at 1M rows) imported the
 * way the job process does it (read, hash and copy in one pass, type, profile, columnar cache),
 * next to pandas.read_csv on the same file. Peak RSS is this process's own high-water mark.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const COLUMNS = 10;
const PYTHON = '/usr/bin/python3';

const PANDAS = `
import sys, time, resource
import pandas as pd
t = time.perf_counter()
df = pd.read_csv(sys.argv[1])
elapsed = time.perf_counter() - t
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, len(df))
`;

async function generate(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${Array.from({ length: COLUMNS }, (_, i) => `x${i}`).join(',')}\n`);
  let seed = 1;
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * 100_000 - 50_000;
  const lines: string[] = [];
  for (let r = 0; r < ROWS; r++) {
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

function pandas(path: string): { seconds: number; rss: number } | null {
  if (!existsSync(PYTHON)) return null;
  const r = spawnSync(PYTHON, ['-c', PANDAS, path], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const [seconds, rss] = r.stdout.trim().split(' ').map(Number);
  return { seconds: seconds!, rss: rss! };
}

const dir = mkdtempSync(join(tmpdir(), 'benchtop-import-bench-'));
try {
  const file = join(dir, 'numbers.csv');
  await generate(file);
  const mb = statSync(file).size / 1e6;
  const t = performance.now();
  const prepared = await prepareVersion({ path: file, fileName: 'numbers.csv', dataDir: join(dir, 'data'), options: { types: {} } });
  const seconds = (performance.now() - t) / 1000;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const baseline = pandas(file);
  if (!baseline) console.error('bench import: the pandas baseline is missing (apt-get install python3-pandas)');
  const ours = mb / seconds;
  const theirs = baseline ? mb / baseline.seconds : null;
  console.log(
    JSON.stringify({
      name: 'import_csv_numeric',
      rows: prepared.rows,
      columns: prepared.columns.length,
      mb: Number(mb.toFixed(1)),
      benchtop_mb_per_s: Number(ours.toFixed(1)),
      benchtop_peak_rss_mb: Math.round(peakRss / 1e6),
      pandas_mb_per_s: theirs === null ? null : Number(theirs.toFixed(1)),
      pandas_peak_rss_mb: baseline ? Math.round(baseline.rss / 1e6) : null,
      baseline: baseline ? 'pandas.read_csv' : 'missing (apt-get install python3-pandas)',
      ratio: theirs === null ? null : Number((ours / theirs).toFixed(2)),
    }),
  );
  const parquetRows = Number(process.env.BENCH_PARQUET_ROWS ?? 2_000_000);
  const parquet = join(dir, 'numbers.parquet');
  let seed = 7;
  const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * 1000;
  const columnData = Array.from({ length: 4 }, (_, c) => ({ name: `x${c}`, data: Float64Array.from({ length: parquetRows }, next), type: 'DOUBLE' as const }));
  writeFileSync(parquet, new Uint8Array(parquetWriteBuffer({ columnData })));
  const parquetMb = statSync(parquet).size / 1e6;
  const t2 = performance.now();
  const fromParquet = await prepareVersion({ path: parquet, fileName: 'numbers.parquet', dataDir: join(dir, 'data'), options: { types: {} } });
  const parquetSeconds = (performance.now() - t2) / 1000;
  console.log(
    JSON.stringify({
      name: 'import_parquet_numeric',
      rows: fromParquet.rows,
      columns: fromParquet.columns.length,
      mb: Number(parquetMb.toFixed(1)),
      benchtop_mb_per_s: Number((parquetMb / parquetSeconds).toFixed(1)),
      benchtop_rows_per_s: Math.round(fromParquet.rows / parquetSeconds),
      benchtop_peak_rss_mb: Math.round((process.resourceUsage().maxRSS * 1024) / 1e6),
      baseline: 'none (pandas.read_parquet needs pyarrow, which Debian does not package)',
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
