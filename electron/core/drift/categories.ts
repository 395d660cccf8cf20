import { DriftInputError } from './errors.js';

/** Counts per category (category → count). Counts are finite and ≥ 0. */
export type CategoryCounts = ReadonlyMap<string, number>;

/** Counts of each distinct string. */
export function countCategories(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/**
 * Counts of each distinct number, keyed by String(value) (so −0 and 0 share "0"), for numeric columns
 * tested as categories (few distinct values). NaN is rejected: remove missing values first.
 */
export function countNumericValues(values: ArrayLike<number>): Map<string, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v))
      throw new DriftInputError('Drift tests need missing values (NaN) removed first.');
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const out = new Map<string, number>();
  for (const [v, c] of counts) out.set(String(v), (out.get(String(v)) ?? 0) + c);
  return out;
}

/** Total of a count table, after checking every count is finite and non-negative. */
export function totalCount(counts: CategoryCounts, side: string): number {
  let total = 0;
  for (const [category, c] of counts) {
    if (!(Number.isFinite(c) && c >= 0)) {
      throw new DriftInputError(
        `The ${side} count for category '${category}' is ${c}; counts must be finite and ≥ 0.`,
      );
    }
    total += c;
  }
  return total;
}

/**
 * The categories seen (count > 0) on either side, in a fixed order: ascending UTF-16 code-unit order
 * (JavaScript's default sort; Python's sorted() on str agrees for the BMP).
 */
export function categoryUnion(ref: CategoryCounts, cur: CategoryCounts): string[] {
  const all = new Set<string>();
  for (const [k, c] of ref) if (c > 0) all.add(k);
  for (const [k, c] of cur) if (c > 0) all.add(k);
  return [...all].sort();
}

export interface AlignedCounts {
  categories: string[];
  ref: Float64Array;
  cur: Float64Array;
  refTotal: number;
  curTotal: number;
}

/** Both count tables over the union of categories (a category missing on one side counts 0 there). */
export function alignCounts(ref: CategoryCounts, cur: CategoryCounts): AlignedCounts {
  const refTotal = totalCount(ref, 'reference');
  const curTotal = totalCount(cur, 'current');
  if (refTotal === 0)
    throw new DriftInputError('The reference sample is empty: nothing to compare.');
  if (curTotal === 0) throw new DriftInputError('The current sample is empty: nothing to compare.');
  const categories = categoryUnion(ref, cur);
  const r = new Float64Array(categories.length);
  const c = new Float64Array(categories.length);
  categories.forEach((k, i) => {
    r[i] = ref.get(k) ?? 0;
    c[i] = cur.get(k) ?? 0;
  });
  return { categories, ref: r, cur: c, refTotal, curTotal };
}

export interface CategoryProportions {
  categories: string[];
  ref: Float64Array;
  cur: Float64Array;
}

/** Proportions count/total of each side over the union of categories (each side sums to 1). */
export function categoryProportions(ref: CategoryCounts, cur: CategoryCounts): CategoryProportions {
  const a = alignCounts(ref, cur);
  return {
    categories: a.categories,
    ref: a.ref.map((x) => x / a.refTotal),
    cur: a.cur.map((x) => x / a.curTotal),
  };
}
