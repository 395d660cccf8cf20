import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchmarkDrift } from '../electron/core/drift/benchmarkDrift.js';
import {
  PYTHON,
  benchtop,
  median,
  pythonHas,
  requireBuild,
  round,
  type Timed,
} from './wholeCommand.js';

/**
 * Numeric drift, two figures.
 * 1. `drift_numeric` (the kernel): KS + normalised Wasserstein over COLUMNS × ROWS vs ROWS rows of
 *    synthetic data, in this process, next to SciPy's API (ks_2samp + wasserstein_distance, each
 *    sorting again) and NumPy sort-once (each sample sorted once, KS by searchsorted on the merged
 *    sorted values, Wasserstein from the same sorted CDFs) on data of the same size and shape.
 * 2. `drift_command` (what the user waits for): two generated CSVs (full-precision doubles, as
 *    Python's repr writes them) imported with `benchtop import`, then the whole `benchtop drift
 *    --numeric-test ks` and `… wasserstein` commands, each a fresh process, spawn to exit, median of
 *    BENCH_REPEAT (3), alternating with a fresh Python process that computes NumPy sort-once KS +
 *    Wasserstein over the same columns (its CSV read is not timed: only the compute is).
 * BENCH_DRIFT_COMMAND_ROWS (ROWS) sizes the command's files; `npm run build` first.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const COLUMNS = Number(process.env.BENCH_COLUMNS ?? 20);
const COMMAND_ROWS = Number(process.env.BENCH_DRIFT_COMMAND_ROWS ?? ROWS);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);

/** NumPy sort-once: sorts each sample once; KS and Wasserstein read the same merged sorted values. */
const SORT_ONCE = `
def sort_once(a0, b0):
    t0 = time.perf_counter()
    a = np.sort(a0); b = np.sort(b0)
    allv = np.concatenate([a, b]); allv.sort(kind='stable')
    cdf1 = np.searchsorted(a, allv, side='right') / len(a)
    cdf2 = np.searchsorted(b, allv, side='right') / len(b)
    t1 = time.perf_counter()
    d = float(np.abs(cdf1 - cdf2).max())
    en = round(len(a) * len(b) / (len(a) + len(b)))
    p = float(kstwo.sf(d, en))
    t2 = time.perf_counter()
    w = float(np.sum(np.abs(cdf1[:-1] - cdf2[:-1]) * np.diff(allv)) / a.std())
    t3 = time.perf_counter()
    return (t1 - t0, t2 - t1, t3 - t2), d, p, w
`;

const KERNEL = `
import sys, time, json, numpy as np
from scipy import stats
from scipy.stats import kstwo
${SORT_ONCE}
rows, columns = int(sys.argv[1]), int(sys.argv[2])
rng = np.random.default_rng(1)
api = 0.0
once = [0.0, 0.0, 0.0]
for c in range(columns):
    ref = rng.random((rows, 3)).sum(axis=1)
    cur = rng.random((rows, 3)).sum(axis=1) + (0 if c % 2 == 0 else 0.005)
    t = time.perf_counter()
    stats.ks_2samp(ref, cur, method='auto')
    stats.wasserstein_distance(ref, cur) / ref.std()
    api += time.perf_counter() - t
    parts, _, _, _ = sort_once(ref, cur)
    once = [x + y for x, y in zip(once, parts)]
print(json.dumps({'scipy_api_ms': api * 1000, 'numpy_sort_once_ms': sum(once) * 1000}))
`;

const COMMAND_BASELINE = `
import sys, time, json, numpy as np, pandas as pd
from scipy.stats import kstwo
${SORT_ONCE}
ref = pd.read_csv(sys.argv[1], float_precision='round_trip')
cur = pd.read_csv(sys.argv[2], float_precision='round_trip')
shared = ks = w = 0.0
stats = {}
for name in ref.columns:
    t = time.perf_counter()
    a = ref[name].to_numpy(); b = cur[name].to_numpy()
    a = a[~np.isnan(a)]; b = b[~np.isnan(b)]
    shared += time.perf_counter() - t
    (s, k, ww), d, p, dist = sort_once(a, b)
    shared += s; ks += k; w += ww
    stats[name] = {'ks': d, 'p': p, 'wasserstein': dist}
print(json.dumps({'sort_ms': shared * 1000, 'ks_ms': ks * 1000, 'wasserstein_ms': w * 1000, 'stats': stats}))
`;

