import type { ColumnChunk, PageHeader } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { UserError } from '../../userError.js';

const count = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/*
 * Page headers of a column chunk are walked before hyparquet decodes it, and a file whose headers
 * are damaged is refused. hyparquet trusts them: a data page v2 header without its level lengths
 * sends its decoder into an endless loop (found by readers.fuzz.test.ts), which in the main
 * process (previews) would freeze the app.
 */

/** Where a column chunk's pages lie in a file of `fileBytes`; a chunk outside the file is refused. */
export function chunkRange(
  chunk: ColumnChunk,
  fileBytes: number,
  fileName: string,
): { start: number; end: number } {
  const meta = chunk.meta_data;
  if (!meta) throw invalid(fileName, 'a column chunk has no metadata');
  const start = Number(meta.dictionary_page_offset ?? meta.data_page_offset);
  const end = start + Number(meta.total_compressed_size);
  if (!count(start) || !count(end) || end > fileBytes)
    throw invalid(fileName, 'a column chunk lies outside the file');
  return { start, end };
}

/** Walks the page headers of one column chunk's bytes (as `chunkRange` locates them). */
export function checkChunkPages(bytes: ArrayBuffer, fileName: string): void {
  const bad = (why: string) => invalid(fileName, why);
  const reader = { view: new DataView(bytes), offset: 0 };
  const end = bytes.byteLength;
  while (reader.offset < end) {
    let header: PageHeader;
    try {
      header = parquetHeader(reader);
    } catch (e) {
      throw bad(`a page header cannot be read: ${(e as Error).message}`);
    }
    checkHeader(header, bad);
    reader.offset += header.compressed_page_size;
    if (reader.offset > end) throw bad('a page runs past the end of its column chunk');
  }
}

const invalid = (fileName: string, why: string) =>
  new UserError(`${fileName} is not a valid Parquet file (${why})`);

function checkHeader(h: PageHeader, bad: (why: string) => UserError): void {
  if (!count(h.compressed_page_size) || !count(h.uncompressed_page_size))
    throw bad('a page has no valid size');
  const v2 = h.data_page_header_v2;
  if (h.type === 'DATA_PAGE_V2') {
    if (!v2) throw bad('a data page has no header');
    const fields = [
      v2.num_values,
      v2.num_nulls,
      v2.num_rows,
      v2.definition_levels_byte_length,
      v2.repetition_levels_byte_length,
    ];
    if (!fields.every(count)) throw bad('a data page header is incomplete');
    if (
      v2.definition_levels_byte_length + v2.repetition_levels_byte_length >
      h.compressed_page_size
    )
      throw bad('a data page is shorter than its levels');
  } else if (h.type === 'DATA_PAGE') {
    if (!h.data_page_header || !count(h.data_page_header.num_values))
      throw bad('a data page header is incomplete');
  } else if (h.type === 'DICTIONARY_PAGE') {
    if (!h.dictionary_page_header || !count(h.dictionary_page_header.num_values))
      throw bad('a dictionary page header is incomplete');
  }
}
