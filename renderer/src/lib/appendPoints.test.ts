import { describe, expect, it } from 'vitest';
import { appendPoints } from './appendPoints.js';

const point = (key: string, step: number, value: number) => ({ key, step, value, time: step });

describe('appendPoints', () => {
  it('creates series for new keys and appends in order', () => {
    const merged = appendPoints(
      [],
      [point('loss', 1, 0.9), point('loss', 2, 0.8), point('acc', 1, 0.5)],
    );
    expect(merged).toEqual([
      { key: 'loss', steps: [1, 2], values: [0.9, 0.8], times: [1, 2] },
      { key: 'acc', steps: [1], values: [0.5], times: [1] },
    ]);
  });

  it('replaces a repeated step and inserts an older one in order, without mutating the input', () => {
    const before = [{ key: 'loss', steps: [1, 3], values: [0.9, 0.7], times: [1, 3] }];
    const merged = appendPoints(before, [point('loss', 3, 0.6), point('loss', 2, 0.8)]);
    expect(merged[0]).toEqual({
      key: 'loss',
      steps: [1, 2, 3],
      values: [0.9, 0.8, 0.6],
      times: [1, 2, 3],
    });
    expect(before[0]?.steps).toEqual([1, 3]);
  });

  it('keeps untouched series by identity', () => {
    const before = [{ key: 'acc', steps: [1], values: [0.5], times: [1] }];
    const merged = appendPoints(before, [point('loss', 1, 1)]);
    expect(merged[0]).toBe(before[0]);
  });
});
