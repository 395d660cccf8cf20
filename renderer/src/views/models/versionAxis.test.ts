import { describe, expect, it } from 'vitest';
import { versionAxisDomain } from './versionAxis.js';

describe('versionAxisDomain', () => {
  it('draws a score in [0, 1] on [0, 1], so small differences stay small', () => {
    expect(versionAxisDomain([0.7333, 0.8, 0.8333])).toEqual([0, 1]);
  });
  it('starts an error or loss at 0 and goes up to its largest value', () => {
    expect(versionAxisDomain([12.5, 11.9, null])).toEqual([0, 12.5]);
  });
  it('takes in negative values (an R² below 0) and ignores non-finite ones', () => {
    expect(versionAxisDomain([-0.4, 0.6, Number.NaN, Infinity])).toEqual([-0.4, 0.6]);
    expect(versionAxisDomain([null])).toEqual([0, 1]);
  });
});
