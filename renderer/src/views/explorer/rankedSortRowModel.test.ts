import {
  createTable,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  type ColumnDef,
  type ColumnFiltersState,
  type RowModel,
  type SortingState,
  type Table,
} from '@tanstack/react-table';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../shared/random.js';
import { rankedSortRowModel } from './rankedSortRowModel.js';
import { compareValues } from './runColumns.js';

interface Item {
  id: number;
  num?: number;
  mixed?: number | string;
  name: string;
  tag?: string;
}

const byValue = (a: unknown, b: unknown) =>
  compareValues(a as number | string, b as number | string);

const columns: ColumnDef<Item>[] = [
  {
    id: 'num',
    accessorFn: (r) => r.num,
    sortUndefined: 'last',
    sortingFn: (a, b, id) => byValue(a.getValue(id), b.getValue(id)),
  },
  {
    id: 'mixed',
    accessorFn: (r) => r.mixed,
    sortUndefined: 'first',
    sortingFn: (a, b, id) => byValue(a.getValue(id), b.getValue(id)),
  },
  // No comparator of its own: ranked with react-table's automatic sorting function.
  // react-table's default for missing values (sortUndefined 1: above every value, so the direction flips it).
  { id: 'tag', accessorFn: (r) => r.tag },
  {
    id: 'name',
    accessorFn: (r) => r.name,
    filterFn: (row, _id, keep: Set<number>) => keep.has(row.original.id),
  },
];

function items(n: number): Item[] {
  const random = mulberry32(7);
  return Array.from({ length: n }, (_, id) => ({
    id,
    // Few distinct values, so ties are common; some missing.
    num: random() < 0.15 ? undefined : Math.round(random() * 20) / 4,
    mixed: random() < 0.1 ? undefined : random() < 0.3 ? `v${Math.floor(random() * 9)}` : random(),
    name: `run-${Math.floor(random() * 50)}`,
    tag: random() < 0.3 ? undefined : `t${Math.floor(random() * 5)}`,
  }));
}

function tableWith(
  data: Item[],
  getSorted: (t: Table<Item>) => () => RowModel<Item>,
): (sorting: SortingState, filters: ColumnFiltersState) => Item[] {
  let state = { sorting: [] as SortingState, columnFilters: [] as ColumnFiltersState };
  const table = createTable<Item>({
    data,
    columns,
    state,
    onStateChange: () => {},
    renderFallbackValue: null,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSorted,
  });
  return (sorting, columnFilters) => {
    state = { ...table.initialState, sorting, columnFilters };
    table.setOptions((o) => ({ ...o, state }));
    return table.getRowModel().rows.map((r) => r.original);
  };
}

const data = items(400);
const ours = tableWith(
  data,
  rankedSortRowModel<Item>((id) => (id === 'name' || id === 'tag' ? undefined : byValue)),
);
const theirs = tableWith(data, getSortedRowModel());
const keep = new Set(data.filter((d) => d.id % 3 !== 0).map((d) => d.id));

const cases: [string, SortingState, ColumnFiltersState][] = [
  ['numbers ascending', [{ id: 'num', desc: false }], []],
  ['numbers descending', [{ id: 'num', desc: true }], []],
  ['mixed, missing first', [{ id: 'mixed', desc: false }], []],
  ['mixed descending', [{ id: 'mixed', desc: true }], []],
  ['text by react-table', [{ id: 'name', desc: false }], []],
  ["missing values by react-table's default, ascending", [{ id: 'tag', desc: false }], []],
  ["missing values by react-table's default, descending", [{ id: 'tag', desc: true }], []],
  ['filtered', [{ id: 'num', desc: true }], [{ id: 'name', value: keep }]],
  [
    'two keys',
    [
      { id: 'name', desc: true },
      { id: 'num', desc: false },
    ],
    [],
  ],
];

describe('rankedSortRowModel', () => {
  it.each(cases)('orders like react-table: %s', (_label, sorting, filters) => {
    const got = ours(sorting, filters);
    const want = theirs(sorting, filters);
    expect(got.map((r) => r.id).sort((a, b) => a - b)).toEqual(
      want.map((r) => r.id).sort((a, b) => a - b),
    );
    // react-table's comparator is inconsistent between two missing values, so the order of
    // missing rows is its sort's accident; ours keeps them by index. Everything else matches.
    const key = (r: Item) => sorting.map((s) => String(r[s.id as keyof Item])).join('|');
    expect(got.map(key)).toEqual(want.map(key));
    const defined = (rows: Item[]) =>
      rows
        .filter((r) => sorting.every((s) => r[s.id as keyof Item] !== undefined))
        .map((r) => r.id);
    expect(defined(got)).toEqual(defined(want));
  });

  it('breaks ties by row index, and keeps missing values in index order', () => {
    const got = ours([{ id: 'num', desc: true }], []);
    for (let i = 1; i < got.length; i++) {
      if (got[i]!.num === got[i - 1]!.num) expect(got[i]!.id).toBeGreaterThan(got[i - 1]!.id);
    }
    expect(got.at(-1)!.num).toBeUndefined();
  });

  it('ranks again for new data, and shares ranks between tables on the same data', () => {
    const model = rankedSortRowModel<Item>(() => byValue);
    const sort: SortingState = [{ id: 'num', desc: false }];
    const first: Item[] = [
      { id: 0, num: 3, name: 'a' },
      { id: 1, num: 1, name: 'b' },
    ];
    expect(tableWith(first, model)(sort, []).map((r) => r.id)).toEqual([1, 0]);
    expect(tableWith(first, model)(sort, []).map((r) => r.id)).toEqual([1, 0]);
    const second = first.map((r) => ({ ...r, num: 10 - r.num! }));
    expect(tableWith(second, model)(sort, []).map((r) => r.id)).toEqual([0, 1]);
  });

  it('follows the data when it changes', () => {
    const small = tableWith(
      [
        { id: 0, num: 3, name: 'a' },
        { id: 1, num: 1, name: 'b' },
      ],
      rankedSortRowModel<Item>(() => byValue),
    );
    expect(small([{ id: 'num', desc: false }], []).map((r) => r.id)).toEqual([1, 0]);
  });
});
