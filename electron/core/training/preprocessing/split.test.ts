import { describe, expect, it } from 'vitest';
import { randomSplit, stratifiedSplit } from './split.js';

const options = { testSize: 0.2, valFraction: 0.25, seed: 7 };

describe('splits', () => {
  it('stratified: every row once, each class keeps its share in every part, same seed same split', () => {
    const y = Int32Array.from({ length: 100 }, (_, i) => (i < 60 ? 0 : 1));
    const split = stratifiedSplit(y, options);
    expect([...split.train, ...split.val, ...split.test].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 100 }, (_, i) => i),
    );
    expect(split.test.filter((i) => y[i] === 0)).toHaveLength(12);
    expect(split.test.filter((i) => y[i] === 1)).toHaveLength(8);
    expect(split.val.filter((i) => y[i] === 0)).toHaveLength(12);
    expect(stratifiedSplit(y, options)).toEqual(split);
    expect(stratifiedSplit(y, { ...options, seed: 8 })).not.toEqual(split);
  });

  it('random: sizes follow test_size and val_fraction', () => {
    const split = randomSplit(50, options);
    expect([split.train.length, split.val.length, split.test.length]).toEqual([30, 10, 10]);
  });

  it('too few rows for the split names the split left empty', () => {
    expect(() => randomSplit(2, options)).toThrow(
      'too few rows for the split: 2 rows with test_size 0.2 and val_fraction 0.25 leave the test split empty',
    );
    expect(() => stratifiedSplit(Int32Array.from([0, 1]), options)).toThrow(
      'too few rows for the split: 2 rows',
    );
  });
});

describe('stratified sizes', () => {
  it('add up to the unstratified counts, so a small dataset the planner accepts splits', () => {
    const y = Int32Array.from([0, 1, 0, 1, 0, 1]);
    const split = stratifiedSplit(y, { testSize: 0.2, valFraction: 0.2, seed: 1 });
    expect([split.train.length, split.val.length, split.test.length]).toEqual([4, 1, 1]);
  });
});
