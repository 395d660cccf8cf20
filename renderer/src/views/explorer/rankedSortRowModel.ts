import {
  getSortedRowModel,
  memo,
  type Column,
  type Row,
  type RowModel,
  type SortingState,
  type Table,
} from '@tanstack/react-table';
import { textSortKey } from './textSortKey.js';

/** Orders two cell values (neither undefined); a column with one sorts without react-table's per-pair calls. */
export type ValueComparator = (a: unknown, b: unknown) => number;

/** The rank of a row whose value is undefined (kept first or last whatever the direction). */
const MISSING = -1;

interface SortKey {
  ranks: Int32Array;
  desc: boolean;
  missingFirst: boolean;
}

/**
 * react-table's sorted row model, made fast for flat rows (10,000 runs): each column's order over
 * every row is computed once per data as an integer rank per row, and each direction's order of
 * all rows once from those, so a sort, its reversal or a new filter only walks a cached order.
 * Same order as react-table's (undefined first or last by `sortUndefined`, ties by row index);
 * grouped rows and inverted columns use react-table's.
 */
export function rankedSortRowModel<T>(
  comparatorOf: (columnId: string) => ValueComparator | undefined,
): (table: Table<T>) => () => RowModel<T> {
  // Per data array (row i is data[i]), so a table mounted again on the same data keeps its ranks.
  const ranksByData = new WeakMap<readonly T[], Map<string, Int32Array>>();
  return (table) => {
    const general = getSortedRowModel<T>()(table);

    const ranksOf = (column: Column<T, unknown>): Int32Array => {
      const data = table.options.data;
      let ranks = ranksByData.get(data);
      if (!ranks) ranksByData.set(data, (ranks = new Map()));
      let r = ranks.get(column.id);
      if (!r) {
        r = rankRows(data, table.getCoreRowModel().rows, column, comparatorOf(column.id));
        ranks.set(column.id, r);
      }
      return r;
    };

    const keyOf = (column: Column<T, unknown>, desc: boolean): SortKey => ({
      ranks: ranksOf(column),
      desc,
      missingFirst: column.columnDef.sortUndefined === 'first',
    });

    warmers.set(table as Table<unknown>, (columnId) => {
      const column = table.getColumn(columnId);
      if (column?.getCanSort()) orderOf(keyOf(column, column.getFirstSortDir() === 'desc'));
    });

    const flat = memo(
      () => [table.getState().sorting, table.getPreSortedRowModel()] as const,
      (sorting: SortingState, pre: RowModel<T>): RowModel<T> | null => {
        if (!pre.rows.length || !sorting.length) return pre;
        const all = table.getCoreRowModel().rows;
        const columns = sorting
          .map((s) => ({ s, column: table.getColumn(s.id) }))
          .filter((c): c is { s: (typeof sorting)[number]; column: Column<T, unknown> } =>
            Boolean(c.column?.getCanSort()),
          );
        const simple =
          columns.every(({ column }) => {
            const u = column.columnDef.sortUndefined;
            return (
              !column.columnDef.invertSorting &&
              (u === undefined ||
                u === false ||
                u === 'first' ||
                u === 'last' ||
                u === 1 ||
                u === -1)
            );
          }) && pre.rows.every((r) => r.depth === 0 && !r.subRows.length && all[r.index] === r);
        if (!simple) return null;
        const keys = columns.map(({ s, column }) => keyOf(column, s.desc));
        const rows =
          keys.length === 1
            ? rowsInOrder(pre.rows, all, orderOf(keys[0]!))
            : pre.rows.slice().sort((a, b) => compareRanks(keys, a.index, b.index));
        return { rows, flatRows: rows, rowsById: pre.rowsById };
      },
      { key: false },
    );
    return () => flat() ?? general();
  };
}

const warmers = new WeakMap<Table<unknown>, (columnId: string) => void>();

/** Ranks a column ahead of its first sort (when the browser is idle), so the click only sorts. */
export function prepareSort<T>(table: Table<T>, columnId: string): void {
  warmers.get(table as Table<unknown>)?.(columnId);
}

function compareRanks(keys: SortKey[], a: number, b: number): number {
  for (const k of keys) {
    const ra = k.ranks[a]!;
    const rb = k.ranks[b]!;
    if (ra === rb) continue;
    if (ra === MISSING) return k.missingFirst ? -1 : 1;
    if (rb === MISSING) return k.missingFirst ? 1 : -1;
    return k.desc ? rb - ra : ra - rb;
  }
  return a - b;
}

/** Each key's order of every row, per ranks (so per data and column): a sort's or filter's click only walks it. */
const ordersByRanks = new WeakMap<Int32Array, Map<string, Int32Array>>();

/**
 * One key's order of all row indices: each row becomes the number `position × n + row index`
 * (position: its rank, reversed when descending, missing values first or last), so a native
 * typed-array sort does the work.
 */
