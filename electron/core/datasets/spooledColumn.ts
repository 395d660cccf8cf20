import type { ColumnSpool } from './columnSpool.js';
import type { ColumnBuilder } from './tableBuilder.js';

/**
 * Reads one spooled column back whole into its builder (numbers, or dictionary codes for a column
 * that turned out not numeric: the numbers it held before that become their shortest text).
 */
export function loadSpooledColumn(col: ColumnBuilder, index: number, spool: ColumnSpool, rows: number): void {
  const segments = spool.segments[index] ?? [];
  let at = 0;
  if (col.numeric) {
    const nums = new Float64Array(rows);
    for (const s of segments) {
      spool.read(s, nums, at);
      at += s.count;
    }
    col.nums = nums;
  } else {
    const codes = new Int32Array(rows);
    for (const s of segments) {
      if (s.kind === 'i32') spool.read(s, codes, at);
      else {
        const data = spool.read(s);
        for (let i = 0; i < data.length; i++) codes[at + i] = Number.isNaN(data[i]!) ? -1 : col.codeOf(String(data[i]));
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
