import type { ColumnSpool } from './columnSpool.js';
import type { ColumnBuilder } from './tableBuilder.js';

/**
 * Reads one spooled column back whole into its builder (numbers, or dictionary codes for a column
 * that turned out not numeric: the numbers it held before that become their shortest text).
 */
export function loadSpooledColumn(
  col: ColumnBuilder,
  index: number,
  spool: ColumnSpool,
  rows: number,
  scratch?: ColumnScratch,
): void {
  const segments = spool.segments[index] ?? [];
  let at = col.leadingMissing;
  if (col.numeric) {
    const nums = scratch
      ? new Float64Array(scratch.take(rows * 8), 0, rows)
      : new Float64Array(rows);
    nums.fill(Number.NaN, 0, at);
    for (const s of segments) {
      spool.read(s, nums, at);
      at += s.count;
    }
    col.nums = nums;
  } else {
    const codes = scratch ? new Int32Array(scratch.take(rows * 4), 0, rows) : new Int32Array(rows);
    codes.fill(-1, 0, at);
    for (const s of segments) {
      if (s.kind === 'i32') spool.read(s, codes, at);
      else {
        const data = spool.read(s);
        for (let i = 0; i < data.length; i++)
          codes[at + i] = Number.isNaN(data[i]!) ? -1 : col.codeOf(String(data[i]));
      }
      at += s.count;
    }
    col.codes = codes;
  }
  if (at !== rows) throw new Error(`column ${col.name}: ${at} values spooled for ${rows} rows`);
  col.length = rows;
}

/** Lets a column's values go once it has been profiled and cached. */
export function releaseColumn(col: ColumnBuilder): void {
  col.nums = new Float64Array(0);
  col.codes = new Int32Array(0);
  col.length = 0;
}

/**
 * One buffer the spooled columns are read back into in turn, each let go before the next: memory
 * holds one column, not one plus the previous one waiting for the garbage collector.
 */
export class ColumnScratch {
  private buffer = new ArrayBuffer(0);

  take(bytes: number): ArrayBuffer {
    if (this.buffer.byteLength < bytes) this.buffer = new ArrayBuffer(bytes);
    return this.buffer;
  }
}
