import { describe, expect, it } from 'vitest';
import { mae, meanSquaredError, r2, residuals, rmse } from './regression.js';

const f = (xs: number[]) => Float64Array.from(xs);

describe('regression metrics', () => {
  it("reproduce sklearn's docstring examples", () => {
    const yTrue = f([3, -0.5, 2, 7]);
    const yPred = f([2.5, 0.0, 2, 8]);
    expect(meanSquaredError(yTrue, yPred)).toBe(0.375);
    expect(rmse(yTrue, yPred)).toBe(Math.sqrt(0.375));
    expect(mae(yTrue, yPred)).toBe(0.5);
    expect(r2(yTrue, yPred)).toBeCloseTo(0.9486081370449679, 15);
    expect(r2(f([1, 2, 3]), f([3, 2, 1]))).toBe(-3);
  });

  it('force r2 finite for a constant y_true: 1 if perfect, else 0', () => {
    expect(r2(f([-2, -2, -2]), f([-2, -2, -2]))).toBe(1);
    expect(r2(f([-2, -2, -2]), f([-2, -2, -2 + 1e-8]))).toBe(0);
  });

  it('give NaN r2 for a single sample', () => {
    expect(r2(f([1]), f([2]))).toBeNaN();
  });

  it('report residuals as y_true - y_pred', () => {
    expect(Array.from(residuals(f([3, 1]), f([1, 1.5])))).toEqual([2, -0.5]);
  });

  it('reject non-finite values and mismatched lengths', () => {
    expect(() => rmse(f([1, NaN]), f([1, 2]))).toThrow(RangeError);
    expect(() => mae(f([1]), f([1, 2]))).toThrow(RangeError);
  });
});
