import { describe, expect, it } from 'vitest';
import type { ExplorerRun } from '../../../../shared/api/runRecords.js';
import {
  availableColumns,
  cellValue,
  defaultColumns,
  headlineMetrics,
  informativeParams,
  parseColumnId,
  sortFromString,
  sortToString,
} from './runColumns.js';

const run = (
  id: number,
  params: ExplorerRun['params'],
  metrics: ExplorerRun['metrics'],
  tags: ExplorerRun['tags'] = {},
) => ({ id, params, metrics, tags }) as ExplorerRun;

describe('run columns', () => {
  it('lists every key once, metrics first', () => {
    const runs = [
      run(1, { lr: 0.1 }, { loss: 1 }),
      run(2, { seed: 1, lr: 1 }, { acc: 0.5 }, { baseline: '' }),
    ];
    expect(availableColumns(runs).map((c) => c.id)).toEqual([
      'metrics.acc',
      'metrics.loss',
      'params.lr',
      'params.seed',
      'tags.baseline',
    ]);
    expect(cellValue(runs[1]!, parseColumnId('tags.baseline')!)).toBe('');
    expect(cellValue(runs[0]!, parseColumnId('params.seed')!)).toBeUndefined();
    expect(parseColumnId('params.a.b')).toEqual({ id: 'params.a.b', kind: 'params', key: 'a.b' });
    expect(parseColumnId('name')).toBeNull();
  });
  it("lists the test split's metrics before validation and training curves, and shows them by default", () => {
    const runs = [
      run(
        1,
        { lr: 0.1 },
        {
          accuracy: 0.99,
          loss: 0.1,
          val_accuracy: 0.9,
          test_accuracy: 0.8,
          test_f1_macro: 0.7,
          test_roc_auc: 0.85,
        },
      ),
    ];
    const metrics = availableColumns(runs)
      .filter((c) => c.kind === 'metrics')
      .map((c) => c.key);
    expect(metrics).toEqual([
      'test_accuracy',
      'test_f1_macro',
      'test_roc_auc',
      'val_accuracy',
      'accuracy',
      'loss',
    ]);
    expect(defaultColumns(runs).slice(0, 3)).toEqual([
      'metrics.test_accuracy',
      'metrics.test_f1_macro',
      'metrics.test_roc_auc',
    ]);
  });
  it('shows by default the params that differ across the runs, not constant or near-constant ones', () => {
    const runs = Array.from({ length: 20 }, (_, i) =>
      run(
        i + 1,
        {
          lr: 10 ** -(1 + (i % 4)),
          optimizer: i % 2 ? 'adam' : 'sgd',
          epochs: 20,
          // 19 of 20 runs at 32: near-constant.
          batch_size: i === 0 ? 64 : 32,
          // Only one run has it: near-constant too.
          ...(i === 3 ? { dropout: 0.2 } : {}),
          // Half the runs have it, with two values: it tells them apart.
          ...(i % 2 ? { hidden: i % 4 === 1 ? 64 : 128 } : {}),
          // Half the runs have it, always the same: it only says which runs have it.
          ...(i % 2 ? { momentum: 0.9 } : {}),
        },
        { test_accuracy: 0.9, loss: 0.1, val_accuracy: 0.8 },
      ),
    );
    expect(informativeParams(runs)).toEqual(['hidden', 'lr', 'optimizer']);
    expect(defaultColumns(runs)).toEqual([
      'metrics.test_accuracy',
      'params.hidden',
      'params.lr',
      'params.optimizer',
    ]);
    // One run: nothing differs, so its params show.
    expect(defaultColumns(runs.slice(0, 1))).toEqual([
      'metrics.test_accuracy',
      'params.batch_size',
      'params.epochs',
      'params.lr',
      'params.optimizer',
    ]);
  });
  it("picks each run's headline metrics: the test split's, else the last validation epoch's, else training", () => {
    const runs = [
      run(1, {}, { test_roc_auc: 0.8, test_accuracy: 0.9, test_f1_macro: 0.85, accuracy: 0.99 }),
      // A script's run without a test split: its validation accuracy and loss.
      run(2, {}, { val_accuracy: 0.7, val_loss: 0.4, accuracy: 0.9, loss: 0.1 }),
      // Only training curves.
      run(3, {}, { loss: 0.3, 'system/process_rss_megabytes': 80 }),
    ];
    // A script's own names: its validation curves, not its system metrics.
    expect(headlineMetrics([run(4, {}, { val_acc: 0.8, 'system/cpu': 3, acc: 0.9 })])).toEqual([
      'val_acc',
    ]);
    expect(headlineMetrics(runs)).toEqual([
      'test_accuracy',
      'test_f1_macro',
      'test_roc_auc',
      'val_accuracy',
      'val_loss',
      'loss',
    ]);
    expect(defaultColumns(runs).filter((c) => c.startsWith('metrics.'))).toEqual([
      'metrics.test_accuracy',
      'metrics.test_f1_macro',
      'metrics.test_roc_auc',
      'metrics.val_accuracy',
    ]);
  });
  it('round-trips sort strings', () => {
    expect(sortFromString(sortToString({ id: 'metrics.loss', desc: true }))).toEqual([
      { id: 'metrics.loss', desc: true },
    ]);
    expect(sortFromString('')).toEqual([]);
  });
});
