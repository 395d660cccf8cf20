import { extname } from 'node:path';
import { UserError } from '../../userError.js';
import { TableBuilder, uniqueNames } from '../tableBuilder.js';
import { copyOf, openSource } from './byteSource.js';
import type { ColumnSpool } from '../columnSpool.js';
import { ByteRows } from './byteRows.js';
import { addSplit } from './splitChunk.js';
import { startParseThread, wantParseThread, type ParseThread } from './parseThread.js';
import { CsvParser, sniffDelimiter } from './csvParser.js';
import { readArrow } from './columnarReaders.js';
import { JsonLinesReader, readJsonArray } from './jsonReaders.js';
import { wholeLines } from './lineChunks.js';
import { TextChunkDecoder } from './textDecoding.js';

export type Format = 'csv' | 'json' | 'jsonl' | 'parquet' | 'arrow';

const FORMATS: Record<string, Format> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.tab': 'csv',
  '': 'csv',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.parquet': 'parquet',
  '.arrow': 'arrow',
  '.feather': 'arrow',
  '.ipc': 'arrow',
};
const LABEL: Record<Format, string> = {
  csv: 'CSV',
  json: 'JSON',
  jsonl: 'JSON Lines',
  parquet: 'Parquet',
  arrow: 'Arrow',
};

export interface ReadProgress {
  bytes: number;
  totalBytes: number;
  rows: number;
}

export interface ReadOptions {
  delimiter?: string | undefined;
  noHeader?: boolean | undefined;
  skipBadLines?: boolean | undefined;
  /** Where to copy the raw bytes while reading (one pass: read, hash, copy). */
  copyTo?: string | undefined;
  /** With `copyTo`: files this big or bigger are read, hashed and copied on a worker thread (tests lower it). */
  readAheadFrom?: number | undefined;
  /** CSV read ahead: files this big or bigger are parsed with a second thread (tests lower it). */
  parseThreadFrom?: number | undefined;
  /** Tests: wait for the parse thread to start, so that every chunk is split. */
  waitForParseThread?: boolean | undefined;
  /** Stop after this many data rows (the preview), and keep them as written in `rawRows`. */
  maxRows?: number | undefined;
  /** CSV, JSON Lines and Parquet (not a JSON array): past its budget, parsed rows move here after every chunk (bounded memory). */
  spool?: ColumnSpool | undefined;
  /** Columns to keep as text exactly as written (overridden to a non-numeric type). */
  textColumns?: ReadonlySet<string> | undefined;
  onProgress?: ((p: ReadProgress) => void) | undefined;
  cancelled?: (() => boolean) | undefined;
}

export interface ReadResult {
  format: Format;
  encoding: 'utf-8' | 'windows-1252' | 'binary';
  delimiter: string | null;
  builder: TableBuilder;
  skipped: number;
  warnings: string[];
  /** With `maxRows`: the CSV rows as written (numbers not reformatted). */
  rawRows: string[][];
  hash: string;
  bytes: number;
}

/** What a file name says about its format: `.gz` of any format is that format, compressed. */
export function formatOf(fileName: string): { format: Format; gzip: boolean } {
  const lower = fileName.toLowerCase();
  const gzip = lower.endsWith('.gz');
  const ext = extname(gzip ? lower.slice(0, -3) : lower);
  const format = FORMATS[ext];
  if (!format) {
    throw new UserError(
      `${fileName} is not a CSV file or another format Benchtop reads (.csv .tsv .txt .json .jsonl .parquet .arrow, or any of them .gz)`,
    );
  }
  return { format, gzip };
}

class StopReading extends Error {}

