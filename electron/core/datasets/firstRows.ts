import type { DatasetRows } from '../../../shared/api/datasets.js';
import { isColumnarCache, readColumnarCache } from './columnarCache.js';
import { columnsToTable, loadTable } from './loadTable.js';

/** A stored version's first `limit` rows as text: the dataset page's sample of rows. */
export async function firstRows(storagePath: string, limit: number): Promise<DatasetRows> {
  if (isColumnarCache(storagePath)) {
    const { rows, columns } = readColumnarCache(storagePath);
    // Only the shown rows become text; the cache's numbers stay typed arrays.
    const table = columnsToTable(columns, Math.min(rows, limit));
    return { columns: table.header, rows: table.rows, total: rows };
  }
  const table = await loadTable(storagePath);
  return { columns: table.header, rows: table.rows.slice(0, limit), total: table.rows.length };
}
