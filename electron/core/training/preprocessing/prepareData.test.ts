import { describe, expect, it } from 'vitest';
import type { Table } from '../../datasets/loadTable.js';
import { prepareData } from './prepareData.js';
import { transformRows } from './transform.js';
import { inputNames } from './preprocessSpec.js';

const split = { testSize: 0.2, valFraction: 0.25, seed: 1 };

function table(header: string[], rows: string[][]): Table {
  return { header, rows, delimiter: ',' };
}

/** 40 rows: a number with gaps, a colour, a date, a label that follows the number. */
function mixed(): Table {
  const colours = ['red', 'green', 'blue'];
  return table(
    ['x', 'colour', 'when', 'notes', 'label'],
    Array.from({ length: 40 }, (_, i) => [
      i % 7 === 0 ? '' : String(i),
      i % 5 === 0 ? 'NA' : colours[i % 3]!,
      `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
      '',
      i < 20 ? 'lo' : 'hi',
    ]),
  );
}
const columns = [
  { name: 'x', type: 'numeric' as const },
  { name: 'colour', type: 'categorical' as const },
  { name: 'when', type: 'datetime' as const },
  { name: 'notes', type: 'numeric' as const },
];

describe('prepareData', () => {
  it('fits on the training split only: imputes, standardises, one-hots with an other bucket, turns dates into numbers', () => {
    const data = prepareData(mixed(), 'label', 'binary', columns, split);
    expect(data.spec.classes).toEqual(['hi', 'lo']);
    expect(data.rows).toEqual({ train: 24, val: 8, test: 8 });
    expect(inputNames(data.spec)).toEqual([
      'x',
      'colour=blue',
      'colour=green',
      'colour=red',
      'colour=<other>',
      'when',
    ]);
    expect(data.spec.dropped).toEqual([
      { name: 'notes', reason: 'all values missing in the training split' },
    ]);
    const x = data.spec.steps[0]!;
    expect(x.kind === 'numeric' && Number.isFinite(x.fill) && x.std > 0).toBe(true);
    // Standardised on training rows: the training column has mean 0.
    const train = data.x.train;
    let sum = 0;
    for (let r = 0; r < data.rows.train; r++) sum += train[r * data.width]!;
    expect(Math.abs(sum / data.rows.train)).toBeLessThan(1e-6);
  });

  it('sends a category never seen in training to the other column, and a missing one to the most frequent', () => {
    const data = prepareData(mixed(), 'label', 'binary', columns, split);
    const fresh = table(
      ['x', 'colour', 'when'],
      [
        ['3', 'purple', '2024-02-01'],
        ['3', '', '2024-02-01'],
      ],
    );
    const x = transformRows(data.spec, fresh, [0, 1]);
    expect(Array.from(x.slice(1, 5))).toEqual([0, 0, 0, 1]);
    const colour = data.spec.steps[1]!;
    const fillAt = colour.kind === 'categorical' ? colour.categories.indexOf(colour.fill) : -1;
    expect(x[data.width + 1 + fillAt]).toBe(1);
  });

  it('prediction data without a feature column names it', () => {
    const data = prepareData(mixed(), 'label', 'binary', columns, split);
    const lacking = table(['x', 'when'], [['1', '2024-01-01']]);
    expect(() => transformRows(data.spec, lacking, [0], 'new.csv')).toThrow(
      'new.csv has no column "colour", which the model needs',
    );
  });

  it('bad targets: one class, constant, non-numeric for regression, no values', () => {
    const rows = (f: (i: number) => string) =>
      table(
        ['x', 'y'],
        Array.from({ length: 20 }, (_, i) => [String(i), f(i)]),
      );
    const x = [{ name: 'x', type: 'numeric' as const }];
    expect(() =>
      prepareData(
        rows(() => 'a'),
        'y',
        'binary',
        x,
        split,
      ),
    ).toThrow('target "y" has only one class; nothing to learn');
    expect(() =>
      prepareData(
        rows(() => '5'),
        'y',
        'regression',
        x,
        split,
      ),
    ).toThrow('target "y" is constant; nothing to learn');
    expect(() =>
      prepareData(
        rows((i) => (i === 3 ? 'n/a?' : String(i))),
        'y',
        'regression',
        x,
        split,
      ),
    ).toThrow('target "y" has the non-number "n/a?" in row 5; regression needs numbers');
    expect(() =>
      prepareData(
        rows(() => ''),
        'y',
        'regression',
        x,
        split,
      ),
    ).toThrow('target "y" has no values');
  });

  it('a feature column that is all missing is dropped; with nothing left the message lists why', () => {
    const t = table(
      ['empty', 'y'],
      Array.from({ length: 20 }, (_, i) => ['', String(i % 2)]),
    );
    expect(() =>
      prepareData(t, 'y', 'binary', [{ name: 'empty', type: 'numeric' }], split),
    ).toThrow(
      'no usable feature columns besides "y" (dropped: empty: all values missing in the training split)',
    );
  });
});
