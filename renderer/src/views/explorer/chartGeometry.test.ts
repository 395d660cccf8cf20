import { describe, expect, it } from 'vitest';
import {
  axisKind,
  bandPath,
  formatX,
  isolatedPoints,
  linearScale,
  linePath,
  logScale,
  nearestIndex,
  spansDecades,
} from './chartGeometry.js';

describe('chart geometry', () => {
  const sx = linearScale([0, 10], [0, 100]);
  const sy = linearScale([0, 1], [50, 0]);
  it('scales and inverts', () => {
    expect(sx(5)).toBe(50);
    expect(sx.invert(25)).toBe(2.5);
    expect(logScale([1, 100], [0, 100])(10)).toBe(50);
    expect(logScale([1, 100], [0, 100])(0)).toBeNaN();
  });
  it('draws one command per point and breaks at gaps', () => {
    expect(linePath([0, 5, 10], [0, 0.5, 1], sx, sy)).toBe('M0 50L50 25L100 0');
    expect(linePath([0, 5, 10], [0, Number.NaN, 1], sx, sy)).toBe('M0 50M100 0');
  });
  it('finds the points a line cannot draw: alone, or between gaps', () => {
    expect(isolatedPoints([4], [0.5], sx, sy)).toEqual([[40, 25]]);
    expect(isolatedPoints([0, 5, 10], [0, 0.5, 1], sx, sy)).toEqual([]);
    expect(isolatedPoints([0, 5, 10], [0, Number.NaN, 1], sx, sy)).toEqual([
      [0, 50],
      [100, 0],
    ]);
    expect(isolatedPoints([0, 5], [Infinity, 1], sx, sy)).toEqual([[50, 0]]);
  });
  it('closes a band', () => {
    expect(bandPath([0, 10], [0, 0], [1, 1], sx, sy)).toBe('M0 0L100 0L100 50L0 50Z');
  });
  it('finds the nearest x', () => {
    expect(nearestIndex([0, 10, 20], 14)).toBe(1);
    expect(nearestIndex([0, 10, 20], 16)).toBe(2);
    expect(nearestIndex([], 1)).toBe(-1);
  });
  it('puts params spanning decades on a log axis, and tells constant axes apart', () => {
    expect(axisKind([0.0001, 0.01, 0.1])).toBe('log');
    expect(axisKind([0.01, 0.02, 0.05])).toBe('linear');
    expect(axisKind([0, 0.01, 1])).toBe('linear');
    expect(axisKind([16, 32, undefined])).toBe('linear');
    expect(axisKind(['adam', 'sgd'])).toBe('category');
    expect(axisKind([64, undefined, 64, null])).toBe('constant');
    expect(axisKind([])).toBe('constant');
    expect(spansDecades(1e-4, 1e-2)).toBe(true);
    expect(spansDecades(-1, 100)).toBe(false);
  });
});

describe('formatX', () => {
  it('reads steps as numbers and point times as milliseconds', () => {
    expect(formatX(30, 'step')).toBe('30');
    expect(formatX(18_000, 'relative')).toBe('18s');
    expect(formatX(150_000, 'relative')).toBe('2m30s');
    expect(formatX(Date.UTC(2026, 0, 1, 12, 30, 5), 'time')).toBe('12:30:05');
  });
});
