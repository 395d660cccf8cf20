import {
  TABLE_MAX_ROWS,
  TABLE_PREVIEW_ROWS,
  type ArtifactPreview,
} from '../../../shared/api/artifactPreview.js';
import { readRange } from './fileRange.js';
import { wholeUtf8 } from './textPage.js';
import type Papa from 'papaparse';
import { lazyRequire } from '../lazyRequire.js';

const papa = lazyRequire<typeof Papa>('papaparse');

type TablePreview = Extract<ArtifactPreview, { kind: 'table' }>;
type Cell = TablePreview['rows'][number][number];

/** The bytes read for one page of a CSV: its rows, however large the file. */
const CSV_PAGE_BYTES = 1024 * 1024;

type Rows = TablePreview['rows'];
export interface TablePage {
  rows: Rows;
  /** The next page's cursor (a byte offset for CSV, a row index for Parquet); null at the end or the cap. */
  next: number | null;
}

/** How many rows a page starting at `row` may hold before the preview's cap. */
const pageRows = (row: number) => Math.max(0, Math.min(TABLE_PREVIEW_ROWS, TABLE_MAX_ROWS - row));

/**
 * One page of a CSV/TSV from byte `start`: papaparse reads up to a MB from there (a cut last
 * line is left for the next page), and the page's cursor is the byte after its last row.
 */
function csvRows(
  file: string,
  size: number,
  format: 'csv' | 'tsv',
  start: number,
  rows: number,
  header: boolean,
): TablePage & { columns: string[]; cut: boolean } {
  const bytes = readRange(file, start, CSV_PAGE_BYTES);
  const toEnd = start + bytes.length >= size;
  let text = bytes.subarray(0, toEnd ? bytes.length : wholeUtf8(bytes)).toString('utf8');
  if (!toEnd) text = text.slice(0, text.lastIndexOf('\n') + 1);
  const bom = start === 0 && text.startsWith('\uFEFF') ? 1 : 0;
  const parsed = papa().parse<string[]>(text.slice(bom), {
    delimiter: format === 'tsv' ? '\t' : '',
    preview: rows + (header ? 1 : 0),
    skipEmptyLines: true,
    // Papaparse's fast path (no quotes) reports a cursor one row too far; the full parser does not.
    fastMode: false,
  });
  const data = parsed.data;
  // Papaparse guesses one line ending from the first lines: a LF header over CRLF rows leaves a CR
  // on each row's last field. Dropped, as the dataset import drops it.
  for (const row of data) {
    const last = row.length - 1;
    if (last >= 0 && row[last]!.endsWith('\r')) row[last] = row[last]!.slice(0, -1);
  }
  const columns = header ? (data.shift() ?? []) : [];
  const consumed = Buffer.byteLength(text.slice(0, bom + parsed.meta.cursor));
  const at = start + consumed;
  // Nothing consumed (one line longer than the page's MB) or nothing after: no next page.
  const next = consumed > 0 && at < size ? at : null;
  return { columns, rows: data, next, cut: !toEnd };
}

/** The first rows of a CSV/TSV, with the cursor of the next page. */
export function csvPreview(file: string, size: number, format: 'csv' | 'tsv'): TablePreview {
  const page = csvRows(file, size, format, 0, TABLE_PREVIEW_ROWS, true);
  const next = page.rows.length < TABLE_PREVIEW_ROWS && !page.cut ? null : page.next;
  return {
    kind: 'table',
    format,
    columns: page.columns,
    rows: page.rows,
    total_rows: next === null && !page.cut ? page.rows.length : null,
    truncated: next !== null || page.cut,
    next,
  };
}

/** A later page of a CSV/TSV, from the cursor its previous page gave. */
export function csvPage(
  file: string,
  size: number,
  format: 'csv' | 'tsv',
  cursor: number,
  row: number,
): TablePage {
  const rows = pageRows(row);
  const page = csvRows(file, size, format, cursor, rows, false);
  return { rows: page.rows, next: row + page.rows.length >= TABLE_MAX_ROWS ? null : page.next };
}

/** Rows of a Parquet file from row `start`: hyparquet reads the footer, then only the row groups those rows need. */
async function parquetRows(file: string, start: number) {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } =
    await import('hyparquet');
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  const total = Number(metadata.num_rows);
  const end = Math.min(total, start + pageRows(start));
  const objects =
    end > start
      ? await parquetReadObjects({ file: buffer, metadata, rowStart: start, rowEnd: end })
      : [];
  const columns = metadata.schema
    .slice(1)
    .filter((s) => !s.num_children)
    .map((s) => s.name);
  const top = objects[0] ? Object.keys(objects[0]) : columns;
  const next = end < Math.min(total, TABLE_MAX_ROWS) ? end : null;
  return { total, columns: top, rows: objects.map((o) => top.map((c) => cell(o[c]))), next };
}

/** The first rows of a Parquet file, with the row the next page starts at. */
export async function parquetPreview(file: string): Promise<TablePreview> {
  const { total, columns, rows, next } = await parquetRows(file, 0);
  return {
    kind: 'table',
    format: 'parquet',
    columns,
    rows,
    total_rows: total,
    truncated: total > rows.length,
    next,
  };
}

/** A later page of a Parquet file: its cursor is the row it starts at. */
export async function parquetPage(file: string, cursor: number): Promise<TablePage> {
  const { rows, next } = await parquetRows(file, cursor);
  return { rows, next };
}

function cell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}
