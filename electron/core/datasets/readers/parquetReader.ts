import {
  parquetMetadataAsync,
  parquetRead,
  parquetSchema,
  type AsyncBuffer,
  type ColumnData,
  type FileMetaData,
  type RowGroup,
} from 'hyparquet';
import { UserError } from '../../userError.js';
import { TableBuilder } from '../tableBuilder.js';
import { checkChunkPages, chunkRange } from './parquetPages.js';

/** A row group's columns are decoded together up to this many compressed bytes, then the next ones. */
const BATCH_BYTES = 64 << 20;

export interface ParquetHooks {
  /** Stop after this many rows (the preview). */
  maxRows?: number | undefined;
  /** Before each row group, with its row count (to make room for it). */
  beforeGroup?: (builder: TableBuilder, groupRows: number) => void;
  /** After each row group: the rows so far are in the builder; `readTo` is the furthest byte of the file it used. */
  afterGroup?: (builder: TableBuilder, readTo: number) => Promise<void> | void;
}

interface CachedRange {
  start: number;
  end: number;
  bytes: ArrayBuffer;
}

/**
 * A Parquet file (hyparquet) read row group by row group through byte ranges, so only one row
 * group's columns (at most BATCH_BYTES of them compressed at a time) are ever decoded in memory.
 * Every column chunk's page headers are checked (parquetPages.ts) before hyparquet decodes it.
 */
export async function readParquet(
  file: AsyncBuffer,
  fileName: string,
  hooks: ParquetHooks = {},
): Promise<TableBuilder> {
  const invalid = (e: unknown) =>
    e instanceof UserError
      ? e
      : new UserError(`${fileName} is not a valid Parquet file (${(e as Error).message})`);
  let metadata: FileMetaData;
  let names: string[];
  try {
    metadata = await parquetMetadataAsync(file);
    names = parquetSchema(metadata).children.map((c) => c.element.name);
  } catch (e) {
    throw invalid(e);
  }
  const builder = new TableBuilder(names);
  const index = new Map(names.map((n, i) => [n, i]));
  const limit = hooks.maxRows ?? Infinity;
  let start = 0;
  for (const group of metadata.row_groups) {
    if (start >= limit) break;
    const groupRows = Number(group.num_rows);
    if (!Number.isSafeInteger(groupRows) || groupRows < 0)
      throw invalid(new Error('a row group has no valid row count'));
    const end = Math.min(start + groupRows, limit);
    hooks.beforeGroup?.(builder, end - start);
    const next = names.map(() => start);
    let readTo = 0;
    for (const batch of batches(group, file.byteLength, fileName)) {
      const cached: CachedRange[] = [];
      for (const { start: from, end: to } of batch.ranges) {
        const bytes = await file.slice(from, to);
        checkChunkPages(bytes, fileName);
        cached.push({ start: from, end: to, bytes });
        readTo = Math.max(readTo, to);
      }
      const chunks: ColumnData[] = [];
      try {
        await parquetRead({
          file: servedFrom(file, cached),
          metadata,
          columns: batch.columns,
          rowStart: start,
          rowEnd: end,
          onChunk: (c) => chunks.push(c),
        });
      } catch (e) {
        throw invalid(e);
      }
      chunks.sort((a, b) => a.rowStart - b.rowStart);
      for (const chunk of chunks) {
        const c = index.get(chunk.columnName);
        if (c === undefined) continue;
        const col = builder.columns[c]!;
        const to = Math.min(chunk.rowEnd, end);
        for (let r = Math.max(chunk.rowStart, next[c]!); r < to; r++)
          col.pushValue(chunk.columnData[r - chunk.rowStart]);
        next[c] = Math.max(next[c]!, to);
      }
    }
    const short = next.findIndex((n) => n !== end);
    if (short >= 0)
      throw new UserError(`${fileName}: column ${names[short]} of a row group could not be read`);
    builder.rows = end;
    start += groupRows;
    await hooks.afterGroup?.(builder, readTo);
  }
  return builder;
}

/** A row group's top-level columns in runs of at most BATCH_BYTES compressed (always at least one column). */
function* batches(
  group: RowGroup,
  fileBytes: number,
  fileName: string,
): Generator<{ columns: string[]; ranges: { start: number; end: number }[] }> {
  const byColumn = new Map<string, { start: number; end: number }[]>();
  for (const chunk of group.columns) {
    const range = chunkRange(chunk, fileBytes, fileName);
    const name = chunk.meta_data!.path_in_schema[0];
    if (name === undefined)
      throw new UserError(
        `${fileName} is not a valid Parquet file (a column chunk has no column name)`,
      );
    const list = byColumn.get(name) ?? [];
    list.push(range);
    byColumn.set(name, list);
  }
  let columns: string[] = [];
  let ranges: { start: number; end: number }[] = [];
  let bytes = 0;
  for (const [name, list] of byColumn) {
    const size = list.reduce((s, r) => s + r.end - r.start, 0);
    if (columns.length && bytes + size > BATCH_BYTES) {
      yield { columns, ranges };
      columns = [];
      ranges = [];
      bytes = 0;
    }
    columns.push(name);
    ranges.push(...list);
    bytes += size;
  }
  if (columns.length) yield { columns, ranges };
}

/** Serves hyparquet the column chunks already read and checked; anything else comes from the file. */
function servedFrom(file: AsyncBuffer, cached: CachedRange[]): AsyncBuffer {
  return {
    byteLength: file.byteLength,
    slice(start, end = file.byteLength) {
      const hit = cached.find((c) => c.start <= start && end <= c.end);
      if (!hit) return file.slice(start, end);
      return start === hit.start && end === hit.end
        ? hit.bytes
        : hit.bytes.slice(start - hit.start, end - hit.start);
    },
  };
}
