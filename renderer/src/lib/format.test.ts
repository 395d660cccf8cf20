import { describe, expect, it } from 'vitest';
import { formatMeanStd } from './format.js';

describe('formatMeanStd', () => {
  it('writes the std to two significant digits and the mean to the same place', () => {
    expect(formatMeanStd(0.73, 0.036056)).toBe('0.730 ± 0.036');
    expect(formatMeanStd(0.85, 0.04583)).toBe('0.850 ± 0.046');
    expect(formatMeanStd(0.35, 0.05)).toBe('0.350 ± 0.050');
    expect(formatMeanStd(12.3456, 0.5)).toBe('12.35 ± 0.50');
    expect(formatMeanStd(-0.001234, 0.00021)).toBe('-0.00123 ± 0.00021');
  });

  it('rounds to tens and hundreds when the std is that large', () => {
    expect(formatMeanStd(1234.5, 12)).toBe('1,235 ± 12');
    expect(formatMeanStd(123456, 1234)).toBe('123,500 ± 1,200');
  });

  it('falls back to plain numbers for a zero, tiny or non-finite std', () => {
    expect(formatMeanStd(0.5, 0)).toBe('0.5 ± 0');
    expect(formatMeanStd(1, 1e-14)).toBe('1 ± 1e-14');
    expect(formatMeanStd(Number.NaN, 1)).toBe('NaN ± 1');
  });
});
