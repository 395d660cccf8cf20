import { countCategories, countNumericValues, type CategoryCounts } from './categories.js';
import { chiSquareHomogeneity } from './chiSquare.js';
import {
  DEFAULT_DRIFT_SHARE,
  DEFAULT_THRESHOLDS,
  AUTO_MAX_DISCRETE_VALUES,
  AUTO_MAX_TEST_ROWS,
  SCORE_KIND,
  isDriftTest,
  validateDriftOptions,
  validateThreshold,
  type ColumnDriftResult,
  type ColumnOverride,
  type DatasetDriftResult,
  type DriftColumn,
  type DriftOptions,
  type DriftTestName,
  type TestedColumn,
} from './driftConfig.js';
import { DriftConfigError, DriftInputError } from './errors.js';
import { jensenShannonCategorical, jensenShannonNumericSorted } from './jensenShannon.js';
import { ksTwoSampleSorted } from './ksTwoSample.js';
import { psiCategorical, psiNumericSorted } from './psi.js';
import { sortedSamples } from './sortedSample.js';
import { wassersteinNormalizedSorted } from './wasserstein.js';
import { twoProportionZTest } from './zTest.js';

/**
 * Column and dataset drift with Evidently's default test selection ("auto"):
 *  - reference ≤ 1000 rows: numeric column with > 5 distinct values (reference ∪ current) → two-sample
 *    KS; otherwise > 2 distinct values → chi-square; ≤ 2 → two-proportion z-test. Drift when p < 0.05.
 *  - reference > 1000 rows: numeric with > 5 distinct values → Wasserstein distance normalised by the
 *    reference std; otherwise → Jensen–Shannon distance. Drift when distance ≥ 0.1.
 * A numeric column with ≤ 5 distinct values is tested as categories (one per value) by the category
 * tests (chi-square, z, Jensen–Shannon, PSI). Per column the test and/or threshold can be overridden;
 * p-value tests drift when p < threshold, distance tests (wasserstein, jensenshannon, psi) when
 * distance ≥ threshold. The dataset drifts when (drifted columns / tested columns) ≥ driftShare (0.5).
 * Columns with no values left on one side are reported as skipped and not counted.
 */

export * from './driftConfig.js';

/** Distinct values of two ascending samples, counting stops once it exceeds `cap`. */
function distinctSortedUpTo(a: Float64Array, b: Float64Array, cap: number): number {
  let i = 0;
  let j = 0;
  let distinct = 0;
  while ((i < a.length || j < b.length) && distinct <= cap) {
    const x = i < a.length ? (a[i] as number) : Infinity;
    const y = j < b.length ? (b[j] as number) : Infinity;
    const v = x <= y ? x : y;
    while (i < a.length && (a[i] as number) <= v) i++;
    while (j < b.length && (b[j] as number) <= v) j++;
    distinct++;
  }
  return distinct;
}

function distinctCategories(a: CategoryCounts, b: CategoryCounts): number {
  const all = new Set<string>();
  for (const [k, c] of a) if (c > 0) all.add(k);
  for (const [k, c] of b) if (c > 0) all.add(k);
  return all.size;
}

/** Evidently's default test for a column, from reference size, kind and distinct values. */
export function autoTest(
  kind: DriftColumn['kind'],
  referenceRows: number,
  distinctValues: number,
): DriftTestName {
  const continuous = kind === 'numeric' && distinctValues > AUTO_MAX_DISCRETE_VALUES;
  if (referenceRows <= AUTO_MAX_TEST_ROWS) {
    if (continuous) return 'ks';
    return distinctValues > 2 ? 'chisquare' : 'z';
  }
  return continuous ? 'wasserstein' : 'jensenshannon';
}

/** Prepared column: sorted numbers (numeric), and category counts when tested as categories. */
interface Prepared {
  refSorted?: Float64Array;
  curSorted?: Float64Array;
  refCounts: () => CategoryCounts;
  curCounts: () => CategoryCounts;
  distinct: number;
  asCategories: boolean;
}

function prepare(column: DriftColumn): Prepared {
  if (column.kind === 'numeric') {
    const [refSorted, curSorted] = sortedSamples(column);
    const distinct = distinctSortedUpTo(refSorted, curSorted, AUTO_MAX_DISCRETE_VALUES);
    let counts: [CategoryCounts, CategoryCounts] | undefined;
    const both = (): [CategoryCounts, CategoryCounts] =>
      (counts ??= [countNumericValues(refSorted), countNumericValues(curSorted)]);
    return {
      refSorted,
      curSorted,
      refCounts: () => both()[0],
      curCounts: () => both()[1],
      distinct,
      asCategories: distinct <= AUTO_MAX_DISCRETE_VALUES,
    };
  }
  const ref = countCategories(column.reference);
  const cur = countCategories(column.current);
  return {
    refCounts: () => ref,
    curCounts: () => cur,
    distinct: distinctCategories(ref, cur),
    asCategories: true,
  };
}

