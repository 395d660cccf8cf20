import { describe, expect, it } from 'vitest';
import type { DriftColumnResult } from '../../../../shared/api/drift.js';
import { driftVerdict } from './driftVerdict.js';

const column = (name: string, over: Partial<DriftColumnResult> = {}): DriftColumnResult => ({
  column: name,
  status: 'tested',
  kind: 'numeric',
  test: 'ks',
  statistic: 0.1,
  p_value: 0.4,
  threshold: 0.05,
  drifted: false,
  effect_size: 0.1,
  effect_size_name: 'ks_statistic',
  reference_missing: 0,
  current_missing: 0,
  note: null,
  distribution: { labels: [], reference: [], current: [] },
  ...over,
});

const report = (columns: DriftColumnResult[], threshold = 0.5) => {
  const drifted = columns.filter((c) => c.drifted).length;
  const share = drifted / columns.length;
  return {
    dataset_drift: share >= threshold,
    drifted_columns: drifted,
    tested_columns: columns.length,
    drift_share: share,
    drift_share_threshold: threshold,
    columns,
  };
};

describe('driftVerdict', () => {
  it('says why a dataset with strongly drifted columns still has no dataset drift', () => {
    const columns = [
      column('age', { drifted: true, p_value: 1.3e-58, statistic: 0.9 }),
      column('income', { drifted: true, p_value: 0.01 }),
      ...Array.from({ length: 18 }, (_, i) => column(`c${i}`)),
    ];
    expect(driftVerdict(report(columns))).toBe(
      'No dataset drift: 2 of 20 columns drifted. Columns age and income drifted (p < 0.05), ' +
        'strongest at p = 1.3e-58. The dataset verdict needs at least 50% of columns to drift ' +
        '(the drift share rule); 10% did.',
    );
  });

  it('names the rule of each kind of test, and at most three columns', () => {
    const columns = [
      column('a', { drifted: true, test: 'wasserstein', p_value: null, threshold: 0.1 }),
      column('b', { drifted: true, test: 'wasserstein', p_value: null, threshold: 0.1 }),
      column('c', {
        drifted: true,
        kind: 'categorical',
        test: 'jensenshannon',
        p_value: null,
        threshold: 0.1,
      }),
      column('d', { drifted: true, status: 'missing', test: null, p_value: null, threshold: null }),
      ...Array.from({ length: 6 }, (_, i) => column(`x${i}`)),
    ];
    expect(driftVerdict(report(columns))).toBe(
      'No dataset drift: 4 of 10 columns drifted. Columns a, b, c and 1 more drifted ' +
        '(wasserstein ≥ 0.1; jensenshannon ≥ 0.1; missing from the current data). ' +
        'The dataset verdict needs at least 50% of columns to drift (the drift share rule); 40% did.',
    );
  });

  it('names a single drifted column as "Column"', () => {
    const columns = [column('a', { drifted: true, p_value: 2e-9 }), column('b'), column('c')];
    expect(driftVerdict(report(columns))).toContain(
      'Column a drifted (p < 0.05), strongest at p = 2.0e-9.',
    );
  });

  it('keeps to one line when the verdict and the columns agree', () => {
    expect(driftVerdict(report([column('a'), column('b')]))).toBe(
      'No dataset drift: 0 of 2 columns drifted (share 0%, threshold 50%).',
    );
    expect(driftVerdict(report([column('a', { drifted: true }), column('b')]))).toBe(
      'Dataset drift: 1 of 2 columns drifted (share 50%, threshold 50%).',
    );
  });
});
