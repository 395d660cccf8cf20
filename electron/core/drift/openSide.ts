import type { ColumnType } from '../../../shared/domain.js';
import { isColumnarCache, readCacheColumn, readColumnarLayout } from '../datasets/columnarCache.js';
import type { FinishedColumn } from '../datasets/finishColumns.js';
import type { DriftJob } from '../jobs/protocol.js';
import type { NumberSource } from './numberSource.js';

/** One side of a drift check: its columns by name, each read only when it is asked for. */
export interface DriftSide {
  rows: number;
  names: readonly string[];
  /** The types the dataset's profile stored (what decides how a column is compared). */
  types: ReadonlyMap<string, ColumnType>;
  column(name: string): FinishedColumn;
  /** A Float64 column of a columnar cache, left where it is for the thread that tests it; else null. */
  numbers(name: string): NumberSource | null;
}

/**
 * Opens one side: a stored version's columnar cache by its manifest alone (each column is read
 * from its place in the file when asked for, numbers never parsed again), any other file whole.
 */
export async function openSide(spec: DriftJob['reference']): Promise<DriftSide> {
  const types = new Map(spec.columns.map((c) => [c.name, c.type]));
  if (isColumnarCache(spec.path)) {
    const layout = readColumnarLayout(spec.path);
    const names = layout.columns.map((c) => c.name);
    return {
      rows: layout.rows,
      names,
      types,
      column: (name) => readCacheColumn(spec.path, layout, names.indexOf(name)),
      numbers(name) {
        const c = layout.columns[names.indexOf(name)];
        if (c?.type !== 'numeric') return null;
        const { dataStart, rows } = layout;
        return { kind: 'cache', path: spec.path, dataStart, offset: c.offset, rows };
      },
    };
  }
  // The file readers (CSV, Parquet, Arrow…) only for a file that is not a cache.
  const { loadColumns } = await import('../datasets/loadTable.js');
  const { rows, columns } = await loadColumns(spec.path, spec.fileName);
  const names = columns.map((c) => c.name);
  return {
    rows,
    names,
    types,
    column: (name) => columns[names.indexOf(name)]!,
    numbers: () => null,
  };
}
