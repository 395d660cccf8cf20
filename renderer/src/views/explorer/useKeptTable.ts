import {
  createTable,
  type TableOptions,
  type TableOptionsResolved,
  type Table,
  type TableState,
} from '@tanstack/react-table';
import { useEffect, useState } from 'react';

/** The last table built for each data array, while no component shows it. */
const kept = new WeakMap<object, Table<unknown>>();
const inUse = new WeakSet<Table<unknown>>();

/**
 * react-table's `useReactTable`, except that a table mounted again on the same data (coming back
 * to the explorer) takes over the last one: its 10,000 rows, ~50 closures each, are reused instead
 * of built again, and the old ones are not left to a garbage collection that lands on the next click.
 * State the component does not control starts afresh, as with a new table.
 */
export function useKeptTable<T>(options: TableOptions<T>): Table<T> {
  const [table] = useState(() => {
    const old = kept.get(options.data);
    if (old && !inUse.has(old)) return old as unknown as Table<T>;
    return createTable<T>({
      state: {},
      onStateChange: () => {},
      renderFallbackValue: null,
      ...options,
    } as TableOptionsResolved<T>);
  });
  const [state, setState] = useState<TableState>(() => table.initialState);
  table.setOptions((prev) => ({
    ...prev,
    ...options,
    state: { ...state, ...options.state },
    onStateChange: (updater) => {
      setState(updater);
      options.onStateChange?.(updater);
    },
  }));
  const data = options.data;
  useEffect(() => {
    const t = table as unknown as Table<unknown>;
    inUse.add(t);
    kept.set(data, t);
    return () => {
      inUse.delete(t);
    };
  }, [table, data]);
  return table;
}
