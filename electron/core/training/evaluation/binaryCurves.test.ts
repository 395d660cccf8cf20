import { describe, expect, it } from 'vitest';
import { binaryClfCurve, precisionRecallCurve, rocCurve } from './binaryCurves.js';

const y = Int32Array.from([1, 1, 2, 2]);
const scores = [0.1, 0.4, 0.35, 0.8];

describe('binaryClfCurve', () => {
  it('merges tied scores into one point counted after the whole tie', () => {
    const c = binaryClfCurve(Int32Array.from([1, 0, 1, 0, 1]), [0.9, 0.5, 0.5, 0.5, 0.1]);
    expect(c).toEqual({ fps: [0, 2, 2], tps: [1, 2, 3], thresholds: [0.9, 0.5, 0.1] });
  });

  it('rejects non-finite scores and mismatched lengths', () => {
    expect(() => binaryClfCurve(Int32Array.from([0, 1]), [0, NaN])).toThrow(RangeError);
    expect(() => binaryClfCurve(Int32Array.from([0, 1]), [0])).toThrow(RangeError);
  });
});

describe('rocCurve', () => {
  it("reproduces sklearn's roc_curve docstring example (pos_label=2)", () => {
    const r = rocCurve(y, scores, { posLabel: 2 });
    expect(r.fpr).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(r.tpr).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(r.thresholds).toEqual([1.8, 0.8, 0.4, 0.35, 0.1]);
  });

  it('drops collinear points unless asked not to', () => {
    const yt = Int32Array.from([1, 1, 1, 0, 0, 0]);
    const s = [0.9, 0.8, 0.7, 0.3, 0.2, 0.1];
    expect(rocCurve(yt, s).fpr).toEqual([0, 0, 0, 1]);
    expect(rocCurve(yt, s, { dropIntermediate: false }).fpr).toHaveLength(7);
  });

  it('gives NaN rates for a class missing from y_true', () => {
    const r = rocCurve(Int32Array.from([0, 0, 0]), [0.2, 0.5, 0.1]);
    expect(r.tpr.every(Number.isNaN)).toBe(true);
    expect(r.fpr.at(-1)).toBe(1);
  });
});

describe('precisionRecallCurve', () => {
  it("reproduces sklearn's precision_recall_curve docstring example", () => {
    const r = precisionRecallCurve(Int32Array.from([0, 0, 1, 1]), scores);
    expect(r.precision).toEqual([0.5, 2 / 3, 0.5, 1, 1]);
    expect(r.recall).toEqual([1, 1, 0.5, 0.5, 0]);
    expect(r.thresholds).toEqual([0.1, 0.35, 0.4, 0.8]);
  });

  it('sets recall to 1 when there are no positives', () => {
    expect(precisionRecallCurve(Int32Array.from([0, 0]), [0.3, 0.6]).recall).toEqual([1, 1, 0]);
  });
});
