import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortFloat64 } from './sortFloat64.js';

describe('sortFloat64', () => {
  it('sorts like Float64Array.prototype.sort, negatives, zeros and infinities included', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true }), { minLength: 0, maxLength: 2000 }), (xs) => {
        const expected = Float64Array.from(xs).sort();
        expect(Array.from(sortFloat64(Float64Array.from(xs)))).toEqual(Array.from(expected));
      }),
      { numRuns: 50 },
    );
  });
  it('sorts a large array with repeated values', () => {
    const xs = Float64Array.from({ length: 20_000 }, (_, i) => ((i * 7919) % 1000) - 500.5);
    const expected = Float64Array.from(xs).sort();
    expect(sortFloat64(xs)).toEqual(expected);
  });
});
