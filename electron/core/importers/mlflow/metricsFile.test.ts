import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import { UserError } from '../../userError.js';
import { parseMetricLine, readMetricFile } from './metricsFile.js';

// Seeded globally (vitest.setup.ts): fixed unless FC_SEED=random or a number.

/** How Python (and so MLflow) prints a float: repr, with its own spellings of the non-finite values. */
function pythonFloat(v: number, style: 'repr' | 'exp'): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  if (Object.is(v, -0)) return '-0.0';
  return style === 'exp' ? v.toExponential() : String(v);
}

const same = (a: number, b: number) => Object.is(a, b);

describe('metric lines', () => {
  it('reads the three forms MLflow writes and the two-field form of very old stores', () => {
    expect(parseMetricLine('1779751745255 0.9966334634874326 0')).toEqual({
      timestamp: 1779751745255,
      value: 0.9966334634874326,
      step: 0,
    });
    expect(parseMetricLine('1000 1e-05 12\r')).toEqual({ timestamp: 1000, value: 1e-5, step: 12 });
    expect(parseMetricLine('1000 0.5')).toEqual({ timestamp: 1000, value: 0.5, step: 0 });
    expect(parseMetricLine('1000 nan 1')).toEqual({ timestamp: 1000, value: NaN, step: 1 });
    expect(parseMetricLine('1000 -inf 1')).toEqual({ timestamp: 1000, value: -Infinity, step: 1 });
    expect(parseMetricLine('1000\tInfinity\t1')).toEqual({
      timestamp: 1000,
      value: Infinity,
      step: 1,
    });
    expect(parseMetricLine('   ')).toBeNull();
  });

  it('says what is wrong with a line that is not numbers', () => {
    expect(parseMetricLine('1000')).toEqual({
      problem: 'expected "timestamp value step", got "1000"',
    });
    expect(parseMetricLine('1.5 2 3')).toEqual({ problem: 'timestamp "1.5" is not an integer' });
    expect(parseMetricLine('1 x 3')).toEqual({ problem: 'value "x" is not a number' });
    expect(parseMetricLine('1 2 3.5')).toEqual({ problem: 'step "3.5" is not an integer' });
    expect(parseMetricLine('1 nanx 3')).toEqual({ problem: 'value "nanx" is not a number' });
  });

  it('reads back every line MLflow could have written (property)', () => {
    const line = fc.record({
      timestamp: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
      value: fc.double(),
      step: fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 }), fc.maxSafeInteger()),
      style: fc.constantFrom('repr' as const, 'exp' as const),
      gap: fc.constantFrom(' ', '  ', '\t'),
      end: fc.constantFrom('', '\r', ' '),
      twoFields: fc.boolean(),
    });
    fc.assert(
      fc.property(line, ({ timestamp, value, step, style, gap, end, twoFields }) => {
        const fields = [
          String(timestamp),
          pythonFloat(value, style),
          ...(twoFields ? [] : [String(step)]),
        ];
        const parsed = parseMetricLine(fields.join(gap) + end);
        if (parsed === null || 'problem' in parsed) return false;
        return (
          parsed.timestamp === timestamp &&
          same(parsed.value, value) &&
          parsed.step === (twoFields ? 0 : step)
        );
      }),
    );
  });

  it('never throws on arbitrary text: a point, a blank, or one short line saying what is wrong (property)', () => {
    const soup = fc.array(
      fc.constantFrom(
        '1',
        '-',
        '.',
        'e',
        '5',
        ' ',
        '\t',
        'nan',
        'inf',
        '+',
        '\r',
        '\u2028',
        'x',
        '0',
      ),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          soup.map((parts) => parts.join('')),
        ),
        (text) => {
          const parsed = parseMetricLine(text);
          if (parsed === null) return text.trim() === '';
          if ('problem' in parsed)
            return !/[\n\r\u2028\u2029]/.test(parsed.problem) && parsed.problem.length < 120;
          return (
            Number.isInteger(parsed.timestamp) &&
            Number.isInteger(parsed.step) &&
            typeof parsed.value === 'number'
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('metric files', () => {
  const tempDir = useTempDirs();

  it('a whole file of arbitrary bytes either reads or stops with a one-line UserError naming file and line (property)', () => {
    const dir = tempDir();
    const file = join(dir, 'loss');
    const content = fc.oneof(
      fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
      fc
        .array(fc.constantFrom('1000 0.5 1', '1001 nan 2', '', 'junk', '1 2', '\r'), {
          maxLength: 20,
        })
        .map((l) => Buffer.from(l.join('\n'))),
    );
    fc.assert(
      fc.property(content, (bytes) => {
        writeFileSync(file, bytes);
        try {
          for (const p of readMetricFile(file, 'loss')) if (p.key !== 'loss') return false;
          return true;
        } catch (e) {
          return (
            e instanceof UserError &&
            !e.message.includes('\n') &&
            e.message.startsWith(`${file} line `)
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('an unreadable metric file is a UserError, not a crash', () => {
    const missing = join(tempDir(), 'gone');
    expect(() => [...readMetricFile(missing, 'gone')]).toThrow(
      new UserError(`cannot read metric file ${missing}: ENOENT`),
    );
  });
});
