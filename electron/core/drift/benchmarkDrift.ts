import { ksTwoSampleSorted } from './ksTwoSample.js';
import { sortedSample } from './sortedSample.js';
import { syntheticSample } from './syntheticSample.js';
import { wassersteinNormalizedSorted } from './wasserstein.js';

/**
 * Times the numeric drift core on synthetic data: for each column, sort both samples once, then run
 * ksTwoSample and wassersteinNormalized on the sorted arrays. Half the columns drift slightly (a small
 * shift of the current sample), the others do not, so both the Pelz–Good and the Smirnov branches of the
 * asymptotic KS p-value are exercised. Meant for bench/ (owned elsewhere) to call.
 */

export interface DriftBenchOptions {
  rows?: number;
  currentRows?: number;
  columns?: number;
  seed?: number;
}

export interface DriftBenchResult {
  rows: number;
  currentRows: number;
  columns: number;
  /** Wall time of sort + KS + normalised Wasserstein over all columns (data generation excluded). */
  totalMs: number;
  sortMs: number;
  ksMs: number;
  wassersteinMs: number;
}

export function benchmarkDrift(options: DriftBenchOptions = {}): DriftBenchResult {
  const rows = options.rows ?? 1_000_000;
  const currentRows = options.currentRows ?? rows;
  const columns = options.columns ?? 20;
  const seed = options.seed ?? 1;
  let sortMs = 0;
  let ksMs = 0;
  let wassersteinMs = 0;
  for (let c = 0; c < columns; c++) {
    const ref = syntheticSample({ seed: seed + 2 * c, n: rows, kind: 'irwinhall' });
    const cur = syntheticSample({
      seed: seed + 2 * c + 1,
      n: currentRows,
      kind: 'irwinhall',
      loc: c % 2 === 0 ? 0 : 0.005,
    });
    let t = performance.now();
    const refSorted = sortedSample(ref);
    const curSorted = sortedSample(cur);
    sortMs += performance.now() - t;
    t = performance.now();
    ksTwoSampleSorted(refSorted, curSorted);
    ksMs += performance.now() - t;
    t = performance.now();
    wassersteinNormalizedSorted(refSorted, curSorted);
    wassersteinMs += performance.now() - t;
  }
  return {
    rows,
    currentRows,
    columns,
    totalMs: sortMs + ksMs + wassersteinMs,
    sortMs,
    ksMs,
    wassersteinMs,
  };
}
