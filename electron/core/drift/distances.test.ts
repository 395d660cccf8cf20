import { describe, expect, it } from 'vitest';
import {
  countOpenBins,
  histogramCounts,
  quantileSorted,
  referenceQuantileEdges,
  sharedHistogramEdges,
} from './binning.js';
import { categoryProportions, categoryUnion, countNumericValues } from './categories.js';
import { chiSquareHomogeneity } from './chiSquare.js';
import { DriftInputError } from './errors.js';
import { jensenShannon } from './jensenShannon.js';
import { psiCategorical, psiNumeric } from './psi.js';
import { wassersteinDistance, wassersteinNormalized } from './wasserstein.js';
import { twoProportionZTest } from './zTest.js';

const f64 = (...v: number[]): Float64Array => Float64Array.from(v);
const counts = (o: Record<string, number>): Map<string, number> => new Map(Object.entries(o));

describe('Wasserstein', () => {
  it('is the area between the ECDFs', () => {
    expect(wassersteinDistance([0], [1])).toBe(1);
    expect(wassersteinDistance([0, 1, 3], [5, 6, 8])).toBe(5);
    expect(wassersteinDistance([1, 2, 3], [3, 2, 1])).toBe(0);
  });

  it('normalises by the reference population std; a constant reference gives 0 or Infinity', () => {
    expect(wassersteinNormalized([0, 2], [1, 3])).toBe(1); // distance 1, std 1
    expect(wassersteinNormalized([0.1, 0.1, 0.1], [0.1])).toBe(0);
    expect(wassersteinNormalized([0.1, 0.1, 0.1], [0.2])).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('binning', () => {
  it('uses numpy linear quantiles, deduplicated, as PSI edges', () => {
    const ref = f64(1, 2, 3, 4, 5);
    expect(quantileSorted(ref, 0.5)).toBe(3);
    expect(quantileSorted(ref, 0.1)).toBeCloseTo(1.4, 15);
    expect(Array.from(referenceQuantileEdges(f64(0, 0, 0, 0, 1), 4))).toEqual([0]);
    expect(referenceQuantileEdges(f64(7, 7, 7), 10)).toEqual(f64(7));
  });

  it('puts a value equal to an edge in the upper bin; outer bins are open', () => {
    expect(countOpenBins(f64(-100, 1, 1.5, 2, 2, 3, 99), f64(1, 2))).toEqual(f64(1, 2, 4));
  });

  it('builds numpy.histogram edges and counts (last bin closed)', () => {
    const a = f64(0, 1, 2);
    const b = f64(3, 4);
    const edges = sharedHistogramEdges(a, b, 4);
    expect(edges).toEqual(f64(0, 1, 2, 3, 4));
    expect(histogramCounts(b, edges)).toEqual(f64(0, 0, 0, 2));
    expect(sharedHistogramEdges(f64(5), f64(5), 2)).toEqual(f64(4.5, 5, 5.5));
  });
});

describe('PSI', () => {
  it('is 0 for identical distributions and floors empty bins at 1e-4', () => {
    expect(psiCategorical(counts({ a: 10, b: 30 }), counts({ a: 1, b: 3 }))).toBe(0);
    const onlyNew = psiCategorical(counts({ a: 10 }), counts({ b: 10 }));
    expect(onlyNew).toBeCloseTo(2 * (1 - 1e-4) * Math.log(1 / 1e-4), 12);
  });

  it('counts current values outside the reference range in the open outer bins', () => {
    const ref = Array.from({ length: 100 }, (_, i) => i);
    expect(psiNumeric(ref, ref)).toBe(0);
    expect(
      psiNumeric(
        ref,
        ref.map((x) => x + 1000),
      ),
    ).toBeGreaterThan(5);
  });

  it('rejects fewer than two bins', () => {
    expect(() => psiNumeric([1, 2], [1, 2], 1)).toThrow(DriftInputError);
  });
});

describe('Jensen–Shannon', () => {
  it('is 0 for equal and 1 for disjoint distributions (base 2)', () => {
    expect(jensenShannon([1, 2, 3], [2, 4, 6])).toBe(0);
    expect(jensenShannon([1, 0], [0, 1])).toBe(1);
  });

  it('rejects negative weights and mismatched lengths', () => {
    expect(() => jensenShannon([1, -1], [1, 1])).toThrow(DriftInputError);
    expect(() => jensenShannon([1], [1, 1])).toThrow(/same length/);
  });
});

describe('categories', () => {
  it('takes the union of categories in sorted order with proportions', () => {
    expect(categoryUnion(counts({ b: 1, a: 0 }), counts({ c: 2 }))).toEqual(['b', 'c']);
    const p = categoryProportions(counts({ x: 1, y: 3 }), counts({ z: 2 }));
    expect(p.categories).toEqual(['x', 'y', 'z']);
    expect(p.ref).toEqual(f64(0.25, 0.75, 0));
    expect(p.cur).toEqual(f64(0, 0, 1));
  });

  it('keys numbers as JavaScript prints them and rejects bad counts', () => {
    expect(countNumericValues([1, 1, 2.5, -0, 0])).toEqual(
      new Map([
        ['1', 2],
        ['2.5', 1],
        ['0', 2],
      ]),
    );
    expect(() => chiSquareHomogeneity(counts({ a: -1 }), counts({ a: 1 }))).toThrow(
      /finite and ≥ 0/,
    );
    expect(() => chiSquareHomogeneity(counts({}), counts({ a: 1 }))).toThrow(
      /reference sample is empty/,
    );
  });
});

describe('chi-square and z-test edge cases', () => {
  it('a single category has no degrees of freedom', () => {
    expect(chiSquareHomogeneity(counts({ a: 5 }), counts({ a: 9 }))).toEqual({
      statistic: 0,
      pValue: 1,
      dof: 0,
      cramersV: 0,
    });
    expect(twoProportionZTest(counts({ a: 5 }), counts({ a: 9 }))).toEqual({
      statistic: 0,
      pValue: 1,
      cohensH: 0,
      category: 'a',
    });
  });

  it('the z-test compares the first category in sorted order', () => {
    const r = twoProportionZTest(counts({ yes: 30, no: 70 }), counts({ yes: 50, no: 50 }));
    expect(r.category).toBe('no');
    expect(r.statistic).toBeGreaterThan(0);
  });
});