/** Reads a table file in one streaming pass; every problem with the file is a one-line UserError. */
export async function readTable(
  path: string,
  fileName: string,
  options: ReadOptions = {},
): Promise<ReadResult> {
  const { format, gzip } = formatOf(fileName);
  const source = openSource(path, fileName, {
    gzip,
    copyTo: options.copyTo,
    readAheadFrom: options.readAheadFrom,
  });
  const warnings: string[] = [];
  let rows = 0;
  const progress = () =>
    options.onProgress?.({ bytes: source.stats.bytes, totalBytes: source.stats.totalBytes, rows });
  const checkCancel = () => {
    if (options.cancelled?.()) throw new UserError(`the import of ${fileName} was cancelled`);
  };

  if (format === 'parquet') {
    const onRows = (n: number) => {
      rows = n;
      progress();
    };
    // hyparquet (~70 modules) loads only for a Parquet file, not for every CSV import.
    const { readParquetSource } = await import('./parquetSource.js');
    const builder = await readParquetSource(path, fileName, source, {
      gzip,
      maxRows: options.maxRows,
      spool: options.spool,
      onRows,
      checkCancel,
    });
    rows = builder.rows;
    renameDuplicates(builder, warnings);
    return done(builder, 'binary', null);
  }
  if (format === 'arrow') {
    const parts: Uint8Array[] = [];
    for await (const chunk of source.chunks) {
      checkCancel();
      parts.push(copyOf(chunk)); // a source chunk is reused once read
      progress();
    }
    const builder = await readArrow(Buffer.concat(parts), fileName);
    rows = builder.rows;
    renameDuplicates(builder, warnings);
    return done(builder, 'binary', null);
  }

  const decoder = new TextChunkDecoder();
  let builder: TableBuilder | undefined;
  let skipped = 0;
  let delimiter: string | null = null;
  let sink: { push(text: string): void; end(): void } | undefined;
  let csv: CsvParser | undefined;
  let fast: ByteRows | undefined;
  // Read ahead (a copy, from 16 MB) and big enough: a second thread parses half of each chunk.
  const parser: ParseThread | undefined =
    format === 'csv' &&
    !gzip &&
    options.copyTo !== undefined &&
    options.maxRows === undefined &&
    wantParseThread(source.stats.totalBytes, options.parseThreadFrom)
      ? startParseThread()
      : undefined;
  if (parser && options.waitForParseThread) await parser.started;
  let jsonText: string[] | undefined;
  let first = true;
  const rawRows: string[][] = [];

  const onRecord = (fields: string[], line: number) => {
    if (fields.length === 1 && fields[0]!.trim() === '') return; // a blank line
    if (!builder) {
      const header = options.noHeader ? fields.map((_, i) => `column_${i + 1}`) : fields;
      const { names, renamed } = uniqueNames(header);
      if (renamed.length)
        warnings.push(`duplicate column names made unique: ${renamed.join(', ')}`);
      builder = new TableBuilder(names, options.textColumns);
      if (!options.noHeader) return;
    }
    if (fields.length !== builder.columns.length) {
      if (options.skipBadLines) {
        skipped++;
        return;
      }
      throw new UserError(
        `${fileName}: line ${line} has ${fields.length} fields but the header has ${builder.columns.length} (use --skip-bad-lines to skip such lines)`,
      );
    }
    builder.addRow(fields);
    rows++;
    if (options.maxRows !== undefined) {
      rawRows.push(fields);
      if (rows >= options.maxRows) throw new StopReading();
    }
  };

  try {
    const refuseBinary = (bytes: Uint8Array) => {
      if (bytes.subarray(0, 8192).includes(0))
        throw new UserError(`${fileName} is not a ${LABEL[format]} file (it holds binary data)`);
    };
    for await (const chunk of wholeLines(source.chunks, refuseBinary)) {
      checkCancel();
      let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (first && format === 'csv') {
        // The header line takes the text path; the data lines after it may take the byte path.
        const sample = new TextDecoder().decode(bytes.subarray(0, 65_536));
        delimiter =
          options.delimiter ??
          sniffDelimiter(sample, fileName.toLowerCase().includes('.tsv') ? '\t' : ',');
        const d = delimiter;
        const onLine = (text: string, start: number, end: number): boolean => {
          if (
            !builder ||
            start === end ||
            options.maxRows !== undefined ||
            !builder.addDelimitedLine(text, start, end, d)
          )
            return false;
          rows++;
          return true;
        };
        csv = new CsvParser(delimiter, fileName, onRecord, undefined, onLine);
        sink = csv;
        const headEnd = bytes.indexOf(10) + 1 || bytes.length;
        csv.push(decoder.decode(bytes.subarray(0, headEnd)));
        bytes = bytes.subarray(headEnd);
        first = false;
      }
      if (
        csv &&
        builder &&
        !csv.pending &&
        options.maxRows === undefined &&
        delimiter !== null &&
        delimiter.length === 1
      ) {
        const firstLines = !fast;
        const d = delimiter.charCodeAt(0);
        fast ??= new ByteRows(builder, d);
        const took = parser ? await addSplit(parser, fast, builder, bytes, d) : fast.add(bytes, 0);
        if (firstLines && options.spool && !gzip && took.lines > 0) {
          // The whole file's rows, guessed from the first chunk's: room for them at once when they
          // fit the spool's budget (a bigger file spills chunk by chunk and never holds them all).
          const guess = Math.ceil((source.stats.totalBytes / took.next) * took.lines * 1.02);
          if (guess * 8 * builder.columns.length <= options.spool.budget) builder.reserve(guess);
        }
        rows += took.lines;
        csv.skipLines(took.lines);
        bytes = bytes.subarray(took.next);
      }
      if (bytes.length === 0) {
        if (options.spool && builder) builder.spillIfOver(options.spool);
        progress();
        continue;
      }
      const text = decoder.decode(bytes);
      if (first) {
        first = false;
        if (format === 'jsonl') {
          builder = new TableBuilder([], options.textColumns);
          sink = new JsonLinesReader(fileName, builder);
        } else jsonText = [];
      }
      if (jsonText) jsonText.push(text);
      else sink?.push(text);
      if (builder && format === 'jsonl') rows = builder.rows;
      if (options.spool && builder && format !== 'json') builder.spillIfOver(options.spool);
      progress();
    }
    const tail = decoder.flush();
    if (jsonText) {
      jsonText.push(tail);
      builder = new TableBuilder([], options.textColumns);
      readJsonArray(jsonText.join(''), fileName, builder);
    } else {
      if (tail) sink?.push(tail);
      sink?.end();
      if (options.spool?.used && builder && format !== 'json') builder.spill(options.spool);
    }
  } catch (e) {
    if (!(e instanceof StopReading)) throw e;
  } finally {
    await parser?.close();
  }
  if (decoder.encoding === 'windows-1252')
    warnings.push(`${fileName} is not valid UTF-8; it was read as Windows-1252`);
  if (!builder) throw new UserError(`${fileName} has no data (only blank lines)`);
  if (builder.columns.length === 0) throw new UserError(`${fileName} has no columns`);
  if (builder.rows === 0) throw new UserError(`${fileName} has a header but no data rows`);
  if (skipped)
    warnings.push(
      `skipped ${skipped} bad ${skipped === 1 ? 'line' : 'lines'} (a different number of fields than the header)`,
    );
  return { ...done(builder, decoder.encoding, delimiter), skipped, rawRows };

  function done(
    b: TableBuilder,
    encoding: ReadResult['encoding'],
    delim: string | null,
  ): ReadResult {
    progress();
    return {
      format,
      encoding,
      delimiter: delim,
      builder: b,
      skipped: 0,
      warnings,
      rawRows: [],
      hash: source.hash(),
      bytes: source.stats.totalBytes,
    };
  }
}

function renameDuplicates(builder: TableBuilder, warnings: string[]): void {
  const { names, renamed } = uniqueNames(builder.columns.map((c) => c.name));
  if (!renamed.length) return;
  warnings.push(`duplicate column names made unique: ${renamed.join(', ')}`);
  names.forEach((n, i) => (builder.columns[i]!.name = n));
}
