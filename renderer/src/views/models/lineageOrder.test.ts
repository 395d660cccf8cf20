import { describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../../../shared/api/registry.js';
import { defaultMetric, lineageOrder } from './lineageOrder.js';

const v = (
  id: number,
  parent: number | null,
  metrics: Record<string, number> = {},
): ModelVersion => ({
  id,
  model: 'm',
  version: id,
  run_id: id,
  run_uid: null,
  parent_id: parent,
  dataset_id: 1,
  aliases: [],
  stage: 'none',
  note: '',
  metrics,
  params: {},
  tags: {},
  source_uri: '',
  created_at: '',
  updated_at: '',
});

describe('lineage order', () => {
  it('walks each branch before the next, roots first', () => {
    expect(
      lineageOrder([v(1, null), v(2, 1), v(3, 1), v(4, 2), v(5, null)]).map((x) => x.id),
    ).toEqual([1, 2, 4, 3, 5]);
  });
  it('treats a version whose parent is not listed as a root', () => {
    expect(lineageOrder([v(7, 3), v(8, 7)]).map((x) => x.id)).toEqual([7, 8]);
  });
  it('prefers accuracy, then r2, then the first metric', () => {
    expect(defaultMetric([v(1, null, { f1_macro: 1, accuracy: 1 })])).toBe('accuracy');
    expect(defaultMetric([v(1, null, { rmse: 1, r2: 1 })])).toBe('r2');
    expect(defaultMetric([v(1, null, { rmse: 1, mae: 1 })])).toBe('mae');
    expect(defaultMetric([])).toBeNull();
  });
  it('prefers the test split over the last training epoch, and lists test metrics first', () => {
    expect(
      defaultMetric([v(1, null, { accuracy: 0.99, val_accuracy: 0.9, test_accuracy: 0.8 })]),
    ).toBe('test_accuracy');
    expect(defaultMetric([v(1, null, { loss: 1, test_rmse: 3, test_r2: 0.5 })])).toBe('test_r2');
    expect(defaultMetric([v(1, null, { loss: 1, test_log_loss: 0.3 })])).toBe('test_log_loss');
  });
});
