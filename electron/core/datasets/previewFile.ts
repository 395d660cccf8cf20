import type { Preview } from '../../../shared/api/datasets.js';
import { finishColumn } from './finishColumns.js';
import { columnsToTable } from './loadTable.js';
import { readTable } from './readers/readTable.js';

export const PREVIEW_ROWS = 100;

/** The first rows of a file with the types inferred from them: what the drop dialog shows before importing. */
export async function previewFile(
  path: string,
  fileName: string,
  options: { delimiter?: string | undefined; noHeader?: boolean | undefined },
): Promise<Preview> {
  const read = await readTable(path, fileName, {
    ...options,
    maxRows: PREVIEW_ROWS,
    skipBadLines: true,
  });
  const warnings = [...read.warnings];
  const columns = read.builder.columns.map((c) => finishColumn(c, undefined, warnings));
  const table = columnsToTable(columns, read.builder.rows);
  return {
    file_name: fileName,
    format: read.format,
    encoding: read.encoding,
    delimiter: read.delimiter,
    columns: columns.map(({ name, type }) => ({ name, type })),
    rows: read.rawRows.length ? read.rawRows : table.rows,
    warnings,
  };
}
