import { describe, expect, it } from 'vitest';
import type { Column } from '../../../../shared/domain.js';
import { changeField, initialValues, validateTrainForm, visibleFields } from './trainFormModel.js';

const columns: Column[] = [
  { name: 'x', type: 'numeric', missing: 0, distinct: 100 },
  { name: 'price', type: 'numeric', missing: 0, distinct: 90 },
  { name: 'species', type: 'categorical', missing: 0, distinct: 3 },
];

describe('train form model', () => {
  it('starts from the contract defaults, the label column and a model that fits its task', () => {
    const v = initialValues(columns, 100);
    expect(v).toMatchObject({
      target: 'species',
      task: 'auto',
      model: 'logistic',
      epochs: '50',
      lr: '0.1',
      batch_size: '32',
      optimizer: 'adam',
    });
    expect(initialValues([columns[1]!], 100).model).toBe('linear');
  });

  it('sends only the fields the model uses, parsed', () => {
    const v = {
      ...initialValues(columns, 100),
      model: 'mlp' as const,
      hidden: '16,8',
      dropout: '0.2',
      epochs: '5',
    };
    const result = validateTrainForm(v, columns);
    expect(result.ok && result.request).toEqual({
      target: 'species',
      model: 'mlp',
      params: {
        epochs: 5,
        lr: 0.1,
        batch_size: 32,
        optimizer: 'adam',
        test_size: 0.2,
        l2: 0,
        patience: 0,
        hidden: '16,8',
        activation: 'relu',
        dropout: 0.2,
        class_weight: 'none',
        cv_folds: 0,
      },
    });
    expect(visibleFields('logistic', 'binary').has('hidden')).toBe(false);
    expect(visibleFields('linear', 'regression').has('l1')).toBe(true);
  });

  it('names each bad field with the contract message', () => {
    const v = {
      ...initialValues(columns, 100),
      model: 'mlp' as const,
      target: '',
      epochs: '0',
      lr: 'fast',
      dropout: '2',
      hidden: '8,x',
    };
    const result = validateTrainForm(v, columns);
    expect(result.ok ? null : result.errors).toEqual({
      target: 'pick a target column',
      epochs: 'epochs must be at least 1',
      lr: 'learning rate must be a number',
      dropout: 'dropout must be at most 0.9',
      hidden: 'hidden must be layer sizes separated by commas, such as 64,32',
    });
  });

  it('passes a task override through', () => {
    const result = validateTrainForm(
      { ...initialValues(columns, 100), target: 'x', task: 'multiclass' },
      columns,
    );
    expect(result.ok && result.request.task).toBe('multiclass');
  });
});

describe('changeField', () => {
  it('moves the learning rate with the model and optimizer while it is their default', () => {
    let v = initialValues(columns, 100);
    expect(v.lr).toBe('0.1'); // logistic, adam
    v = changeField(v, 'model', 'mlp', columns);
    expect(v.lr).toBe('0.001');
    v = changeField(v, 'optimizer', 'sgd', columns);
    expect(v.lr).toBe('0.01');
    v = changeField(v, 'optimizer', 'rmsprop', columns);
    expect(v.lr).toBe('0.001');
  });

  it('keeps a learning rate the user typed', () => {
    let v = changeField(initialValues(columns, 100), 'model', 'mlp', columns);
    v = changeField(v, 'lr', '0.05', columns);
    v = changeField(v, 'optimizer', 'sgd', columns);
    expect(v.lr).toBe('0.05');
  });

  it('picks a model that fits a new target', () => {
    const v = changeField(initialValues(columns, 100), 'target', 'price', columns);
    expect(v.model).toBe('linear');
  });
});
