import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distinctCount, numericStats } from './numericSummary.js';

/** numpy's default percentile (linear interpolation) on a sorted copy: the reference. */
function reference(xs: readonly number[], p: number): number {
  const sorted = Float64Array.from(xs).sort();
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  return sorted[lo]! + (sorted[Math.ceil(pos)]! - sorted[lo]!) * (pos - lo);
}

describe('numeric profile statistics', () => {
  it('percentiles equal the sorted-array definition, ties and outliers included', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: -5, max: 5 }),
            fc
              .double({ min: -1e9, max: 1e9, noNaN: true })
              .map((x) => x + 0) /* -0 sorts as 0; toBe tells them apart */,
          ),
          { minLength: 1, maxLength: 3000 },
        ),
        (xs) => {
          const stats = numericStats(Float64Array.from(xs));
          expect(stats.p1).toBe(reference(xs, 0.01));
          expect(stats.p50).toBe(reference(xs, 0.5));
          expect(stats.p99).toBe(reference(xs, 0.99));
          expect([stats.min, stats.max]).toEqual([Math.min(...xs), Math.max(...xs)]);
        },
      ),
      { numRuns: 100 },
    );
  });
  it('handles a range so small that its reciprocal overflows', () => {
    const stats = numericStats(Float64Array.from([0, 5e-324]));
    expect([stats.p1, stats.p50, stats.p99]).toEqual([
      reference([0, 5e-324], 0.01),
      reference([0, 5e-324], 0.5),
      reference([0, 5e-324], 0.99),
    ]);
  });
  it('mean and sample standard deviation', () => {
    const s = numericStats(Float64Array.from([2, 4, 4, 4, 5, 5, 7, 9]));
    expect(s.mean).toBe(5);
    expect(s.std).toBeCloseTo(2.13809, 5);
  });
  it('counts distinct values exactly up to 100k, then estimates within 2%', () => {
    expect(distinctCount(Float64Array.from([1, 1, 2, 0, -0, 3]))).toEqual({
      distinct: 4,
      exact: true,
    });
    const many = Float64Array.from({ length: 300_000 }, (_, i) => i * 0.5);
    const { distinct, exact } = distinctCount(many);
    expect(exact).toBe(false);
    expect(Math.abs(distinct - 300_000) / 300_000).toBeLessThan(0.02);
  });
});
