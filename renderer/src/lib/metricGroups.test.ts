import { describe, expect, it } from 'vitest';
import type { MetricSeries } from '../../../shared/domain.js';
import { groupMetrics } from './metricGroups.js';

const series = (key: string): MetricSeries => ({ key, steps: [1], values: [1], times: [0] });

describe('groupMetrics', () => {
  it('pairs val_ twins, puts loss and accuracy first and system/* last', () => {
    const groups = groupMetrics(
      [
        'system/process_rss_megabytes',
        'val_accuracy',
        'rmse',
        'accuracy',
        'val_loss',
        'loss',
        'zeta',
      ].map(series),
    );
    expect(groups.map((g) => g.name)).toEqual([
      'loss',
      'accuracy',
      'rmse',
      'zeta',
      'system/process_rss_megabytes',
    ]);
    expect(groups[1]!.series.map((s) => s.key)).toEqual(['accuracy', 'val_accuracy']);
  });
});
