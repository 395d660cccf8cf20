import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emaDebiased, niceTicks, quantile, robustRange } from './seriesMath.js';

describe('emaDebiased', () => {
  it('matches TensorBoard: the first point is kept, later ones blend with debiasing', () => {
    const out = emaDebiased([1, 2, 3], 0.6);
    expect(out[0]).toBeCloseTo(1);
    // last = 0.4 + 0.8*... : by hand, (0.4*0.6*1 + 0.4*2) / (1 - 0.36)
    expect(out[1]).toBeCloseTo((0.6 * 0.4 * 1 + 0.4 * 2) / (1 - 0.6 ** 2));
    expect(emaDebiased([5, 7], 0)).toEqual([5, 7]);
  });
  it('stays within the range of what it smooths, and a constant stays constant', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1 }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        (vs, w) => {
          const out = emaDebiased(vs, w);
          const lo = Math.min(...vs);
          const hi = Math.max(...vs);
          for (const v of out) {
            expect(v).toBeGreaterThanOrEqual(lo - 1e-6 * Math.max(1, Math.abs(lo)));
            expect(v).toBeLessThanOrEqual(hi + 1e-6 * Math.max(1, Math.abs(hi)));
          }
        },
      ),
    );
    expect(emaDebiased([3, 3, 3, 3], 0.99).every((v) => Math.abs(v - 3) < 1e-9)).toBe(true);
  });
});

describe('robustRange and ticks', () => {
  it('cuts a spike out of the y-range', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i / 1000);
    values[500] = 1e9;
    const [lo, hi] = robustRange(values)!;
    expect(hi).toBeLessThan(2);
    expect(lo).toBeLessThan(0.01);
    expect(robustRange([Number.NaN])).toBeNull();
  });
  it('quantile interpolates', () => {
    expect(quantile([0, 10], 0.25)).toBe(2.5);
  });
  it('nice ticks are round and cover the range', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(3, 97, 4)).toEqual([20, 40, 60, 80]);
    // Zero is a tick of its own, not what summing steps up from −1 leaves.
    expect(niceTicks(-1, 1, 9)).toEqual([-1, -0.8, -0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
});
