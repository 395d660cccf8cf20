import { describe, expect, it } from 'vitest';
import { nonFiniteLossMessage, runAdvice, type AdviceInput } from './runAdvice.js';

const base: AdviceInput = {
  model: 'mlp',
  task: 'multiclass',
  params: { lr: 0.1, optimizer: 'adam', class_weight: 'none' },
  loss: [1.1, 0.8, 0.5, 0.4],
  error: null,
  evaluation: {
    task: 'multiclass',
    classes: ['a', 'b', 'c'],
    confusion: [
      [9, 1, 0],
      [1, 8, 1],
      [0, 0, 10],
    ],
  },
};
const classifier = (confusion: number[][], classes = ['no', 'yes']) => ({
  task: 'binary',
  classes,
  confusion,
});

describe('runAdvice', () => {
  it('says nothing about a run that learned', () => {
    expect(runAdvice(base)).toEqual([]);
  });

  it('a loss that became NaN or infinite diverged; the hint is the default rate when the run was above it', () => {
    expect(runAdvice({ ...base, loss: [1.1, 3, Infinity] })).toEqual([
      'loss diverged — try a lower learning rate (0.001)',
    ]);
    expect(
      runAdvice({ ...base, params: { ...base.params, optimizer: 'sgd' }, loss: [1, Number.NaN] }),
    ).toEqual(['loss diverged — try a lower learning rate (0.01)']);
  });

  it('a loss grown far above its start diverged; at or below the default, the hint is a tenth', () => {
    expect(
      runAdvice({
        ...base,
        model: 'linear',
        task: 'regression',
        loss: [5.86, 71.6, 6170],
        evaluation: null,
      }),
    ).toEqual(['loss diverged — try a lower learning rate (0.01)']);
    expect(
      runAdvice({ ...base, params: { lr: 0.0003, optimizer: 'adam' }, loss: [1, 2, 30] }),
    ).toEqual(['loss diverged — try a lower learning rate (0.00003)']);
    expect(runAdvice({ ...base, loss: [1, 9, 2] })).toEqual([]); // a bump, not a divergence
    expect(runAdvice({ ...base, loss: [1, 40, 0.9] })).toEqual([]); // a spike that came back down
  });

  it('a run that stopped on a NaN loss (its error says so) diverged even when the series does not show it', () => {
    expect(
      runAdvice({
        ...base,
        loss: [1, 0.9],
        error: nonFiniteLossMessage(3, Number.NaN),
        evaluation: null,
      }),
    ).toEqual(['loss diverged — try a lower learning rate (0.001)']);
    expect(nonFiniteLossMessage(3, Infinity)).toBe(
      'training stopped at epoch 3: the loss became infinite',
    );
  });

  it('a classifier no better than always predicting the most frequent test class says so, with its share', () => {
    const majority = {
      ...base,
      task: 'binary' as const,
      evaluation: classifier([
        [62, 0],
        [38, 0],
      ]),
    };
    expect(runAdvice(majority)).toEqual([
      "no better than always predicting 'no' (62% of the test rows) — try class_weight balanced, or more epochs",
    ]);
    // Balanced classes, or class weights already on: the hint is about training, not weights.
    expect(
      runAdvice({
        ...majority,
        evaluation: classifier([
          [20, 30],
          [25, 25],
        ]),
      }),
    ).toEqual([
      "no better than always predicting 'no' (50% of the test rows) — try more epochs or a higher learning rate, or check that the features relate to the target",
    ]);
    expect(
      runAdvice({
        ...majority,
        evaluation: classifier([
          [50, 12],
          [10, 28],
        ]),
      }),
    ).toEqual([]); // 78% > 62%
  });

  it('a regression no better than the test mean (R² ≤ 0) says so', () => {
    const regression = { ...base, model: 'linear' as const, task: 'regression' as const };
    // y = 1, 2, 3, 4 (mean 2.5); predicting 4 everywhere is worse than the mean.
    expect(
      runAdvice({
        ...regression,
        evaluation: { task: 'regression', residuals: [-3, -2, -1, 0], predictions: [4, 4, 4, 4] },
      }),
    ).toEqual([
      'no better than always predicting the mean (2.5) — try more epochs or another learning rate, or check that the features relate to the target',
    ]);
    expect(
      runAdvice({
        ...regression,
        evaluation: {
          task: 'regression',
          residuals: [0.1, -0.1, 0.2, 0],
          predictions: [1, 2, 3, 4],
        },
      }),
    ).toEqual([]);
  });

  it('divergence is the one line when both apply, and odd evaluation files are ignored', () => {
    expect(
      runAdvice({
        ...base,
        loss: [1, Infinity],
        evaluation: classifier([
          [62, 0],
          [38, 0],
        ]),
      }),
    ).toHaveLength(1);
    expect(runAdvice({ ...base, evaluation: { confusion: 'x', classes: ['a'] } })).toEqual([]);
    expect(runAdvice({ ...base, evaluation: classifier([[5]], ['only']) })).toEqual([]); // one class in the test split
  });
});