function orderOf(k: SortKey): Int32Array {
  let orders = ordersByRanks.get(k.ranks);
  if (!orders) ordersByRanks.set(k.ranks, (orders = new Map()));
  const id = `${k.desc}|${k.missingFirst}`;
  const cached = orders.get(id);
  if (cached) return cached;
  const n = k.ranks.length;
  let top = 0;
  for (const r of k.ranks) if (r > top) top = r;
  const keys = new Float64Array(n);
  for (let index = 0; index < n; index++) {
    const rank = k.ranks[index]!;
    const position =
      rank === MISSING ? (k.missingFirst ? 0 : top + 2) : 1 + (k.desc ? top - rank : rank);
    keys[index] = position * n + index;
  }
  keys.sort();
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = keys[i]! % n;
  orders.set(id, order);
  return order;
}

/** The rows shown (distinct rows of `all`), in `order`. */
function rowsInOrder<T>(rows: Row<T>[], all: Row<T>[], order: Int32Array): Row<T>[] {
  if (rows.length === all.length) return Array.from(order, (i) => all[i]!);
  const shown = new Uint8Array(all.length);
  for (const r of rows) shown[r.index] = 1;
  const out: Row<T>[] = [];
  for (const i of order) if (shown[i]) out.push(all[i]!);
  return out;
}

/**
 * Each row's rank in the column's ascending order (equal values share a rank). Undefined values,
 * when `sortUndefined` places them: MISSING for 'first' / 'last' (whatever the direction), and
 * above (1) or below (-1) every value for react-table's numeric form (which the direction flips).
 */
function rankRows<T>(
  data: readonly T[],
  rows: Row<T>[],
  column: Column<T, unknown>,
  compare: ValueComparator | undefined,
): Int32Array {
  const get = column.accessorFn;
  // From the data itself where the column has an accessor (row i is data[i]): react-table's rows
  // carry ~50 properties each, so reading `original` off 10,000 of them is slow.
  const values = get ? data.map((d, i) => get(d, i)) : rows.map((r) => r.getValue(column.id));
  const placement = column.columnDef.sortUndefined;
  const apart = placement !== undefined && placement !== false;
  const order: number[] = [];
  for (let i = 0; i < values.length; i++) if (!apart || values[i] !== undefined) order.push(i);
  const ranks =
    compare && order.every((i) => typeof values[i] === 'number')
      ? rankNumbers(values as (number | undefined)[], order)
      : rankByComparison(rows, column, compare, values, order);
  if (placement === 1 || placement === -1) {
    let top = -1;
    for (const r of ranks) if (r > top) top = r;
    for (let i = 0; i < ranks.length; i++) {
      if (ranks[i] === MISSING) ranks[i] = placement === 1 ? top + 1 : 0;
      else if (placement === -1) ranks[i]! += 1;
    }
  }
  return ranks;
}

function rankByComparison<T>(
  rows: Row<T>[],
  column: Column<T, unknown>,
  compare: ValueComparator | undefined,
  values: unknown[],
  order: number[],
): Int32Array {
  let same: (i: number, j: number) => number;
  if (compare) {
    same = (i, j) => compare(values[i], values[j]);
  } else {
    const fn = column.getSortingFn();
    const key = textSortKey(fn);
    if (key) return rankByKey(values, order, key);
    same = (i, j) => fn(rows[i]!, rows[j]!, column.id);
  }
  order.sort(same);
  const ranks = new Int32Array(rows.length).fill(MISSING);
  let rank = 0;
  for (let k = 0; k < order.length; k++) {
    if (k > 0 && same(order[k - 1]!, order[k]!) !== 0) rank++;
    ranks[order[k]!] = rank;
  }
  return ranks;
}

/** Ranks by a string key per value whose plain order is the column's (see textSortKey). */
function rankByKey(
  values: unknown[],
  order: number[],
  key: (value: unknown) => string,
): Int32Array {
  const keys = new Map<unknown, string>();
  for (const i of order) if (!keys.has(values[i])) keys.set(values[i], key(values[i]));
  const rankOfKey = new Map<string, number>();
  for (const k of [...new Set(keys.values())].sort()) rankOfKey.set(k, rankOfKey.size);
  const ranks = new Int32Array(values.length).fill(MISSING);
  for (const i of order) ranks[i] = rankOfKey.get(keys.get(values[i])!)!;
  return ranks;
}

/** Ranks of numbers (the rows in `order`, all numbers): a native sort of the distinct values, then a binary search each; NaN ranks last. */
function rankNumbers(values: (number | undefined)[], order: number[]): Int32Array {
  const sorted = Float64Array.from(order, (i) => values[i]!).sort();
  const distinct: number[] = [];
  for (const v of sorted)
    if (!Number.isNaN(v) && v !== distinct[distinct.length - 1]) distinct.push(v);
  const ranks = new Int32Array(values.length).fill(MISSING);
  for (const i of order) {
    const v = values[i]!;
    if (Number.isNaN(v)) {
      ranks[i] = distinct.length;
      continue;
    }
    let lo = 0;
    let hi = distinct.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (distinct[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    ranks[i] = lo;
  }
  return ranks;
}
