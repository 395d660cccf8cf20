import { describe, expect, it } from 'vitest';
import { DriftInputError } from './errors.js';
import { probOutsideBand, probOutsideSquare, roundHalfEven } from './ksExact.js';
import { ksTwoSample } from './ksTwoSample.js';
import { syntheticSample } from './syntheticSample.js';

describe('ksTwoSample', () => {
  it('rejects empty samples and NaN', () => {
    expect(() => ksTwoSample([], [1])).toThrow(DriftInputError);
    expect(() => ksTwoSample([1], [])).toThrow(/current sample is empty/);
    expect(() => ksTwoSample([1, Number.NaN], [1])).toThrow(/NaN/);
  });

  it('accepts plain arrays and leaves the input untouched', () => {
    const ref = [3, 1, 2];
    const r = ksTwoSample(ref, [4, 5, 6]);
    expect(r).toMatchObject({ statistic: 1, method: 'exact' });
    expect(r.pValue).toBeCloseTo(0.1, 15); // 2 / C(6, 3)
    expect(ref).toEqual([3, 1, 2]);
  });

  it('is symmetric in its arguments', () => {
    const a = syntheticSample({ seed: 1, n: 123, kind: 'square' });
    const b = syntheticSample({ seed: 2, n: 77, kind: 'uniform' });
    expect(ksTwoSample(a, b)).toEqual(ksTwoSample(b, a));
  });

  it('switches from exact to asymptotic above 10,000 observations', () => {
    const small = syntheticSample({ seed: 3, n: 10_000, kind: 'uniform' });
    const big = syntheticSample({ seed: 4, n: 10_001, kind: 'uniform' });
    expect(ksTwoSample(small, small.subarray(0, 5000)).method).toBe('exact');
    expect(ksTwoSample(big, small).method).toBe('asymp');
  });

  it('falls back to asymptotic when the exact value rounds above 1, as SciPy does', () => {
    expect(probOutsideSquare(5, 1)).toBeGreaterThan(1);
    expect(ksTwoSample([0, 2, 4, 6, 8], [1, 3, 5, 7, 9]).method).toBe('asymp');
  });

  it('exact path helpers', () => {
    // Pr(D_{m,n} >= 1) = 2 / C(m+n, n) for samples that do not overlap.
    expect(probOutsideBand(4, 3, 1, 12)).toBeCloseTo(2 / 35, 15);
    expect(probOutsideSquare(3, 3)).toBeCloseTo(2 / 20, 15);
    expect(roundHalfEven(2.5)).toBe(2);
    expect(roundHalfEven(3.5)).toBe(4);
    expect(roundHalfEven(5000.5)).toBe(5000);
    expect(roundHalfEven(7.2)).toBe(7);
  });
});
