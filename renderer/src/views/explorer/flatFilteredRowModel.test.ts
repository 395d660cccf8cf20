import {
  createTable,
  getCoreRowModel,
  getFilteredRowModel,
  type ColumnDef,
  type ColumnFiltersState,
  type RowModel,
  type Table,
} from '@tanstack/react-table';
import { describe, expect, it } from 'vitest';
import { flatFilteredRowModel, idSetFilter } from './flatFilteredRowModel.js';

interface Item {
  id: number;
  group: string;
}

const columns: ColumnDef<Item>[] = [
  { id: 'id', accessorFn: (r) => r.id, filterFn: idSetFilter((r) => r.id) },
  {
    id: 'plain',
    accessorFn: (r) => r.id,
    filterFn: (row, _id, keep: Set<number>) => keep.has(row.original.id),
  },
  { id: 'group', accessorFn: (r) => r.group, filterFn: 'equalsString' },
];
const data: Item[] = Array.from({ length: 50 }, (_, id) => ({ id, group: `g${id % 3}` }));

function tableWith(
  getFiltered: (t: Table<Item>) => () => RowModel<Item>,
  columnFilters: ColumnFiltersState,
): Table<Item> {
  return createTable<Item>({
    data,
    columns,
    state: { columnFilters },
    onStateChange: () => {},
    renderFallbackValue: null,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFiltered,
  });
}

const keep = new Set(data.filter((d) => d.id % 4 !== 1).map((d) => d.id));
const cases: [string, ColumnFiltersState][] = [
  ['no filter', []],
  ['a set of ids', [{ id: 'id', value: keep }]],
  ['a set of ids through a plain filter function', [{ id: 'plain', value: keep }]],
  ['an empty set', [{ id: 'id', value: new Set() }]],
  ['a built-in filter', [{ id: 'group', value: 'g1' }]],
  [
    'two filters',
    [
      { id: 'id', value: keep },
      { id: 'group', value: 'g2' },
    ],
  ],
  [
    'two sets',
    [
      { id: 'id', value: keep },
      { id: 'plain', value: new Set([0, 1, 2, 3, 4, 5]) },
    ],
  ],
];

describe('flatFilteredRowModel', () => {
  it.each(cases)("keeps the rows react-table's does: %s", (_label, filters) => {
    const ours = tableWith(flatFilteredRowModel<Item>(), filters);
    const theirs = tableWith(getFilteredRowModel<Item>(), filters);
    const ids = (t: Table<Item>) => t.getFilteredRowModel().rows.map((r) => r.original.id);
    expect(ids(ours)).toEqual(ids(theirs));
    expect(ids(ours).length).toBeLessThanOrEqual(data.length);
    // The core model's own rows, so a sorted model can index them by row.index.
    const core = ours.getCoreRowModel().rows;
    for (const r of ours.getFilteredRowModel().rows) expect(core[r.index]).toBe(r);
  });

  it('reads the ids again for new data', () => {
    const t = tableWith(flatFilteredRowModel<Item>(), [{ id: 'id', value: new Set([1, 2]) }]);
    expect(t.getFilteredRowModel().rows.map((r) => r.original.id)).toEqual([1, 2]);
    t.setOptions((o) => ({
      ...o,
      data: [
        { id: 2, group: 'g0' },
        { id: 7, group: 'g1' },
      ],
    }));
    expect(t.getFilteredRowModel().rows.map((r) => r.original.id)).toEqual([2]);
  });
});
