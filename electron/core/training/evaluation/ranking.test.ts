import { describe, expect, it } from 'vitest';
import { auc, averagePrecision, column, rocAucBinary, rocAucOvr } from './ranking.js';

describe('auc', () => {
  it('integrates by trapezoids, either direction', () => {
    expect(auc([1, 2, 3, 4], [2, 3, 4, 5])).toBe(10.5);
    expect(auc([4, 3, 2, 1], [5, 4, 3, 2])).toBe(10.5);
  });

  it('rejects non-monotonic x and single points', () => {
    expect(() => auc([0, 2, 1], [0, 1, 1])).toThrow(RangeError);
    expect(() => auc([0], [0])).toThrow(RangeError);
  });
});

describe('rocAucBinary', () => {
  it("matches sklearn's roc_auc docstring value and its tie handling", () => {
    expect(rocAucBinary(Int32Array.from([0, 0, 1, 1]), [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
    // A tie across classes counts as half a correct ordering.
    expect(rocAucBinary(Int32Array.from([0, 1]), [0.5, 0.5])).toBe(0.5);
  });

  it('is NaN when y_true has a single class', () => {
    expect(rocAucBinary(Int32Array.from([1, 1]), [0.2, 0.9])).toBeNaN();
  });
});

describe('rocAucOvr', () => {
  const proba = Float64Array.from([0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.1, 0.2, 0.7, 0.5, 0.3, 0.2]);

  it('averages the one-vs-rest AUCs', () => {
    expect(rocAucOvr(Int32Array.from([0, 1, 2, 0]), proba)).toBe(1);
    expect(column(proba, 3, 1)).toEqual(Float64Array.from([0.1, 0.7, 0.2, 0.3]));
  });

  it('is NaN when a class is absent from y_true', () => {
    expect(rocAucOvr(Int32Array.from([0, 1, 1, 0]), proba)).toBeNaN();
  });
});

describe('averagePrecision', () => {
  it("matches sklearn's average_precision_score docstring example", () => {
    expect(averagePrecision(Int32Array.from([0, 0, 1, 1]), [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(
      0.8333333333333333,
      15,
    );
  });
});
