import { describe, expect, it } from 'vitest';
import { initialSweepValues, validateSweepForm } from './sweepFormModel.js';

describe('sweep form model', () => {
  it('a grid over learning rates and MLP layer choices', () => {
    const result = validateSweepForm(initialSweepValues('multiclass'), 'multiclass');
    expect(result.ok && result.request).toEqual({
      model: 'mlp',
      metric: 'f1_macro',
      halving: false,
      params: { epochs: 20 },
      grid: { lr: [0.1, 0.01], hidden: ['16', '32,16'] },
    });
  });

  it('random search over a log-uniform learning rate', () => {
    const result = validateSweepForm(
      { ...initialSweepValues('regression'), search: 'random', trials: '5' },
      'regression',
    );
    expect(result.ok && result.request).toMatchObject({
      metric: 'rmse',
      random: { trials: 5, ranges: { lr: { low: 0.0001, high: 0.1, log: true } } },
    });
  });

  it('bad values are named by field', () => {
    const result = validateSweepForm(
      { ...initialSweepValues('binary'), epochs: '0', lrs: '0.1, 50', hidden: '8/x' },
      'binary',
    );
    expect(result.ok ? null : result.errors).toEqual({
      epochs: 'epochs must be a whole number of at least 1',
      lrs: 'learning rates between 0 and 10, separated by commas',
      hidden: 'layer sizes like 64,32; choices separated by /',
    });
  });
});
