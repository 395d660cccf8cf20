import { basename } from 'node:path';
import { readColumnarCache, isColumnarCache } from './columnarCache.js';
import { finishColumn, type FinishedColumn } from './finishColumns.js';
import { readTable } from './readers/readTable.js';

/** A table as rows of text under its header: what training, drift and prediction read. */
export interface Table {
  header: string[];
  rows: string[][];
  delimiter: string;
}

/** Rows of text from finished columns: numbers in their shortest form, missing as ''. */
export function columnsToTable(
  columns: readonly FinishedColumn[],
  rows: number,
  delimiter = ',',
): Table {
  const out: string[][] = Array.from({ length: rows }, () => new Array<string>(columns.length));
  columns.forEach((c, j) => {
    if (c.type === 'numeric') {
      for (let i = 0; i < rows; i++) {
        const x = c.nums[i]!;
        out[i]![j] = Number.isNaN(x) ? '' : String(x);
      }
    } else {
      for (let i = 0; i < rows; i++) {
        const code = c.codes[i]!;
        out[i]![j] = code < 0 ? '' : c.values[code]!;
      }
    }
  });
  return { header: columns.map((c) => c.name), rows: out, delimiter };
}

/**
 * The table training, drift and prediction read: a stored version's columnar cache when the
 * path is one, else any file Benchtop can import (CSV, JSON, Parquet, Arrow, gzip).
 */
export async function loadTable(path: string, fileName = basename(path)): Promise<Table> {
  const { rows, columns, delimiter } = await loadColumns(path, fileName);
  return columnsToTable(columns, rows, delimiter);
}

/**
 * The same data as finished columns (Float64 numbers, dictionary codes), no text rows: what drift
 * reads, so numbers in the columnar cache are never formatted and parsed again.
 */
export async function loadColumns(
  path: string,
  fileName = basename(path),
): Promise<{ rows: number; columns: FinishedColumn[]; delimiter: string }> {
  if (isColumnarCache(path)) return { ...readColumnarCache(path), delimiter: ',' };
  const read = await readTable(path, fileName);
  const columns = read.builder.columns.map((c) => finishColumn(c, undefined, []));
  return { rows: read.builder.rows, columns, delimiter: read.delimiter ?? ',' };
}
