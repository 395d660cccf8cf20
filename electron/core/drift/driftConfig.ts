import { DriftConfigError } from './errors.js';

/**
 * Drift test names, defaults, option and result types, and the validation of user-written settings
 * (thresholds, drift share, per-column overrides). Every error is a DriftConfigError with one line.
 */

export const DRIFT_TESTS = ['ks', 'chisquare', 'z', 'wasserstein', 'jensenshannon', 'psi'] as const;
export type DriftTestName = (typeof DRIFT_TESTS)[number];
export type ScoreKind = 'p_value' | 'distance';

export const SCORE_KIND: Readonly<Record<DriftTestName, ScoreKind>> = {
  ks: 'p_value',
  chisquare: 'p_value',
  z: 'p_value',
  wasserstein: 'distance',
  jensenshannon: 'distance',
  psi: 'distance',
};

export const DEFAULT_THRESHOLDS: Readonly<Record<DriftTestName, number>> = {
  ks: 0.05,
  chisquare: 0.05,
  z: 0.05,
  wasserstein: 0.1,
  jensenshannon: 0.1,
  psi: 0.1,
};

export const DEFAULT_DRIFT_SHARE = 0.5;
/** Above this many reference rows "auto" switches from hypothesis tests to distances. */
export const AUTO_MAX_TEST_ROWS = 1000;
/** Numeric columns with at most this many distinct values are treated as categorical. */
export const AUTO_MAX_DISCRETE_VALUES = 5;

export type EffectSizeName =
  'ks_statistic' | 'cramers_v' | 'cohens_h' | 'wasserstein_normalized' | 'jensen_shannon' | 'psi';

export type DriftColumn =
  | {
      name: string;
      kind: 'numeric';
      reference: ArrayLike<number>;
      current: ArrayLike<number>;
      /** Both samples are Float64Arrays already ascending (alignColumns sorts each once): not sorted again. */
      sorted?: boolean;
    }
  | { name: string; kind: 'categorical'; reference: readonly string[]; current: readonly string[] };

export interface ColumnOverride {
  test?: DriftTestName;
  threshold?: number;
}

export interface DriftOptions {
  /** Share of drifted columns at or above which the dataset drifts; in (0, 1]. Default 0.5. */
  driftShare?: number;
  /** Per-column test and/or threshold, keyed by column name. */
  overrides?: Readonly<Record<string, ColumnOverride>>;
}

export interface TestedColumn {
  status: 'tested';
  column: string;
  kind: 'numeric' | 'categorical';
  test: DriftTestName;
  chosenBy: 'auto' | 'override';
  scoreKind: ScoreKind;
  /** The value compared with the threshold: the p-value, or the distance. */
  score: number;
  /** Test statistic: KS D, chi-square, z, or the distance itself. */
  statistic: number;
  pValue: number | null;
  threshold: number;
  drifted: boolean;
  effectSize: number;
  effectSizeName: EffectSizeName;
  /** KS only: whether SciPy's exact or asymptotic p-value was used. */
  method?: 'exact' | 'asymp';
  /** Chi-square only. */
  dof?: number;
  referenceRows: number;
  currentRows: number;
}

export interface SkippedColumn {
  status: 'skipped';
  column: string;
  kind: 'numeric' | 'categorical';
  reason: string;
}

export type ColumnDriftResult = TestedColumn | SkippedColumn;

export interface DatasetDriftResult {
  columns: ColumnDriftResult[];
  testedColumns: number;
  driftedColumns: number;
  /** drifted / tested (0 when nothing was tested). */
  share: number;
  driftShare: number;
  datasetDrift: boolean;
}

/** Throws DriftConfigError unless `threshold` suits the test: a p-value in (0, 1), or a distance > 0. */
export function validateThreshold(test: DriftTestName, threshold: number, column?: string): void {
  const where = column === undefined ? `the ${test} test` : `column '${column}' (${test})`;
  if (SCORE_KIND[test] === 'p_value') {
    if (!(typeof threshold === 'number' && threshold > 0 && threshold < 1)) {
      throw new DriftConfigError(
        `The threshold for ${where} is a p-value and must be between 0 and 1 (exclusive), got ${String(threshold)}.`,
      );
    }
  } else if (!(typeof threshold === 'number' && threshold > 0 && Number.isFinite(threshold))) {
    throw new DriftConfigError(
      `The threshold for ${where} is a distance and must be a finite number > 0, got ${String(threshold)}.`,
    );
  }
}

export function isDriftTest(name: unknown): name is DriftTestName {
  return typeof name === 'string' && (DRIFT_TESTS as readonly string[]).includes(name);
}

/** Checks options against the columns; throws DriftConfigError with a one-line message. */
export function validateDriftOptions(options: DriftOptions, columns: readonly DriftColumn[]): void {
  const driftShare = options.driftShare ?? DEFAULT_DRIFT_SHARE;
  if (!(typeof driftShare === 'number' && driftShare > 0 && driftShare <= 1)) {
    throw new DriftConfigError(
      `The drift share must be a number in (0, 1], got ${String(driftShare)}.`,
    );
  }
  const kinds = new Map<string, DriftColumn['kind']>();
  for (const c of columns) {
    if (kinds.has(c.name)) throw new DriftConfigError(`Column '${c.name}' is listed twice.`);
    kinds.set(c.name, c.kind);
  }
  for (const [name, override] of Object.entries(options.overrides ?? {})) {
    const kind = kinds.get(name);
    if (kind === undefined)
      throw new DriftConfigError(
        `The drift settings name column '${name}', which is not being compared.`,
      );
    if (override.test !== undefined) {
      if (!isDriftTest(override.test)) {
        throw new DriftConfigError(
          `Unknown drift test '${String(override.test)}' for column '${name}'; use one of ${DRIFT_TESTS.join(', ')}.`,
        );
      }
      if (kind === 'categorical' && (override.test === 'ks' || override.test === 'wasserstein')) {
        throw new DriftConfigError(
          `Column '${name}' is categorical; the ${override.test} test needs a numeric column.`,
        );
      }
      if (override.threshold !== undefined)
        validateThreshold(override.test, override.threshold, name);
    }
  }
}
