import { describe, expect, it } from 'vitest';
import { defaultTarget, initialValues, validateTrainForm } from './trainForm.js';

const column = (name: string, type: 'numeric' | 'categorical' | 'boolean') => ({
  name,
  type,
  missing: 0,
  distinct: 3,
});

describe('defaultTarget', () => {
  it('picks the last categorical or boolean column', () => {
    expect(
      defaultTarget([column('a', 'categorical'), column('b', 'boolean'), column('c', 'numeric')]),
    ).toBe('b');
  });
  it('falls back to the last column, or nothing', () => {
    expect(defaultTarget([column('a', 'numeric'), column('b', 'numeric')])).toBe('b');
    expect(defaultTarget([])).toBe('');
  });
});

describe('validateTrainForm', () => {
  it('accepts good values', () => {
    expect(validateTrainForm({ target: 'species', epochs: '30', lr: '0.1' })).toEqual({
      ok: true,
      target: 'species',
      params: { epochs: 30, lr: 0.1 },
    });
  });
  it('reports each field with the contract message', () => {
    expect(validateTrainForm({ target: '', epochs: '0', lr: '0' })).toEqual({
      ok: false,
      errors: {
        target: 'pick a target column',
        epochs: 'epochs must be at least 1',
        lr: 'learning rate must be greater than 0',
      },
    });
  });
  it('says so when a number is missing', () => {
    expect(validateTrainForm({ target: 'y', epochs: '', lr: '0.1' })).toEqual({
      ok: false,
      errors: { epochs: 'epochs must be a number' },
    });
  });
});

describe('initialValues', () => {
  it('starts from the contract defaults', () => {
    expect(initialValues([column('species', 'categorical')])).toEqual({
      target: 'species',
      epochs: '50',
      lr: '0.1',
    });
  });
});
