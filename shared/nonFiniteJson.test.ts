import { describe, expect, it } from 'vitest';
import { parseKeepingNonFinite, stringifyKeepingNonFinite } from './nonFiniteJson.js';

const roundTrip = (v: unknown) => parseKeepingNonFinite(stringifyKeepingNonFinite(v));

describe('JSON keeping NaN and ±Infinity', () => {
  it('brings non-finite numbers back, wherever they are', () => {
    const value = {
      metrics: { loss: Infinity, 'val/loss': -Infinity, acc: Number.NaN, f1: 0.5 },
      points: [
        { step: 1, value: -Infinity },
        { step: 2, value: 3 },
      ],
      series: [Infinity, 1, Number.NaN],
      ended_at: null,
    };
    expect(roundTrip(value)).toEqual(value);
    expect(JSON.parse(JSON.stringify(value)).metrics.loss).toBeNull(); // what plain JSON does
  });

  it('keeps strings that look like its marks, and other text, as they were', () => {
    const value = {
      a: '\u0000Infinity',
      b: '\u0000\u0000x',
      c: 'Infinity',
      d: 'NaN',
      e: 'a\u0000b',
      f: Infinity,
    };
    expect(roundTrip(value)).toEqual(value);
  });

  it('is plain JSON when nothing needs marking', () => {
    const value = { id: 3, name: 'run', tags: ['a'], metrics: { loss: 0.1 }, note: null };
    expect(stringifyKeepingNonFinite(value)).toBe(JSON.stringify(value));
    expect(parseKeepingNonFinite(JSON.stringify(value))).toEqual(value);
    expect(stringifyKeepingNonFinite(undefined)).toBe('null');
  });
});