type Outcome = Pick<
  TestedColumn,
  'statistic' | 'pValue' | 'effectSize' | 'effectSizeName' | 'method' | 'dof'
>;

function run(test: DriftTestName, p: Prepared): Outcome {
  const numeric = (): [Float64Array, Float64Array] => {
    if (p.refSorted === undefined || p.curSorted === undefined)
      throw new DriftConfigError(`The ${test} test needs a numeric column.`);
    return [p.refSorted, p.curSorted];
  };
  switch (test) {
    case 'ks': {
      const r = ksTwoSampleSorted(...numeric());
      return {
        statistic: r.statistic,
        pValue: r.pValue,
        effectSize: r.statistic,
        effectSizeName: 'ks_statistic',
        method: r.method,
      };
    }
    case 'wasserstein': {
      const d = wassersteinNormalizedSorted(...numeric());
      return {
        statistic: d,
        pValue: null,
        effectSize: d,
        effectSizeName: 'wasserstein_normalized',
      };
    }
    case 'chisquare': {
      const r = chiSquareHomogeneity(p.refCounts(), p.curCounts());
      return {
        statistic: r.statistic,
        pValue: r.pValue,
        effectSize: r.cramersV,
        effectSizeName: 'cramers_v',
        dof: r.dof,
      };
    }
    case 'z': {
      const r = twoProportionZTest(p.refCounts(), p.curCounts());
      return {
        statistic: r.statistic,
        pValue: r.pValue,
        effectSize: r.cohensH,
        effectSizeName: 'cohens_h',
      };
    }
    case 'jensenshannon': {
      const d = p.asCategories
        ? jensenShannonCategorical(p.refCounts(), p.curCounts())
        : jensenShannonNumericSorted(...numeric());
      return { statistic: d, pValue: null, effectSize: d, effectSizeName: 'jensen_shannon' };
    }
    case 'psi': {
      const d = p.asCategories
        ? psiCategorical(p.refCounts(), p.curCounts())
        : psiNumericSorted(...numeric());
      return { statistic: d, pValue: null, effectSize: d, effectSizeName: 'psi' };
    }
  }
}

/** Tests one column (auto test unless overridden). Throws DriftConfigError/DriftInputError. */
export function testColumn(column: DriftColumn, override: ColumnOverride = {}): ColumnDriftResult {
  const referenceRows = column.reference.length;
  const currentRows = column.current.length;
  if (referenceRows === 0 || currentRows === 0) {
    const side = referenceRows === 0 ? 'reference' : 'current';
    return {
      status: 'skipped',
      column: column.name,
      kind: column.kind,
      reason: `no values in the ${side} data`,
    };
  }
  const prepared = prepare(column);
  const test = override.test ?? autoTest(column.kind, referenceRows, prepared.distinct);
  if (!isDriftTest(test))
    throw new DriftConfigError(`Unknown drift test '${String(test)}' for column '${column.name}'.`);
  if (column.kind === 'categorical' && (test === 'ks' || test === 'wasserstein')) {
    throw new DriftConfigError(
      `Column '${column.name}' is categorical; the ${test} test needs a numeric column.`,
    );
  }
  const threshold = override.threshold ?? DEFAULT_THRESHOLDS[test];
  validateThreshold(test, threshold, column.name);
  let outcome: Outcome;
  try {
    outcome = run(test, prepared);
  } catch (e) {
    // Name the column in the one-line message, keeping the error class.
    if (e instanceof DriftConfigError)
      throw new DriftConfigError(`Column '${column.name}': ${e.message}`);
    if (e instanceof DriftInputError)
      throw new DriftInputError(`Column '${column.name}': ${e.message}`);
    throw e;
  }
  const scoreKind = SCORE_KIND[test];
  const score = scoreKind === 'p_value' ? (outcome.pValue ?? 1) : outcome.statistic;
  return {
    status: 'tested',
    column: column.name,
    kind: column.kind,
    test,
    chosenBy: override.test === undefined ? 'auto' : 'override',
    scoreKind,
    score,
    threshold,
    drifted: scoreKind === 'p_value' ? score < threshold : score >= threshold,
    ...outcome,
    referenceRows,
    currentRows,
  };
}

/** Column-by-column drift plus the dataset verdict. Validates options first (DriftConfigError). */
export function detectDrift(
  columns: readonly DriftColumn[],
  options: DriftOptions = {},
): DatasetDriftResult {
  validateDriftOptions(options, columns);
  const driftShare = options.driftShare ?? DEFAULT_DRIFT_SHARE;
  const results = columns.map((c) => testColumn(c, options.overrides?.[c.name]));
  const tested = results.filter((r): r is TestedColumn => r.status === 'tested');
  const drifted = tested.filter((r) => r.drifted).length;
  const share = tested.length === 0 ? 0 : drifted / tested.length;
  return {
    columns: results,
    testedColumns: tested.length,
    driftedColumns: drifted,
    share,
    driftShare,
    datasetDrift: tested.length > 0 && share >= driftShare,
  };
}
