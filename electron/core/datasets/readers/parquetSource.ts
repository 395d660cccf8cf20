import type { ColumnSpool } from '../columnSpool.js';
import type { TableBuilder } from '../tableBuilder.js';
import { copyOf, type ByteSource } from './byteSource.js';
import { fileAsyncBuffer, memoryAsyncBuffer, type ClosableAsyncBuffer } from './fileAsyncBuffer.js';
import { readParquet } from './parquetReader.js';

export interface ParquetSourceOptions {
  gzip: boolean;
  maxRows?: number | undefined;
  /** Past its budget, decoded row groups move here (bounded memory). */
  spool?: ColumnSpool | undefined;
  /** After each row group and each raw chunk: rows so far (progress), and a chance to cancel. */
  onRows: (rows: number) => void;
  checkCancel: () => void;
}

/**
 * A Parquet file in bounded memory. Decoding reads row groups by byte range from the file, while
 * `source` (hash and content-addressed copy) streams the same file once alongside, kept no further
 * ahead than the row group being decoded so the progress bar follows the work. A gzip-compressed
 * Parquet file cannot be read by range, so it is inflated into memory first.
 */
export async function readParquetSource(
  path: string,
  fileName: string,
  source: ByteSource,
  options: ParquetSourceOptions,
): Promise<TableBuilder> {
  const raw = source.chunks[Symbol.asyncIterator]();
  let drained = false;
  const parts: Uint8Array[] = [];
  const drainTo = async (offset: number, keep = false) => {
    while (!drained && (source.stats.bytes < offset || keep)) {
      options.checkCancel();
      const next = await raw.next();
      if (next.done) drained = true;
      else if (keep) parts.push(copyOf(next.value)); // a source chunk is reused once read
      options.onRows(rowsSoFar);
    }
  };
  let rowsSoFar = 0;
  let file: ClosableAsyncBuffer | undefined;
  try {
    if (options.gzip) {
      await drainTo(Infinity, true);
      file = memoryAsyncBuffer(Buffer.concat(parts));
      parts.length = 0;
    } else file = await fileAsyncBuffer(path, fileName);
    const builder = await readParquet(file, fileName, {
      maxRows: options.maxRows,
      beforeGroup: (b, groupRows) => {
        // Spill before a row group would push the columns past the budget (not after they doubled past it).
        const spool = options.spool;
        if (spool) b.spillDictionaries(spool);
        if (
          spool &&
          (spool.used || filledBytes(b) + groupRows * b.columns.length * 8 > spool.budget)
        )
          b.spill(spool);
      },
      afterGroup: async (b, readTo) => {
        rowsSoFar = b.rows;
        options.checkCancel();
        if (options.maxRows === undefined) await drainTo(readTo);
        options.onRows(rowsSoFar);
      },
    });
    // The preview stops early; an import reads the rest (the footer) so the hash covers the whole file.
    if (options.maxRows === undefined) await drainTo(Infinity);
    if (options.spool?.used) builder.spill(options.spool);
    return builder;
  } finally {
    await file?.close();
    if (!drained) await raw.return?.();
  }
}

/** Bytes of values the columns hold in memory (not their spare capacity). */
function filledBytes(builder: TableBuilder): number {
  let bytes = 0;
  for (const c of builder.columns) bytes += c.length * (c.numeric ? 8 : 4);
  return bytes;
}
