import { describe, expect, it } from 'vitest';
import {
  byKind,
  closestKeys,
  evaluationName,
  headlineOf,
  isCurveKind,
  metricKind,
  modelMetrics,
  runHeadline,
  testMetrics,
  testName,
  testValue,
  unknownMetricWarning,
} from './metricNames.js';

describe('metric names: one name, one meaning', () => {
  it('tells the three kinds apart by name', () => {
    expect(
      ['loss', 'accuracy', 'val_loss', 'test_accuracy', 'cv_accuracy_mean', 'cv_f1_macro_std'].map(
        metricKind,
      ),
    ).toEqual(['training', 'training', 'validation', 'test', 'cv', 'cv']);
    // Scripts' validation keys (Lightning's val_, Keras' val_, MLflow users' val/ and validation/).
    expect(
      [
        'val/f1',
        'validation/loss',
        'valid_acc',
        'valid/loss',
        'validation_rmse',
        'valley',
        'train/loss',
      ].map(metricKind),
    ).toEqual([
      'validation',
      'validation',
      'validation',
      'validation',
      'validation',
      'training',
      'training',
    ]);
    expect(testName('accuracy')).toBe('test_accuracy');
    expect(testName('test_accuracy')).toBe('test_accuracy');
    expect(evaluationName('test_rmse')).toBe('rmse');
  });

  it("stores a job's evaluation under test_ names, cross-validation as it is", () => {
    expect(
      testMetrics({ accuracy: 0.8, roc_auc: 0.9, cv_accuracy_mean: 0.7, cv_accuracy_std: 0.1 }),
    ).toEqual({
      test_accuracy: 0.8,
      test_roc_auc: 0.9,
      cv_accuracy_mean: 0.7,
      cv_accuracy_std: 0.1,
    });
  });

  it('a headline is the test split where the run has one, and says so; never the last epoch under the test name', () => {
    const run = { accuracy: 0.99, val_accuracy: 0.9, test_accuracy: 0.8, loss: 0.1 };
    expect(headlineOf(run, 'accuracy')).toEqual({ key: 'test_accuracy', value: 0.8, kind: 'test' });
    expect(headlineOf(run, 'test_accuracy')).toEqual({
      key: 'test_accuracy',
      value: 0.8,
      kind: 'test',
    });
    expect(testValue(run, 'accuracy')).toBe(0.8);
    expect(testValue({ accuracy: 0.99 }, 'accuracy')).toBeUndefined();
    expect(headlineOf({ accuracy: 0.99, val_accuracy: 0.9 }, 'accuracy')).toEqual({
      key: 'val_accuracy',
      value: 0.9,
      kind: 'validation',
    });
    expect(runHeadline({ loss: 0.3 })).toEqual({
      key: 'loss',
      value: 0.3,
      kind: 'training',
      metric: 'loss',
    });
    expect(runHeadline({})).toBeNull();
  });

  it("system/* is the job process's own, a curve, and left out of what a seed reproduces", () => {
    expect(metricKind('system/process_rss_megabytes')).toBe('system');
    expect(isCurveKind('system')).toBe(true);
    expect(isCurveKind('test')).toBe(false);
    expect(modelMetrics({ test_accuracy: 0.8, 'system/process_cpu_percentage': 93 })).toEqual({
      test_accuracy: 0.8,
    });
    expect(byKind(['system/process_cpu_percentage', 'loss', 'test_mae'])).toEqual([
      'test_mae',
      'loss',
      'system/process_cpu_percentage',
    ]);
  });

  it('orders test, cv, validation, training', () => {
    expect(
      byKind(['loss', 'val_loss', 'test_rmse', 'cv_rmse_mean', 'test_mae', 'accuracy']),
    ).toEqual(['test_mae', 'test_rmse', 'cv_rmse_mean', 'val_loss', 'accuracy', 'loss']);
  });

  it('did you mean: the closest keys that exist, the test name of an evaluation name first', () => {
    const known = [
      'accuracy',
      'loss',
      'test_accuracy',
      'test_f1_macro',
      'test_roc_auc',
      'val_accuracy',
      'val_loss',
    ];
    expect(closestKeys('f1_macro', known)[0]).toBe('test_f1_macro');
    expect(closestKeys('roc_auc', known)[0]).toBe('test_roc_auc');
    expect(closestKeys('val_acuracy', known)[0]).toBe('val_accuracy');
    expect(closestKeys('zzz_unrelated_name', known)).toEqual([]);
    expect(unknownMetricWarning('f1_macro', known)).toBe(
      'no run has metric "f1_macro"; did you mean metrics.test_f1_macro?',
    );
    expect(unknownMetricWarning('zzz_unrelated_name', known)).toBe(
      'no run has metric "zzz_unrelated_name"; metrics that exist: test_accuracy, test_f1_macro, test_roc_auc, val_accuracy, val_loss, accuracy, loss',
    );
    expect(unknownMetricWarning('x', [])).toBe('no run has metric "x"; no run has any metrics yet');
  });
});
