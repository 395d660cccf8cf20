import { describe, expect, it } from 'vitest';
import type { ExplorerRun } from '../../../../shared/api/runRecords.js';
import {
  availableColumns,
  cellValue,
  defaultColumns,
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
    expect(defaultColumns(availableColumns(runs)).slice(0, 3)).toEqual([
      'metrics.test_accuracy',
      'metrics.test_f1_macro',
      'metrics.test_roc_auc',
    ]);
  });
  it('round-trips sort strings', () => {
    expect(sortFromString(sortToString({ id: 'metrics.loss', desc: true }))).toEqual([
      { id: 'metrics.loss', desc: true },
    ]);
    expect(sortFromString('')).toEqual([]);
  });
});
