import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastNumber } from './fastNumber.js';

const parse = (s: string) => fastNumber(s, 0, s.length);

describe('fastNumber', () => {
  it('agrees exactly with Number() wherever it answers', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: 0, max: 15 }),
        (x, digits) => {
          for (const s of [
            String(x),
            x.toFixed(Math.min(digits, 12)),
            x.toExponential(Math.min(digits, 14)),
          ]) {
            const got = parse(s);
            if (got !== undefined) expect(got).toBe(Number(s));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
  it('reads the common forms', () => {
    expect([
      parse('0'),
      parse('-12'),
      parse('+3.5'),
      parse('0.000123'),
      parse('1e3'),
      parse('2.5E-2'),
      parse('.5'),
      parse('7.'),
    ]).toEqual([0, -12, 3.5, 0.000123, 1000, 0.025, 0.5, 7]);
  });
  it('leaves everything else to the slow path', () => {
    for (const s of [
      '',
      'NA',
      ' 1',
      '1 ',
      '1e',
      '-',
      '.',
      '1.2.3',
      '12345678901234567',
      '1e400',
      '0x10',
      'Infinity',
    ])
      expect(parse(s)).toBeUndefined();
  });
});
