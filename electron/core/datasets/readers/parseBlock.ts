import type { TableBuilder } from '../tableBuilder.js';
import { A_NUMBER, LineScanner } from './byteRows.js';

/**
 * Lines parsed apart from the table (on the parse thread): each column's numbers in an array of
 * its own, and every field that is not a plain number (a missing token, a word, more than 19
 * digits) as its byte range, so committing the block to the table gives exactly what ByteRows
 * would have given for the same lines.
 */
export interface ParsedBlock {
  /** Lines taken: the scan stops at the first line the byte path cannot take, as ByteRows does. */
  lines: number;
  /** Where the scan stopped, from the block's start. */
  next: number;
  /** Per column, `lines` numbers (NaN where the field is in `other`). */
  columns: Float64Array[];
  /** The other fields, four numbers each: column, line, start, end (byte offsets in the block). */
  other: Int32Array;
  otherCount: number;
  /** Where each line starts in the block. */
  lineStarts: Int32Array;
}

export class BlockRows extends LineScanner {
  private columns: Float64Array[];
  private other: Int32Array;
  private otherCount = 0;
  private lineStarts: Int32Array;
  private lines = 0;

  /** `reuse`: the arrays of a block already committed, to fill again instead of fresh ones. */
  constructor(columns: number, delimiter: number, capacity: number, reuse?: ParsedBlock) {
    super(columns, delimiter);
    this.columns =
      reuse && reuse.columns.length === columns && reuse.columns[0]!.length >= capacity
        ? reuse.columns
        : Array.from({ length: columns }, () => new Float64Array(capacity));
    this.other = reuse?.other ?? new Int32Array(1024);
    this.lineStarts =
      reuse && reuse.lineStarts.length >= capacity ? reuse.lineStarts : new Int32Array(capacity);
  }

  protected commit(b: Buffer): void {
    const { values, kinds, starts, ends } = this;
    let columns = this.columns;
    const line = this.lines;
    if (line === columns[0]!.length) {
      columns = this.columns = columns.map(grow);
      this.lineStarts = grow(this.lineStarts);
    }
    this.lineStarts[line] = starts[0]!;
    for (let c = 0; c < columns.length; c++) {
      if (kinds[c] === A_NUMBER) columns[c]![line] = values[c]!;
      else {
        columns[c]![line] = Number.NaN;
        if (this.otherCount * 4 + 4 > this.other.length) this.other = grow(this.other);
        const o = this.otherCount++ * 4;
        this.other[o] = c;
        this.other[o + 1] = line;
        this.other[o + 2] = starts[c]!;
        this.other[o + 3] = ends[c]!;
      }
    }
    this.lines++;
    void b;
  }

  /** Scans `bytes` (whole lines) and returns what it took. */
  parse(bytes: Buffer): ParsedBlock {
    const { next, lines } = this.add(bytes, 0);
    const { columns, other, otherCount, lineStarts } = this;
    return { lines, next, columns, other, otherCount, lineStarts };
  }
}

function grow<T extends Float64Array | Int32Array>(a: T): T {
  const next = new (a.constructor as new (n: number) => T)(Math.max(1024, a.length * 2));
  next.set(a);
  return next;
}

/**
 * Appends a parsed block's lines to the table, column by column (each column's values in line
 * order, as ByteRows pushes them): a numeric column without other fields takes its numbers in one
 * copy. `bytes` is the block the offsets point into. A text column takes each field as written
 * (as ByteRows does), found again from its line's start: the thread kept only the number.
 */
export function commitBlock(
  builder: TableBuilder,
  block: ParsedBlock,
  bytes: Buffer,
  delimiter: number,
): void {
  const { lines, columns, other, otherCount, lineStarts } = block;
  // The other fields' indexes in `other`, per column, in line order (they were found line by line).
  const byColumn: number[][] = builder.columns.map(() => []);
  for (let k = 0; k < otherCount; k++) byColumn[other[k * 4]!]!.push(k * 4);
  const last = builder.columns.length - 1;
  const fieldText = (line: number, c: number): string => {
    let start = lineStarts[line]!;
    for (let k = 0; k < c; k++) start = bytes.indexOf(delimiter, start) + 1;
    let end = c < last ? bytes.indexOf(delimiter, start) : bytes.indexOf(10, start);
    if (c === last && bytes[end - 1] === 13) end--;
    return bytes.toString('latin1', start, end);
  };
  builder.columns.forEach((col, c) => {
    const values = columns[c]!.subarray(0, lines);
    const others = byColumn[c]!;
    if (others.length === 0 && col.numeric) return col.pushNumbers(values);
    let next = 0;
    for (let line = 0; line < lines; line++) {
      const o = others[next];
      if (o !== undefined && other[o + 1] === line) {
        col.pushString(bytes.toString('latin1', other[o + 2], other[o + 3]));
        next++;
      } else if (col.numeric) col.pushNumber(values[line]!);
      else col.pushString(fieldText(line, c));
    }
  });
  builder.rows += lines;
}
