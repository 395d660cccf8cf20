import { describe, expect, it } from 'vitest';
import { linearScale } from './chartGeometry.js';
import { valueDomain } from './chartDomain.js';

describe('valueDomain', () => {
  it('is the extent of several values', () => {
    expect(valueDomain([3, 1, 2])).toEqual([1, 3]);
    expect(valueDomain([0.01, 0.1, 1], true)).toEqual([0.01, 1]);
  });

  it('centres one value (or all-equal values) inside the axis', () => {
    for (const v of [0.42, 0, -3, 1e9, 5e-7]) {
      for (const values of [[v], [v, v, v]]) {
        const [lo, hi] = valueDomain(values);
        expect(lo, String(v)).toBeLessThan(v);
        expect(hi, String(v)).toBeGreaterThan(v);
        // Drawn at the middle of the plot's height, not on its edge.
        expect(linearScale([lo, hi], [100, 0])(v)).toBeCloseTo(50, 6);
      }
    }
    const [lo, hi] = valueDomain([0.5], true);
    expect(Math.log10(0.5) - Math.log10(lo)).toBeCloseTo(Math.log10(hi) - Math.log10(0.5), 9);
    expect(lo).toBeLessThan(0.5);
  });

  it('leaves out ±Infinity and NaN, and non-positive values on a log axis', () => {
    expect(valueDomain([2, Infinity, -Infinity, Number.NaN, 4])).toEqual([2, 4]);
    expect(valueDomain([Infinity, 2])).toEqual([1.8, 2.2]);
    expect(valueDomain([-1, 0, 10, 100], true)).toEqual([10, 100]);
  });

  it('falls back to a unit span when nothing can be placed', () => {
    expect(valueDomain([])).toEqual([0, 1]);
    expect(valueDomain([Number.NaN, Infinity])).toEqual([0, 1]);
    expect(valueDomain([-2, 0], true)).toEqual([1, 10]);
  });
});
