import { describe, expect, it } from 'vitest';
import { groupMetrics, metricPanels } from './metricGroups.js';

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
      ].map((key) => ({ key })),
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

describe('metricPanels', () => {
  it("groups a script's keys by prefix: unprefixed first, train, val, others, system last", () => {
    const panels = metricPanels([
      'system/cpu_utilization_percentage',
      'val/f1',
      'train/loss',
      'lr',
      'grad/layer10',
      'grad/layer2',
      'train/acc',
      'val/loss',
    ]);
    expect(panels.map((p) => p.prefix)).toEqual(['', 'train', 'val', 'grad', 'system']);
    expect(panels[1]!.charts.map((c) => c.keys)).toEqual([['train/acc'], ['train/loss']]);
    // Numbers inside names sort as numbers: layer2 before layer10.
    expect(panels[3]!.charts.map((c) => c.name)).toEqual(['grad/layer2', 'grad/layer10']);
    expect(panels[0]!.charts).toEqual([{ name: 'lr', keys: ['lr'] }]);
  });

  it("keeps Benchtop's own naming: val_ twins share a chart, test_/cv_ scores chart only as curves", () => {
    const panels = metricPanels([
      'test_accuracy',
      'val_loss',
      'loss',
      'accuracy',
      'val_accuracy',
      'cv_accuracy_mean',
      'system/process_cpu_percentage',
      'system/process_rss_megabytes',
    ]);
    expect(panels.map((p) => p.prefix)).toEqual(['', 'system']);
    expect(panels[0]!.charts).toEqual([
      { name: 'loss', keys: ['loss', 'val_loss'] },
      { name: 'accuracy', keys: ['accuracy', 'val_accuracy'] },
    ]);
    expect(panels[0]!.maybeCurves).toEqual(['cv_accuracy_mean', 'test_accuracy']);
    expect(panels[1]!.charts.map((c) => c.name)).toEqual([
      'system/process_cpu_percentage',
      'system/process_rss_megabytes',
    ]);
  });

  it('a key that starts with / or repeats has no prefix of its own', () => {
    const panels = metricPanels(['/odd', 'loss', 'loss']);
    expect(panels).toHaveLength(1);
    expect(panels[0]!.charts.map((c) => c.name)).toEqual(['loss', '/odd']);
  });
});
