import { describe, expect, it } from 'vitest';
import { Strategy } from '../../../../shared/api/automation.js';
import { joinStrategy, splitStrategy, STRATEGY_CHOICES } from './strategyChoice.js';

describe('the data strategy as a choice', () => {
  it('offers exactly what the core accepts', () => {
    for (const { value } of STRATEGY_CHOICES) {
      const { strategy } = joinStrategy(value, '3');
      expect(Strategy.safeParse(strategy).success).toBe(true);
    }
  });

  it('round-trips a stored strategy', () => {
    expect(splitStrategy('window:12')).toEqual({ choice: 'window', k: '12' });
    expect(joinStrategy('window', '12')).toEqual({ strategy: 'window:12' });
    expect(splitStrategy('new').choice).toBe('new');
    expect(splitStrategy('reference+new').choice).toBe('reference+new');
  });

  it('says what is wrong with K in one line', () => {
    for (const bad of ['0', '1000', '2.5', 'three', ''])
      expect(joinStrategy('window', bad)).toEqual({
        error: 'A whole number of versions, from 1 to 999',
      });
  });
});
