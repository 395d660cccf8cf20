import { describe, expect, it } from 'vitest';
import type { Column, ColumnType } from './domain.js';
import { defaultLr, defaultTarget, resolveTrainParams, targetCandidate } from './trainingRules.js';

const col = (name: string, type: ColumnType, distinct: number, missing = 0): Column => ({
  name,
  type,
  distinct,
  missing,
});

describe('default learning rate', () => {
  it("is Keras' default for an MLP's optimizer", () => {
    expect(defaultLr('mlp', 'adam')).toBe(0.001);
    expect(defaultLr('mlp', 'sgd')).toBe(0.01);
    expect(defaultLr('mlp', 'rmsprop')).toBe(0.001);
  });

  it('follows the optimizer unless the params set one', () => {
    expect(resolveTrainParams('mlp', {}).lr).toBe(0.001);
    expect(resolveTrainParams('mlp', { optimizer: 'sgd' }).lr).toBe(0.01);
    expect(resolveTrainParams('mlp', { optimizer: 'sgd', lr: 0.5 }).lr).toBe(0.5);
    expect(resolveTrainParams('logistic', {}).lr).toBe(0.1);
    expect(resolveTrainParams('linear', { optimizer: 'rmsprop' })).toMatchObject({
      lr: 0.1,
      epochs: 50,
    });
  });

  it('still refuses a bad learning rate', () => {
    expect(() => resolveTrainParams('mlp', { lr: 0 })).toThrow(
      /learning rate must be greater than 0/,
    );
  });
});

describe('defaultTarget', () => {
  it('prefers a column named like a label, wherever it is', () => {
    expect(
      defaultTarget(
        [col('target', 'numeric', 2), col('a', 'numeric', 90), col('b', 'categorical', 3)],
        100,
      ),
    ).toBe('target');
    expect(
      defaultTarget(
        [col('x', 'numeric', 90), col('y', 'numeric', 80), col('group', 'categorical', 4)],
        100,
      ),
    ).toBe('y');
    expect(defaultTarget([col('Class', 'categorical', 2), col('v', 'numeric', 90)], 100)).toBe(
      'Class',
    );
    expect(defaultTarget([col('churn_label', 'boolean', 2), col('v', 'numeric', 90)], 100)).toBe(
      'churn_label',
    );
  });

  it('else the last column when it has few values (iris)', () => {
    const iris = [
      col('sepal_length_cm', 'numeric', 35),
      col('petal_width_cm', 'numeric', 22),
      col('species', 'categorical', 3),
    ];
    expect(defaultTarget(iris, 150)).toBe('species');
    expect(defaultTarget([col('x', 'numeric', 90), col('rating', 'numeric', 5)], 100)).toBe(
      'rating',
    );
  });

  it('else the last categorical column, else the last numeric one (regression)', () => {
    expect(defaultTarget([col('kind', 'categorical', 4), col('x', 'numeric', 90)], 100)).toBe(
      'kind',
    );
    const diabetes = [
      col('age', 'numeric', 58),
      col('sex', 'numeric', 2),
      col('bmi', 'numeric', 163),
      col('progression', 'numeric', 214),
    ];
    expect(defaultTarget(diabetes, 442)).toBe('progression');
  });

  it('never picks free text, an identifier or a date', () => {
    expect(targetCandidate(col('notes', 'categorical', 3), 100)).toBe(false); // named notes, few values or not
    expect(targetCandidate(col('remark', 'text', 95), 100)).toBe(false);
    expect(targetCandidate(col('comment_text', 'categorical', 60), 100)).toBe(false); // mostly distinct strings
    expect(targetCandidate(col('customer_id', 'numeric', 100), 100)).toBe(false);
    expect(targetCandidate(col('userId', 'numeric', 100), 100)).toBe(false);
    expect(targetCandidate(col('code', 'categorical', 40), 40)).toBe(false); // every value different
    expect(targetCandidate(col('when', 'datetime', 12), 100)).toBe(false);
    // Not identifiers: a name that merely ends in "id", a continuous number with every value different.
    expect(targetCandidate(col('paid', 'boolean', 2), 100)).toBe(true);
    expect(targetCandidate(col('price', 'numeric', 100), 100)).toBe(true);
  });

  it('on a messy table: skips the trailing notes and the id for the label-like column', () => {
    const messy = [
      col('id', 'numeric', 40),
      col('signup_date', 'datetime', 38),
      col('city', 'categorical', 5, 2),
      col('monthly_spend', 'numeric', 40, 3),
      col('churned', 'categorical', 2),
      col('notes', 'categorical', 34, 4),
    ];
    expect(defaultTarget(messy, 40)).toBe('churned');
  });

  it('skips a column with one value, unless it is named like a label (training then says why it cannot learn)', () => {
    expect(
      defaultTarget([col('kind', 'categorical', 3), col('constant', 'categorical', 1)], 100),
    ).toBe('kind');
    expect(defaultTarget([col('color', 'categorical', 3), col('label', 'categorical', 1)], 6)).toBe(
      'label',
    );
  });

  it('is empty when nothing fits', () => {
    expect(defaultTarget([], 0)).toBe('');
    expect(defaultTarget([col('id', 'numeric', 10), col('notes', 'text', 10)], 10)).toBe('');
  });
});
