import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMissing } from './missing.js';
import { mostFrequent } from './mostFrequent.js';

/** The definition: every value with a count, sorted whole (count descending, then value). */
function bySorting(counts: Float64Array, values: string[], k: number) {
  const order = Array.from(counts.keys())
    .filter((i) => counts[i]! > 0)
    .sort((a, b) => counts[b]! - counts[a]! || (values[a]! < values[b]! ? -1 : 1));
  return {
    top: order.slice(0, k).map((i) => ({ value: values[i]!, count: counts[i]! })),
    distinct: order.length,
  };
}

describe('mostFrequent', () => {
  it('equals sorting every value, ties broken by the value', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ maxLength: 4 }), { maxLength: 80 }),
        fc.array(fc.nat({ max: 5 }), { maxLength: 80 }),
        fc.integer({ min: 1, max: 25 }),
        (values, raw, k) => {
          const counts = Float64Array.from(values, (_, i) => raw[i] ?? 0);
          expect(mostFrequent(counts, values, k)).toEqual(bySorting(counts, values, k));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps the twenty most frequent of many', () => {
    const values = Array.from({ length: 1000 }, (_, i) => `v${i}`);
    const counts = Float64Array.from(values, (_, i) => (i % 50 === 0 ? 100 - i / 50 : 1));
    const { top, distinct } = mostFrequent(counts, values, 20);
    expect(distinct).toBe(1000);
    expect(top.map((t) => t.value)).toEqual(Array.from({ length: 20 }, (_, i) => `v${i * 50}`));
    expect(top[0]!.count).toBe(100);
  });
});

describe('isMissing', () => {
  it('agrees with trimming and lower-casing every value', () => {
    const tokens = ['', 'na', 'n/a', 'nan', 'null', 'none'];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.constantFrom('NA', ' null ', 'None\u00a0', '\u3000nan', 'N/A\t', 'nulls', ' NONE  x'),
        ),
        (s) => {
          expect(isMissing(s)).toBe(tokens.includes(s.trim().toLowerCase()));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
