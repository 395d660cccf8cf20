import { describe, expect, it } from 'vitest';
import { formatEvery, parseEvery } from '../../../shared/api/automation.js';
import {
  decayDecision,
  fmt,
  missingFeatures,
  promotionDecision,
  seedOf,
  windowSize,
} from './decisions.js';

describe('pipeline decisions', () => {
  it('writes figures with 4 significant digits and never drops an integer part’s zeros', () => {
    expect([fmt(0.85), fmt(0.123456), fmt(1500.2), fmt(2339.96), fmt(3), fmt(1.5e-7)]).toEqual([
      '0.85',
      '0.1235',
      '1500',
      '2340',
      '3',
      '1.500e-7',
    ]);
  });

  const base = { metric: 'accuracy', goal: 'max' as const, margin: 0.02, autoPromote: true };

  it('promotes only when better by at least the margin, or waits for approval when the policy says so', () => {
    expect(promotionDecision({ ...base, challenger: 0.9, champion: 0.85 })).toEqual({
      outcome: 'promote',
      reason:
        'promoted: challenger accuracy 0.9 vs champion 0.85 on the holdout (better by 0.05, margin 0.02)',
    });
    expect(
      promotionDecision({ ...base, autoPromote: false, challenger: 0.9, champion: 0.85 }).outcome,
    ).toBe('await-approval');
    expect(promotionDecision({ ...base, challenger: 0.86, champion: 0.85 })).toEqual({
      outcome: 'hold',
      reason:
        'kept as challenger: challenger accuracy 0.86 vs champion 0.85 on the holdout (better by 0.01, less than the margin 0.02)',
    });
    expect(
      promotionDecision({ ...base, margin: 0, challenger: 0.85, champion: 0.85 }).reason,
    ).toMatch(/\(not better\)$/);
  });

  it('reads lower-is-better metrics the other way', () => {
    const rmse = { ...base, metric: 'rmse', goal: 'min' as const };
    expect(promotionDecision({ ...rmse, challenger: 10, champion: 12 }).outcome).toBe('promote');
    expect(promotionDecision({ ...rmse, challenger: 12, champion: 10 }).outcome).toBe('hold');
    expect(
      decayDecision({
        metric: 'rmse',
        goal: 'min',
        current: 13,
        recorded: 10,
        margin: 2,
        threshold: null,
      }).decayed,
    ).toBe(true);
    expect(
      decayDecision({
        metric: 'rmse',
        goal: 'min',
        current: 11,
        recorded: 10,
        margin: 2,
        threshold: null,
      }).decayed,
    ).toBe(false);
    expect(
      decayDecision({
        metric: 'rmse',
        goal: 'min',
        current: 11,
        recorded: null,
        margin: 0,
        threshold: 10.5,
      }).decayed,
    ).toBe(true);
  });

  it('finds decay below a threshold or worse than recorded by more than the margin, and says why', () => {
    expect(
      decayDecision({
        metric: 'accuracy',
        goal: 'max',
        current: 0.7,
        recorded: 0.9,
        margin: 0.1,
        threshold: null,
      }),
    ).toEqual({
      decayed: true,
      reason:
        'decay: champion accuracy on the new data is 0.7, worse than its recorded test-split 0.9 by more than the margin 0.1',
    });
    expect(
      decayDecision({
        metric: 'accuracy',
        goal: 'max',
        current: 0.85,
        recorded: 0.9,
        margin: 0.1,
        threshold: 0.8,
      }),
    ).toEqual({
      decayed: false,
      reason:
        'no decay: champion accuracy on the new data is 0.85 (threshold 0.8, recorded test-split 0.9 (margin 0.1))',
    });
    expect(
      decayDecision({
        metric: 'accuracy',
        goal: 'max',
        current: 0.75,
        recorded: 0.76,
        margin: 0.1,
        threshold: 0.8,
      }).reason,
    ).toMatch(/worse than the threshold 0.8$/);
  });

  it('lists missing features, window sizes, stable seeds and schedules', () => {
    expect(missingFeatures(['a', 'b', 'c'], ['c', 'a', 'z'])).toEqual(['b']);
    expect(windowSize('window:3')).toBe(3);
    expect(windowSize('reference+new')).toBeNull();
    const hash = `sha256:${'f'.repeat(64)}`;
    expect(seedOf(hash)).toBe(seedOf(hash));
    expect(seedOf(hash)).toBeLessThan(2 ** 31);
    expect([
      parseEvery('1h'),
      parseEvery('15m'),
      parseEvery(' 2d '),
      parseEvery('90s'),
      parseEvery('1.5h'),
    ]).toEqual([3600, 900, 172_800, 90, 5400]);
    expect([parseEvery('soon'), parseEvery('0m'), parseEvery('-1h'), parseEvery('1 week')]).toEqual(
      [null, null, null, null],
    );
    expect([formatEvery(3600), formatEvery(5400), formatEvery(45)]).toEqual(['1h', '90m', '45s']);
  });
});
