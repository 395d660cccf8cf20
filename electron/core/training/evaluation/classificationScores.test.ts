import { describe, expect, it } from 'vitest';
import { argmaxRows } from './argmax.js';
import {
  accuracy,
  f1Macro,
  macroScores,
  perLabelScores,
  precisionMacro,
  recallMacro,
} from './classificationScores.js';
import { confusionMatrix } from './confusionMatrix.js';
import { presentLabels } from './labels.js';

// sklearn's precision_score / recall_score / f1_score docstring example.
const yTrue = Int32Array.from([0, 1, 2, 0, 1, 2]);
const yPred = Int32Array.from([0, 2, 1, 0, 0, 1]);

describe('macro scores', () => {
  it('reproduce the sklearn docstring values', () => {
    expect(accuracy(yTrue, yPred)).toBe(2 / 6);
    expect(precisionMacro(yTrue, yPred)).toBeCloseTo(0.2222222222222222, 15);
    expect(recallMacro(yTrue, yPred)).toBeCloseTo(0.3333333333333333, 15);
    expect(f1Macro(yTrue, yPred)).toBeCloseTo(0.26666666666666666, 15);
  });

  it('score an ill-defined precision (class never predicted) as 0', () => {
    const s = perLabelScores(Int32Array.from([0, 1, 2]), Int32Array.from([0, 1, 1]));
    expect(s.labels).toEqual([0, 1, 2]);
    expect(s.precision).toEqual([1, 0.5, 0]);
    expect(s.f1[2]).toBe(0);
  });

  it('average over the present labels by default and over explicit labels when given', () => {
    const yt = Int32Array.from([0, 0, 1]);
    const yp = Int32Array.from([0, 0, 1]);
    expect(macroScores(yt, yp)).toEqual({ precision: 1, recall: 1, f1: 1 });
    // Class 2 of a 3-class model, absent from both arrays, drags the mean down only on request.
    expect(macroScores(yt, yp, [0, 1, 2]).precision).toBeCloseTo(2 / 3, 15);
    expect(macroScores(yt, yp, [1]).recall).toBe(1);
  });

  it('reject bad label lists and mismatched inputs', () => {
    expect(() => macroScores(yTrue, yPred, [])).toThrow(RangeError);
    expect(() => macroScores(yTrue, yPred, [1, 1])).toThrow(RangeError);
    expect(() => accuracy(yTrue, Int32Array.from([0]))).toThrow(RangeError);
  });
});

describe('confusionMatrix', () => {
  it('counts true rows against predicted columns', () => {
    expect(confusionMatrix(yTrue, yPred)).toEqual([
      [2, 0, 0],
      [1, 0, 1],
      [0, 2, 0],
    ]);
    expect(confusionMatrix(yTrue, yPred, [2, 0])).toEqual([
      [0, 0],
      [0, 2],
    ]);
  });

  it('uses the union of present labels by default', () => {
    expect(presentLabels(Int32Array.from([3, 1]), Int32Array.from([1, 5]))).toEqual([1, 3, 5]);
  });

  it('refuses explicit labels none of which occur in y_true, as sklearn does', () => {
    expect(() => confusionMatrix(yTrue, yPred, [7])).toThrow(RangeError);
  });
});

describe('argmaxRows', () => {
  it('takes the first maximum on ties and a NaN like numpy', () => {
    const m = Float64Array.from([0.4, 0.4, 0.2, 0.1, 0.3, 0.3, 0.1, NaN, 0.9]);
    expect(Array.from(argmaxRows(m, 3))).toEqual([0, 1, 1]);
    expect(() => argmaxRows(m, 4)).toThrow(RangeError);
  });
});