function kernel() {
  const ours = benchmarkDrift({ rows: ROWS, columns: COLUMNS });
  const r = existsSync(PYTHON)
    ? spawnSync(PYTHON, ['-c', KERNEL, String(ROWS), String(COLUMNS)], { encoding: 'utf8' })
    : null;
  const base =
    r?.status === 0
      ? (JSON.parse(r.stdout) as { scipy_api_ms: number; numpy_sort_once_ms: number })
      : null;
  console.log(
    JSON.stringify({
      name: 'drift_numeric',
      what: 'kernel only: KS + normalised Wasserstein per column in this process, data generation excluded',
      rows: ROWS,
      columns: COLUMNS,
      ms: Math.round(ours.totalMs),
      sort_ms: Math.round(ours.sortMs),
      ks_ms: Math.round(ours.ksMs),
      wasserstein_ms: Math.round(ours.wassersteinMs),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      baseline:
        base === null
          ? 'missing (apt-get install python3-scipy)'
          : 'NumPy sort-once (each sample sorted once, KS by searchsorted on the merged sorted values, Wasserstein from the same CDFs); also SciPy API ks_2samp + wasserstein_distance in a loop',
      baseline_ms: base === null ? null : Math.round(base.numpy_sort_once_ms),
      ratio: base === null ? null : round(ours.totalMs / base.numpy_sort_once_ms, 3),
      scipy_api_ms: base === null ? null : Math.round(base.scipy_api_ms),
      ratio_vs_scipy_api: base === null ? null : round(ours.totalMs / base.scipy_api_ms, 3),
    }),
  );
}

/** COLUMNS doubles a row written as String(x) does (shortest round-trip form, up to 17 digits). */
async function writeCsv(path: string, rows: number, seed: number, shift: boolean): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${Array.from({ length: COLUMNS }, (_, c) => `x${c}`).join(',')}\n`);
  let s = seed >>> 0;
  const u = () => {
    // xorshift32 → two draws make one 53-bit uniform
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const hi = (s >>> 0) >>> 5;
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const lo = (s >>> 0) >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  };
  let chunk = '';
  for (let r = 0; r < rows; r++) {
    const row = new Array<string>(COLUMNS);
    for (let c = 0; c < COLUMNS; c++)
      row[c] = String(u() + u() + u() + (shift && c % 2 === 1 ? 0.005 : 0));
    chunk += `${row.join(',')}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

interface Baseline {
  sort_ms: number;
  ks_ms: number;
  wasserstein_ms: number;
  stats: Record<string, { ks: number; p: number; wasserstein: number }>;
}
interface Report {
  reference_rows: number;
  columns: { column: string; test: string | null; statistic: number | null }[];
}

