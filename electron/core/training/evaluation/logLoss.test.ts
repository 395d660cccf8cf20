import { describe, expect, it } from 'vitest';
import { FLOAT64_EPS, logLoss } from './logLoss.js';

describe('logLoss', () => {
  it("reproduces sklearn's docstring example (ham = 0, spam = 1)", () => {
    const proba = Float64Array.from([0.1, 0.9, 0.9, 0.1, 0.8, 0.2, 0.35, 0.65]);
    expect(logLoss(Int32Array.from([1, 0, 0, 1]), proba)).toBeCloseTo(0.21616187468057912, 15);
  });

  it('clips a confidently wrong 0 to eps', () => {
    expect(logLoss(Int32Array.from([0]), Float64Array.from([0, 1]))).toBe(-Math.log(FLOAT64_EPS));
  });

  it('renormalises rows that do not sum to 1', () => {
    expect(logLoss(Int32Array.from([0]), Float64Array.from([2, 2]))).toBe(Math.log(2));
  });

  it('rejects class indices outside the columns and a single column', () => {
    expect(() => logLoss(Int32Array.from([2]), Float64Array.from([0.5, 0.5]))).toThrow(RangeError);
    expect(() => logLoss(Int32Array.from([0]), Float64Array.from([1]))).toThrow(RangeError);
  });
});
