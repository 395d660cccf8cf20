import { describe, expect, it } from 'vitest';
import { kFolds } from './kFold.js';

describe('kFolds', () => {
  it('holds every row out exactly once, keeps class shares, and is seeded', () => {
    const rows = Array.from({ length: 30 }, (_, i) => i);
    const classOf = (r: number) => (r < 18 ? 0 : 1);
    const folds = kFolds(rows, 3, 1, classOf);
    expect(folds.flatMap((f) => f.test).sort((a, b) => a - b)).toEqual(rows);
    for (const f of folds) {
      expect(f.test.filter((r) => classOf(r) === 0)).toHaveLength(6);
      expect(f.train).toHaveLength(20);
      expect(f.train.some((r) => f.test.includes(r))).toBe(false);
    }
    expect(kFolds(rows, 3, 1, classOf)).toEqual(folds);
  });
});
