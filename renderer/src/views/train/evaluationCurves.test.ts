import { describe, expect, it } from 'vitest';
import {
  evaluationCurves,
  MAX_CURVE_POINTS,
  MAX_RESIDUAL_POINTS,
  thin,
} from './evaluationCurves.js';

describe('thin', () => {
  it('keeps short lists whole', () => {
    expect(thin([1, 2, 3], 5)).toEqual([1, 2, 3]);
  });
  it('keeps the first and last and at most max', () => {
    const items = Array.from({ length: 10_001 }, (_, i) => i);
    const out = thin(items, 100);
    expect(out).toHaveLength(100);
    expect(out[0]).toBe(0);
    expect(out.at(-1)).toBe(10_000);
    expect(out).toEqual([...out].sort((a, b) => a - b));
  });
});

describe('evaluationCurves', () => {
  it('reads a binary classification: one ROC and one PR line, NaN scores stored as null', () => {
    const curves = evaluationCurves({
      task: 'binary',
      classes: ['no', 'yes'],
      confusion: [
        [3, 1],
        [0, 4],
      ],
      roc: [
        {
          classIndex: 1,
          label: 'yes',
          fpr: [0, 0, 1],
          tpr: [0, 0.5, 1],
          thresholds: [2, 0.9, 0.1],
          auc: 0.75,
        },
      ],
      pr: [
        {
          classIndex: 1,
          label: 'yes',
          precision: [0.5, 1],
          recall: [1, 0],
          thresholds: [0.1],
          averagePrecision: null,
        },
      ],
    });
    expect(curves?.roc).toEqual([
      {
        name: 'yes',
        score: 0.75,
        total: 3,
        points: [
          { x: 0, y: 0 },
          { x: 0, y: 0.5 },
          { x: 1, y: 1 },
        ],
      },
    ]);
    expect(curves?.pr[0]).toMatchObject({
      name: 'yes',
      score: null,
      points: [
        { x: 1, y: 0.5 },
        { x: 0, y: 1 },
      ],
    });
    expect(curves?.residuals).toBeNull();
  });

  it('thins long curves and says how many points there were', () => {
    const n = 5000;
    const fpr = Array.from({ length: n }, (_, i) => i / (n - 1));
    const curves = evaluationCurves({ roc: [{ label: 'a', fpr, tpr: fpr, auc: 0.5 }], pr: [] });
    expect(curves?.roc[0]?.points).toHaveLength(MAX_CURVE_POINTS);
    expect(curves?.roc[0]?.total).toBe(n);
  });

  it('reads regression residuals against predictions', () => {
    const predictions = Array.from({ length: 3000 }, (_, i) => i);
    const residuals = predictions.map((p) => (p % 2 ? 1 : -1));
    const curves = evaluationCurves({ task: 'regression', residuals, predictions });
    expect(curves?.roc).toEqual([]);
    expect(curves?.residuals?.total).toBe(3000);
    expect(curves?.residuals?.points).toHaveLength(MAX_RESIDUAL_POINTS);
    expect(curves?.residuals?.points[1]).toEqual({ x: 2, y: -1 });
  });

  it('has nothing to chart for missing or foreign details', () => {
    expect(evaluationCurves(null)).toBeNull();
    expect(evaluationCurves({ task: 'regression', residuals: [], predictions: [] })).toBeNull();
    expect(evaluationCurves({ roc: 'nope' })).toBeNull();
  });
});
