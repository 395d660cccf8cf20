import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortFloat64, sortPresentFloat64 } from './sortFloat64.js';

/** Same values in the same places, told apart as Object.is does (-0 ≠ +0, NaN = NaN). */
const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));

// Long enough for the radix path (short arrays use the built-in sort), with the awkward values often.
const awkward = fc.oneof(
  { weight: 6, arbitrary: fc.double() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(-0, 0, Number.NaN, -Infinity, Infinity, Number.MIN_VALUE, -5e-324),
  },
);
const samples = fc.array(awkward, { minLength: 0, maxLength: 3000, size: 'max' });

describe('sortFloat64', () => {
  it('sorts like Array.prototype.sort with a numeric comparator (NaN-free samples)', () => {
    fc.assert(
      fc.property(samples, (xs) => {
        const clean = xs.filter((x) => !Number.isNaN(x));
        const expected = [...clean].sort((a, b) => a - b);
        const got = sortFloat64(Float64Array.from(clean));
        // The comparator calls -0 and +0 equal; every other value must sit where it sits there.
        expect(Array.from(got).every((x, i) => x === expected[i])).toBe(true);
      }),
      { numRuns: 60, endOnFailure: true },
    );
  });

  it('puts -0 before +0 and NaN last, as Float64Array.prototype.sort does, bit for bit', () => {
    fc.assert(
      fc.property(samples, (xs) => {
        const expected = Float64Array.from(xs).sort();
        expect(sameBits(sortFloat64(Float64Array.from(xs)), expected)).toBe(true);
      }),
      { numRuns: 60, endOnFailure: true },
    );
  });

  it('sorts all-negative, all-equal and narrow-range arrays (passes that are skipped)', () => {
    const cases = [
      Float64Array.from({ length: 5000 }, (_, i) => -1 - (((i * 7919) % 1000) / 1000) * 0.5),
      new Float64Array(4000).fill(-2.5),
      Float64Array.from({ length: 4000 }, (_, i) => 1 + (i % 3) * 2 ** -52),
      Float64Array.from({ length: 4000 }, (_, i) => (i % 2 ? -0 : 0)),
      Float64Array.from({ length: 4000 }, (_, i) =>
        i % 5 === 0 ? -Infinity : i % 7 === 0 ? NaN : i,
      ),
    ];
    for (const xs of cases) {
      const expected = Float64Array.from(xs).sort();
      expect(sameBits(sortFloat64(xs.slice()), expected)).toBe(true);
    }
  });

  it('sorts a large array with repeated values, with or without a scratch buffer', () => {
    const xs = Float64Array.from({ length: 20_000 }, (_, i) => ((i * 7919) % 1000) - 500.5);
    const expected = Float64Array.from(xs).sort();
    expect(sortFloat64(xs.slice())).toEqual(expected);
    expect(sortFloat64(xs.slice(), new Float64Array(30_000))).toEqual(expected);
  });
});

describe('sortPresentFloat64', () => {
  it('leaves out NaN, writes -0 as 0 and sorts the rest, as a filter and the typed sort would', () => {
    fc.assert(
      fc.property(samples, (xs) => {
        const expected = Float64Array.from(
          xs.filter((x) => !Number.isNaN(x)).map((x) => (x === 0 ? 0 : x)),
        ).sort();
        expect(sameBits(sortPresentFloat64(Float64Array.from(xs)), expected)).toBe(true);
      }),
      { numRuns: 60, endOnFailure: true },
    );
  });
});
