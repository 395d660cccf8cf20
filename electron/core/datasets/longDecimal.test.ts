import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { A_NUMBER, LineScanner } from './readers/byteRows.js';

/** One field through the CSV byte scan: its number, or undefined where the scan leaves it as text. */
class OneField extends LineScanner {
  value: number | undefined;
  protected commit(): void {
    this.value = this.kinds[0] === A_NUMBER ? this.values[0] : undefined;
  }
}
const parse = (s: string) => {
  const scan = new OneField(1, 44);
  return scan.add(Buffer.from(`${s}\n`, 'latin1'), 0).lines === 1 ? scan.value : undefined;
};
/** Where it answers, it must be Number()'s double, bit for bit (-0 included). */
const agrees = (s: string) => {
  const got = parse(s);
  if (got !== undefined)
    expect(Object.is(got, Number(s)), `${s}: ${got} vs ${Number(s)}`).toBe(true);
  return got;
};

describe('16–19-digit decimals in the CSV byte scan', () => {
  it('gives Number()’s double for the shortest form of any double (String, as repr writes)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        agrees(String(x));
        agrees(String(-x));
      }),
      { numRuns: 20_000 },
    );
  });

  it('answers for every full-precision double of an ordinary size', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e5, max: 1e5, noNaN: true }), (x) => {
        const s = String(x);
        if (/e/.test(s)) return;
        expect(agrees(s)).toBeDefined();
      }),
      { numRuns: 20_000 },
    );
  });

  it('gives Number()’s double for 16–19 random digits with the point anywhere', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-9][0-9]{15,18}$/),
        fc.integer({ min: 0, max: 19 }),
        fc.boolean(),
        (digits, point, negative) => {
          const at = Math.min(point, digits.length);
          const s = `${negative ? '-' : ''}${digits.slice(0, digits.length - at)}${at ? '.' : ''}${digits.slice(digits.length - at)}`;
          expect(
            agrees(s.startsWith('.') || s.startsWith('-.') ? s.replace('.', '0.') : s),
          ).toBeDefined();
        },
      ),
      { numRuns: 50_000 },
    );
  });

  it('recovers every integer below 1.79e19 from its double and its low 32 bits, leading zeros and all', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n << 53n, max: 17_900_000_000_000_000_000n }),
        fc.integer({ min: 0, max: 22 }),
        fc.integer({ min: 0, max: 3 }),
        (n, point, zeros) => {
          const digits = '0'.repeat(zeros) + String(n);
          const at = Math.min(point, digits.length - 1);
          const s = at ? `${digits.slice(0, -at)}.${digits.slice(-at)}` : digits;
          expect(agrees(s)).toBeDefined();
        },
      ),
      { numRuns: 50_000 },
    );
    // 2^64 - 1 and anything from 1.8e19 on is left to the slow path (its high word may not fit).
    expect(parse('18446744073709551615')).toBeUndefined();
    expect(parse('17899999999999999999')).toBe(Number('17899999999999999999'));
    expect(parse('1789999999999999999.9')).toBe(Number('1789999999999999999.9'));
  });

  it('rounds ties to even: odd integers in [2^53, 2^54), halves in [2^52, 2^53), quarters below', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 52n) - 1n }), (k) => {
        const odd = (1n << 53n) + 2n * k + 1n; // exactly between two doubles
        expect(agrees(String(odd))).toBeDefined();
        const half = `${(1n << 52n) + k}.5`;
        expect(agrees(half)).toBeDefined();
        expect(agrees(`${(1n << 51n) + (k >> 1n)}.25`)).toBeDefined();
        expect(agrees(`${(1n << 51n) + (k >> 1n)}.75`)).toBeDefined();
        // One unit in the last of 19 digits either side of a tie is no tie.
        agrees(`${odd}0${k % 2n ? 1 : 9}`.slice(0, 19));
        agrees(`${(1n << 52n) + k}.4999`);
        agrees(`${(1n << 52n) + k}.5001`);
      }),
      { numRuns: 20_000 },
    );
    expect(parse('9007199254740993')).toBe(9007199254740992);
    expect(parse('9007199254740995')).toBe(9007199254740996);
    expect(parse('4503599627370496.5')).toBe(4503599627370496);
    expect(parse('4503599627370497.5')).toBe(4503599627370498);
  });

  it('near the midpoints of neighbouring doubles, with fractions', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        fc.integer({ min: 16, max: 19 }),
        (x, p) => {
          agrees(x.toPrecision(p));
          agrees(x.toPrecision(17).replace(/\d$/, '5'));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('reads signs, leading zeros, exponents and leaves anything else to the slow path', () => {
    expect(parse('-24306.49579475027')).toBe(-24306.49579475027);
    expect(parse('+0.012345678901234567')).toBe(0.012345678901234567);
    expect(parse('000012345.678901234567')).toBe(Number('12345.678901234567'));
    expect(parse('1.2345678901234567e-5')).toBe(Number('1.2345678901234567e-5'));
    expect(Object.is(parse('-0.0000000000000000'), -0)).toBe(true);
    for (const s of [
      '',
      '-',
      '.',
      'e5',
      '1.2.3',
      '12345678901234567x',
      '1e',
      '1e1234',
      '1.2345678901234567e+25',
      '12345678901234567890123',
      ' 1',
      'NaN',
    ])
      expect(parse(s), s).toBeUndefined();
  });
});
