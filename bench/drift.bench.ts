import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { benchmarkDrift } from '../electron/core/drift/benchmarkDrift.js';

/**
 * Numeric drift: 20 columns × 1M reference vs 1M current rows, KS (SciPy's auto method → asymptotic
 * here) plus normalised Wasserstein per column, next to scipy.stats.ks_2samp + wasserstein_distance
 * in a loop on data of the same size and shape. Both exclude data generation.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const COLUMNS = Number(process.env.BENCH_COLUMNS ?? 20);
const PYTHON = '/usr/bin/python3';

const SCIPY = `
import sys, time, numpy as np
from scipy import stats
rows, columns = int(sys.argv[1]), int(sys.argv[2])
rng = np.random.default_rng(1)
total = 0.0
for c in range(columns):
    ref = rng.random((rows, 3)).sum(axis=1)
    cur = rng.random((rows, 3)).sum(axis=1) + (0 if c % 2 == 0 else 0.005)
    t = time.perf_counter()
    stats.ks_2samp(ref, cur, method='auto')
    stats.wasserstein_distance(ref, cur) / ref.std()
    total += time.perf_counter() - t
print(total * 1000)
`;

function scipyMs(): number | null {
  if (!existsSync(PYTHON)) return null;
  const r = spawnSync(PYTHON, ['-c', SCIPY, String(ROWS), String(COLUMNS)], { encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim()) : null;
}

const ours = benchmarkDrift({ rows: ROWS, columns: COLUMNS });
const baseline = scipyMs();
console.log(
  JSON.stringify({
    name: 'drift_numeric',
    rows: ROWS,
    columns: COLUMNS,
    ms: Math.round(ours.totalMs),
    sort_ms: Math.round(ours.sortMs),
    ks_ms: Math.round(ours.ksMs),
    wasserstein_ms: Math.round(ours.wassersteinMs),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    baseline:
      baseline === null
        ? 'scipy missing (apt-get install python3-scipy)'
        : 'scipy ks_2samp + wasserstein_distance loop',
    baseline_ms: baseline === null ? null : Math.round(baseline),
    ratio: baseline === null ? null : Number((ours.totalMs / baseline).toFixed(3)),
  }),
);
