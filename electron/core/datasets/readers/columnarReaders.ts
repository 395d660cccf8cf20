import { parquetMetadata, parquetRead, parquetSchema, type ColumnData } from 'hyparquet';
import { UserError } from '../../userError.js';
import { TableBuilder } from '../tableBuilder.js';
import { decodeArrowInWorker } from './arrowInWorker.js';
import { checkParquetPages } from './parquetPages.js';

/** A Parquet file (hyparquet), read row group by row group into the builder. */
export async function readParquet(bytes: Uint8Array, fileName: string, onRows: (rows: number) => void): Promise<TableBuilder> {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let metadata;
  try {
    metadata = parquetMetadata(file);
  } catch (e) {
    throw new UserError(`${fileName} is not a valid Parquet file (${(e as Error).message})`);
  }
  checkParquetPages(file, metadata, fileName);
  const names = parquetSchema(metadata).children.map((c) => c.element.name);
  const builder = new TableBuilder(names);
  const index = new Map(names.map((n, i) => [n, i]));
  let start = 0;
  // One row group at a time, column by column: hyparquet decodes each group once.
  for (const group of metadata.row_groups) {
    const end = start + Number(group.num_rows);
    const chunks: ColumnData[] = [];
    try {
      await parquetRead({ file, metadata, rowStart: start, rowEnd: end, onChunk: (c) => chunks.push(c) });
    } catch (e) {
      throw new UserError(`${fileName} is not a valid Parquet file (${(e as Error).message})`);
    }
    const next = names.map(() => start);
    chunks.sort((a, b) => a.rowStart - b.rowStart);
    for (const chunk of chunks) {
      const c = index.get(chunk.columnName);
      if (c === undefined) continue;
      const col = builder.columns[c]!;
      const to = Math.min(chunk.rowEnd, end);
      for (let r = Math.max(chunk.rowStart, next[c]!); r < to; r++) col.pushValue(chunk.columnData[r - chunk.rowStart]);
      next[c] = Math.max(next[c]!, to);
    }
    const short = next.findIndex((n) => n !== end);
    if (short >= 0) throw new UserError(`${fileName}: column ${names[short]} of a row group could not be read`);
    builder.rows = end;
    start = end;
    onRows(builder.rows);
  }
  return builder;
}

/** An Arrow IPC file or stream (apache-arrow), decoded in a watched worker thread. */
export async function readArrow(bytes: Uint8Array, fileName: string): Promise<TableBuilder> {
  const table = await decodeArrowInWorker(bytes, fileName);
  const builder = new TableBuilder(table.names);
  table.columns.forEach((values, c) => {
    const col = builder.columns[c]!;
    for (const value of values) col.pushValue(value);
  });
  builder.rows = table.rows;
  return builder;
}