async function command() {
  requireBuild('drift');
  const hasNumpy = pythonHas('numpy', 'scipy', 'pandas');
  // BENCH_DRIFT_REUSE=DIR: a folder a previous run left (reference.csv, current.csv, data/ with
  // both imported): used as it is and kept, so a long comparison can be resumed.
  const reuse = process.env.BENCH_DRIFT_REUSE;
  const dir = reuse ?? mkdtempSync(join(tmpdir(), 'benchtop-drift-bench-'));
  try {
    const ref = join(dir, 'reference.csv');
    const cur = join(dir, 'current.csv');
    const data = join(dir, 'data');
    const imports: Timed[] = [];
    if (!reuse) {
      await writeCsv(ref, COMMAND_ROWS, 1, false);
      await writeCsv(cur, COMMAND_ROWS, 2, true);
      imports.push(await benchtop(data, ['import', ref]), await benchtop(data, ['import', cur]));
    }
    // BENCH_BEFORE_APP_ROOT: another build (e.g. main's) timed on the same data dir, in the same run.
    const before = process.env.BENCH_BEFORE_APP_ROOT;
    const drift = (test: string, root?: string) =>
      benchtop(
        data,
        ['drift', '--reference', '1', '--current', '2', '--numeric-test', test, '--json'],
        root,
      );
    const runs: Record<string, Timed[]> = {
      ks: [],
      wasserstein: [],
      ks_before: [],
      wasserstein_before: [],
    };
    const base: Baseline[] = [];
    const reports: Record<string, Report> = {};
    for (let i = 0; i < REPEAT; i++) {
      for (const test of ['ks', 'wasserstein']) {
        const r = await drift(test);
        runs[test]!.push(r);
        reports[test] = JSON.parse(r.stdout) as Report;
        if (before) runs[`${test}_before`]!.push(await drift(test, before));
      }
      if (hasNumpy) {
        const r = spawnSync(PYTHON, ['-c', COMMAND_BASELINE, ref, cur], {
          encoding: 'utf8',
          maxBuffer: 1 << 26,
        });
        if (r.status !== 0) throw new Error(`the NumPy baseline failed: ${r.stderr}`);
        base.push(JSON.parse(r.stdout) as Baseline);
      }
    }
    const wall = (k: string) =>
      runs[k]!.length ? round(median(runs[k]!.map((r) => r.seconds))) : null;
    const cpu = (k: string) =>
      runs[k]!.length && runs[k]!.every((r) => r.cpu !== null)
        ? round(median(runs[k]!.map((r) => r.cpu!)))
        : null;
    const ksS = median(runs.ks!.map((r) => r.seconds));
    const wS = median(runs.wasserstein!.map((r) => r.seconds));
    const npKs = base.length ? median(base.map((b) => b.sort_ms + b.ks_ms)) / 1000 : null;
    const npW = base.length ? median(base.map((b) => b.sort_ms + b.wasserstein_ms)) / 1000 : null;
    const npBoth = base.length
      ? median(base.map((b) => b.sort_ms + b.ks_ms + b.wasserstein_ms)) / 1000
      : null;
    // Same columns, same numbers: KS statistics must agree exactly, Wasserstein to rounding.
    const agreement = base.length
      ? {
          ks_statistics_equal: `${
            reports.ks!.columns.filter((c) => c.statistic === base[0]!.stats[c.column]?.ks).length
          } of ${COLUMNS}`,
          wasserstein_max_relative_difference: Math.max(
            ...reports.wasserstein!.columns.map((c) => {
              const theirs = base[0]!.stats[c.column]!.wasserstein;
              return Math.abs((c.statistic ?? NaN) - theirs) / Math.abs(theirs);
            }),
          ),
        }
      : null;
    console.log(
      JSON.stringify({
        name: 'drift_command',
        what: 'whole `benchtop drift --numeric-test ks|wasserstein --json` on two imported datasets: a fresh node process, spawn to exit (load, align, test, store), median of repeats; cpu = user + system seconds of the command and its job process',
        rows: reports.ks?.reference_rows ?? COMMAND_ROWS,
        columns: COLUMNS,
        repeats: REPEAT,
        import_s_each: imports.map((r) => round(r.seconds)),
        benchtop_ks_s: wall('ks'),
        benchtop_wasserstein_s: wall('wasserstein'),
        benchtop_ks_s_each: runs.ks!.map((r) => round(r.seconds)),
        benchtop_wasserstein_s_each: runs.wasserstein!.map((r) => round(r.seconds)),
        benchtop_ks_cpu_s: cpu('ks'),
        benchtop_wasserstein_cpu_s: cpu('wasserstein'),
        benchtop_peak_rss_mb: Math.max(...runs.ks!.map((r) => r.peakRssMb ?? 0)),
        ...(before
          ? {
              before_app_root: before,
              before_ks_s: wall('ks_before'),
              before_wasserstein_s: wall('wasserstein_before'),
              before_ks_cpu_s: cpu('ks_before'),
              before_wasserstein_cpu_s: cpu('wasserstein_before'),
            }
          : {}),
        baseline: hasNumpy
          ? 'NumPy sort-once compute over the same columns of the same CSVs (pandas round_trip read, not timed), fresh python process each repeat, alternating with ours'
          : 'missing (apt-get install python3-scipy python3-pandas)',
        numpy_ks_s: npKs === null ? null : round(npKs),
        numpy_wasserstein_s: npW === null ? null : round(npW),
        numpy_ks_and_wasserstein_s: npBoth === null ? null : round(npBoth),
        ratio_ks: npKs === null ? null : round(ksS / npKs),
        ratio_wasserstein: npW === null ? null : round(wS / npW),
        ratio: npBoth === null ? null : round(ksS / npBoth),
        ratio_means:
          "ratio_ks: KS command ÷ NumPy sort + KS; ratio_wasserstein: Wasserstein command ÷ NumPy sort + Wasserstein; ratio: KS command ÷ NumPy sort + KS + Wasserstein (the issue's anchor); wall clock; below 1 is faster",
        agreement,
      }),
    );
  } finally {
    if (!reuse) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.BENCH_DRIFT_ONLY !== 'command') kernel();
if (process.env.BENCH_DRIFT_ONLY !== 'kernel') await command();
