import { alignCounts, type CategoryCounts } from './categories.js';
import { DriftConfigError } from './errors.js';
import { normalSf } from './erfc.js';

/**
 * Two-proportion z-test for a column with (at most) two categories, the formula of statsmodels'
 * `proportions_ztest([c_ref, c_cur], [n_ref, n_cur])` (two-sided, pooled variance, value 0):
 *   p_pool = (c_ref + c_cur)/(n_ref + n_cur),  z = (c_ref/n_ref − c_cur/n_cur) / sqrt(p_pool(1 − p_pool)(1/n_ref + 1/n_cur)),
 *   p-value = 2 · Pr(Z ≥ |z|) (normal survival via erfc).
 * The "success" category is the first of the two in sorted (UTF-16) order, so the sign of z is
 * deterministic. With a single category on both sides (or otherwise zero pooled variance) there is
 * nothing to test: z = 0, p-value = 1.
 * Effect size: Cohen's h = |2·asin(√p_ref) − 2·asin(√p_cur)|.
 */

export interface ZTestResult {
  statistic: number;
  pValue: number;
  cohensH: number;
  /** The category whose proportions are compared (null when the column has one category only). */
  category: string | null;
}

export function twoProportionZTest(
  refCounts: CategoryCounts,
  curCounts: CategoryCounts,
): ZTestResult {
  const a = alignCounts(refCounts, curCounts);
  if (a.categories.length > 2) {
    throw new DriftConfigError(
      `The z-test compares two categories, but the column has ${a.categories.length}.`,
    );
  }
  const category = a.categories[0] ?? null;
  const c1 = a.ref[0] ?? 0;
  const c2 = a.cur[0] ?? 0;
  const p1 = c1 / a.refTotal;
  const p2 = c2 / a.curTotal;
  const pooled = (c1 + c2) / (a.refTotal + a.curTotal);
  const variance = pooled * (1 - pooled) * (1 / a.refTotal + 1 / a.curTotal);
  const cohensH = Math.abs(2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2)));
  if (!(variance > 0)) return { statistic: 0, pValue: 1, cohensH, category };
  const statistic = (p1 - p2) / Math.sqrt(variance);
  const pValue = Math.min(1, 2 * normalSf(Math.abs(statistic)));
  return { statistic, pValue, cohensH, category };
}
