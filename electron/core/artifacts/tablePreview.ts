import { TABLE_PREVIEW_ROWS, type ArtifactPreview } from '../../../shared/api/artifactPreview.js';
import { readRange } from './fileRange.js';
import { wholeUtf8 } from './textPage.js';
import type Papa from 'papaparse';
import { lazyRequire } from '../lazyRequire.js';

const papa = lazyRequire<typeof Papa>('papaparse');

type TablePreview = Extract<ArtifactPreview, { kind: 'table' }>;
type Cell = TablePreview['rows'][number][number];

/** The bytes read for a CSV preview: its first rows, however large the file. */
const CSV_HEAD_BYTES = 1024 * 1024;

/** The first rows of a CSV/TSV, parsed by papaparse from the file's first MB (a cut last line is dropped). */
export function csvPreview(file: string, size: number, format: 'csv' | 'tsv'): TablePreview {
  const head = readRange(file, 0, CSV_HEAD_BYTES);
  let text = head.subarray(0, head.length < size ? wholeUtf8(head) : head.length).toString('utf8');
  const cut = head.length < size;
  if (cut) text = text.slice(0, Math.max(0, text.lastIndexOf('\n')));
  const parsed = papa().parse<string[]>(text.replace(/^\uFEFF/, ''), {
    delimiter: format === 'tsv' ? '\t' : '',
    preview: TABLE_PREVIEW_ROWS + 2,
    skipEmptyLines: true,
  });
  const [columns = [], ...body] = parsed.data;
  return {
    kind: 'table',
    format,
    columns,
    rows: body.slice(0, TABLE_PREVIEW_ROWS),
    total_rows: cut ? null : body.length,
    truncated: cut || body.length > TABLE_PREVIEW_ROWS,
  };
}

/** The first rows of a Parquet file: hyparquet reads the footer, then only the row groups those rows need. */
export async function parquetPreview(file: string): Promise<TablePreview> {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } =
    await import('hyparquet');
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  const total = Number(metadata.num_rows);
  const objects = await parquetReadObjects({
    file: buffer,
    metadata,
    rowStart: 0,
    rowEnd: Math.min(total, TABLE_PREVIEW_ROWS),
  });
  const columns = metadata.schema
    .slice(1)
    .filter((s) => !s.num_children)
    .map((s) => s.name);
  const top = objects[0] ? Object.keys(objects[0]) : columns;
  return {
    kind: 'table',
    format: 'parquet',
    columns: top,
    rows: objects.map((o) => top.map((c) => cell(o[c]))),
    total_rows: total,
    truncated: total > objects.length,
  };
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
