import { describe, expect, it } from 'vitest';
import { bestOf, gridTrials, halvingRungs, metricGoal, randomTrials } from './sweepPlan.js';

describe('sweep plans', () => {
  it('a grid is every combination', () => {
    expect(gridTrials({ lr: [0.1, 0.01], hidden: ['8', '16,8'] })).toEqual([
      { lr: 0.1, hidden: '8' },
      { lr: 0.1, hidden: '16,8' },
      { lr: 0.01, hidden: '8' },
      { lr: 0.01, hidden: '16,8' },
    ]);
  });

  it('random search is seeded, stays in range, and log ranges spread over the decades', () => {
    const trials = randomTrials(
      400,
      { lr: { low: 1e-4, high: 1, log: true }, epochs: { low: 5, high: 20, log: false } },
      3,
    );
    expect(
      randomTrials(
        400,
        { lr: { low: 1e-4, high: 1, log: true }, epochs: { low: 5, high: 20, log: false } },
        3,
      ),
    ).toEqual(trials);
    const lrs = trials.map((t) => t.lr as number);
    expect(Math.min(...lrs)).toBeGreaterThanOrEqual(1e-4);
    expect(Math.max(...lrs)).toBeLessThan(1);
    // Log-uniform: about a quarter of the draws in each decade, so many below 1e-2.
    expect(lrs.filter((v) => v < 1e-2).length).toBeGreaterThan(150);
    expect(trials.every((t) => Number.isInteger(t.epochs))).toBe(true);
  });

  it('the best run follows the metric goal and ignores runs without the metric', () => {
    const scores = [
      { runId: 1, value: 0.5 },
      { runId: 2, value: undefined },
      { runId: 3, value: 0.9 },
    ];
    expect(bestOf(scores, metricGoal('f1_macro', 'binary'))).toBe(3);
    expect(bestOf(scores, metricGoal('rmse', 'regression'))).toBe(1);
    expect(() => metricGoal('rmse', 'binary')).toThrow(
      'metric "rmse" is not reported for binary; use one of test_f1_macro, test_accuracy',
    );
    // A sweep's metric is the test split's under either name.
    expect(metricGoal('test_rmse', 'regression')).toBe('min');
    expect(metricGoal('test_accuracy', 'binary')).toBe('max');
  });

  it('successive halving keeps a third each rung at three times the epochs', () => {
    expect(halvingRungs(9, 27)).toEqual([
      { keep: 9, epochs: 3 },
      { keep: 3, epochs: 9 },
      { keep: 1, epochs: 27 },
    ]);
  });
});
