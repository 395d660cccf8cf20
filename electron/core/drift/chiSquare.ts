import { alignCounts, type CategoryCounts } from './categories.js';
import { chiSquareSf } from './incompleteGamma.js';

/**
 * Pearson chi-square test of homogeneity on the 2 × k table (reference, current) × categories, equal to
 * `scipy.stats.chi2_contingency(table, correction=False)`: expected_ij = row_i · col_j / N,
 * statistic = Σ (O − E)²/E, dof = k − 1, p = chi2.sf(statistic, dof). Categories present on one side
 * only are included (count 0 on the other side); categories with count 0 on both sides are dropped
 * (SciPy would reject the resulting zero expected frequency). With a single category the table has no
 * degrees of freedom: statistic 0, p-value 1, dof 0 (as SciPy).
 * Effect size: Cramér's V = sqrt(statistic / (N · (min(2, k) − 1))), i.e. sqrt(χ²/N); 0 when k = 1.
 */

export interface ChiSquareResult {
  statistic: number;
  pValue: number;
  dof: number;
  cramersV: number;
}

export function chiSquareHomogeneity(
  refCounts: CategoryCounts,
  curCounts: CategoryCounts,
): ChiSquareResult {
  const a = alignCounts(refCounts, curCounts);
  const k = a.categories.length;
  const dof = k - 1;
  if (dof === 0) return { statistic: 0, pValue: 1, dof: 0, cramersV: 0 };
  const total = a.refTotal + a.curTotal;
  // Row-major over the table (all reference cells, then all current cells), compensated sum.
  let s = 0;
  let comp = 0;
  for (const [row, rowTotal] of [
    [a.ref, a.refTotal],
    [a.cur, a.curTotal],
  ] as const) {
    for (let j = 0; j < k; j++) {
      const expected = (rowTotal * ((a.ref[j] as number) + (a.cur[j] as number))) / total;
      const diff = (row[j] as number) - expected;
      const term = (diff * diff) / expected;
      const t = s + term;
      comp += Math.abs(s) >= Math.abs(term) ? s - t + term : term - t + s;
      s = t;
    }
  }
  const statistic = s + comp;
  return {
    statistic,
    pValue: chiSquareSf(statistic, dof),
    dof,
    cramersV: Math.sqrt(statistic / total),
  };
}
