import { EXACT_DIGITS_BELOW, exactDecimal, TWO_53 } from '../longDecimal.js';
import type { TableBuilder } from '../tableBuilder.js';

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const NOT_A_NUMBER = 0;
export const A_NUMBER = 1;

/**
 * The byte-level fast path for plain CSV lines (ASCII, no quotes): numbers go from the bytes
 * straight into their columns, without strings or a decoding pass. A field that is not a simple
 * decimal (more than 19 significant digits, words, missing tokens) is handed over as its text, so
 * the result is the same as the text path's. Lines are committed whole: at the first line this
 * path cannot take (a quote, a non-ASCII byte, a blank line, a wrong field count) it stops and the
 * caller passes the rest to the full parser. What a committed line becomes is the subclass's
 * (ByteRows: the table's columns; BlockRows, parseBlock.ts: arrays a parse thread hands back).
 */
export abstract class LineScanner {
  protected readonly values: Float64Array;
  protected readonly kinds: Uint8Array;
  protected readonly starts: Int32Array;
  protected readonly ends: Int32Array;

  constructor(
    columns: number,
    private readonly delimiter: number,
  ) {
    this.values = new Float64Array(columns);
    this.kinds = new Uint8Array(columns);
    this.starts = new Int32Array(columns);
    this.ends = new Int32Array(columns);
  }

  /** Adds whole lines from `bytes[from…]`; returns where it stopped and how many lines it took. */
  add(bytes: Buffer, from: number): { next: number; lines: number } {
    // Only whole lines (each ends in a newline), so the scans below need no bounds checks.
    const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.lastIndexOf(10) + 1);
    let pos = from;
    let lines = 0;
    while (pos < view.length) {
      const next = this.line(view, pos);
      if (next < 0) break;
      this.commit(bytes);
      pos = next;
      lines++;
    }
    return { next: pos, lines };
  }

  /** Takes the line just read: `values[c]` when `kinds[c]` is A_NUMBER, else the text `b[starts[c], ends[c])`. */
  protected abstract commit(b: Buffer): void;

  /** Reads one line (which ends in a newline) into the row buffers; returns the next line's start, or -1. */
  private line(b: Uint8Array, start: number): number {
    const { values, kinds, starts, ends, delimiter } = this;
    const n = kinds.length;
    if (b[start] === 10 || b[start] === 13) return -1;
    let i = start;
    for (let c = 0; c < n; c++) {
      const fieldStart = i;
      let ch = b[i]!;
      const negative = ch === 45;
      if (negative || ch === 43) ch = b[++i]!;
      // The digits as a double (exact below 2^53) and, for longer ones, modulo 2^32 (longDecimal.ts).
      let mantissa = 0;
      let low32 = 0;
      const digitsStart = i;
      let scale = 0;
      while ((ch - 48) >>> 0 < 10) {
        mantissa = mantissa * 10 + (ch - 48);
        low32 = (Math.imul(low32, 10) + (ch - 48)) | 0;
        ch = b[++i]!;
      }
      let digits = i - digitsStart;
      if (ch === 46) {
        const fractionStart = ++i;
        ch = b[i]!;
        while ((ch - 48) >>> 0 < 10) {
          mantissa = mantissa * 10 + (ch - 48);
          low32 = (Math.imul(low32, 10) + (ch - 48)) | 0;
          ch = b[++i]!;
        }
        scale = fractionStart - i;
        digits -= scale;
      }
      let ok = digits > 0 && mantissa < EXACT_DIGITS_BELOW;
      if (ok && (ch === 101 || ch === 69)) {
        ch = b[++i]!;
        let sign = 1;
        if (ch === 45 || ch === 43) {
          if (ch === 45) sign = -1;
          ch = b[++i]!;
        }
        let exponent = 0;
        const expStart = i;
        while ((ch - 48) >>> 0 < 10) {
          exponent = exponent * 10 + (ch - 48);
          ch = b[++i]!;
        }
        const expDigits = i - expStart;
        ok = expDigits > 0 && expDigits <= 3;
        scale += sign * exponent;
      }
      // Whatever is not a plain number runs on as text to the field's end.
      if (!(ch === delimiter || ch === 10 || (ch === 13 && b[i + 1] === 10))) {
        ok = false;
        while (ch !== delimiter && ch !== 10) {
          if (ch >= 0x80 || ch === 34) return -1;
          if (ch === 13 && b[i + 1] === 10) break;
          ch = b[++i]!;
        }
      }
      if (ok && mantissa < TWO_53) {
        // Below 2^53 every partial sum was exact; with a power of ten up to 22, one rounding (Clinger).
        if (scale <= 22 && scale >= -22) {
          const v =
            scale === 0
              ? mantissa
              : scale > 0
                ? mantissa * POW10[scale]!
                : mantissa / POW10[-scale]!;
          values[c] = negative ? -v : v;
          kinds[c] = A_NUMBER;
        } else kinds[c] = NOT_A_NUMBER;
      } else if (ok && scale <= 0 && scale >= -22) {
        // 16 to 19 significant digits: the exact parse, from what the scan kept.
        const v = exactDecimal(mantissa, low32, -scale);
        values[c] = negative ? -v : v;
        kinds[c] = A_NUMBER;
      } else kinds[c] = NOT_A_NUMBER;
      starts[c] = fieldStart;
      ends[c] = i;
      const last = c === n - 1;
      if (last !== (ch !== delimiter)) return -1; // too few or too many fields
      i++; // past the delimiter or the newline (or the CR of a CRLF)
      if (last && ch === 13) i++;
    }
    return i;
  }
}

/** Lines straight into the table's columns. */
export class ByteRows extends LineScanner {
  constructor(
    private readonly builder: TableBuilder,
    delimiter: number,
  ) {
    super(builder.columns.length, delimiter);
  }

  protected commit(b: Buffer): void {
    const { values, kinds, starts, ends } = this;
    const { columns } = this.builder;
    for (let c = 0; c < columns.length; c++) {
      const col = columns[c]!;
      if (kinds[c] === A_NUMBER && col.numeric) col.pushNumber(values[c]!);
      else col.pushString(b.toString('latin1', starts[c]!, ends[c]!));
    }
    this.builder.rows++;
  }
}
