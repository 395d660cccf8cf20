import { UserError } from '../../userError.js';

export const MAX_FIELD_BYTES = 64 * 1024 * 1024;

/** Called with each record's fields and the line number (1-based) it starts on. */
export type OnRecord = (fields: string[], line: number) => void;
/** The fast path for a quote-free line `text[start, end)` (no CR); returns false to get `OnRecord` instead. */
export type OnLine = (text: string, start: number, end: number) => boolean;

/**
 * A streaming CSV tokenizer (RFC 4180 plus what spreadsheets write): quoted fields may hold the
 * delimiter, newlines and doubled quotes; CRLF or LF; records may span chunks. Lines without a
 * quote take a fast path through the engine's own indexOf/split.
 */
export class CsvParser {
  private buf = '';
  private line = 1;

  constructor(
    private readonly delimiter: string,
    private readonly fileName: string,
    private readonly onRecord: OnRecord,
    private readonly maxField = MAX_FIELD_BYTES,
    private readonly onLine?: OnLine,
  ) {}

  push(text: string): void {
    this.buf = this.buf ? this.buf + text : text;
    const used = this.parse(false);
    this.buf = this.buf.slice(used);
    if (this.buf.length > this.maxField) {
      throw new UserError(`${this.fileName}: line ${this.line} holds a field longer than 64 MB`);
    }
  }

  /** True while part of a record waits for the next chunk. */
  get pending(): boolean {
    return this.buf.length > 0;
  }

  /** Counts lines another reader took (the byte-level fast path), so line numbers stay right. */
  skipLines(n: number): void {
    this.line += n;
  }

  end(): void {
    this.parse(true);
    this.buf = '';
  }

  /** Parses whole records from the buffer; returns how many characters were consumed. */
  private parse(final: boolean): number {
    const { buf, delimiter } = this;
    let i = 0;
    let quote = -2; // -2: not looked for yet; -1: no quote in the rest of the buffer
    while (i < buf.length) {
      const nl = buf.indexOf('\n', i);
      if (nl < 0 && !final) return i;
      const stop = nl < 0 ? buf.length : nl;
      if (quote !== -1 && quote < i) quote = buf.indexOf('"', i);
      if (quote < 0 || quote > stop) {
        const end = stop > i && buf.charCodeAt(stop - 1) === 13 ? stop - 1 : stop;
        if (!this.onLine?.(buf, i, end))
          this.onRecord(buf.slice(i, end).split(delimiter), this.line);
        this.line++;
        i = stop + 1;
        continue;
      }
      const next = this.parseQuoted(i, final);
      if (next < 0) return i;
      i = next;
    }
    return i;
  }

  /** The slow path for a record holding quotes; returns -1 when the record is not complete yet. */
  private parseQuoted(start: number, final: boolean): number {
    const { buf, delimiter } = this;
    const fields: string[] = [];
    const startLine = this.line;
    let lines = 0;
    let i = start;
    for (;;) {
      let field = '';
      if (buf[i] === '"') {
        i++;
        for (;;) {
          const q = buf.indexOf('"', i);
          if (q < 0 || (q === buf.length - 1 && !final)) {
            if (!final) return -1;
            throw new UserError(
              `${this.fileName}: line ${startLine} opens a quoted field that is never closed`,
            );
          }
          const part = buf.slice(i, q);
          lines += countNewlines(part);
          field += part;
          if (buf[q + 1] === '"') {
            field += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
      }
      // Unquoted text (or stray text after a closing quote) runs to the delimiter or the line end.
      let j = i;
      while (j < buf.length && buf[j] !== delimiter && buf[j] !== '\n') j++;
      if (j === buf.length && !final) return -1;
      field += buf.slice(i, j);
      if (buf[j] === '\n' || j === buf.length) {
        fields.push(field.endsWith('\r') ? field.slice(0, -1) : field);
        this.onRecord(fields, startLine);
        this.line += lines + 1;
        return j + 1;
      }
      fields.push(field);
      i = j + 1;
    }
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let k = s.indexOf('\n'); k >= 0; k = s.indexOf('\n', k + 1)) n++;
  return n;
}

const CANDIDATES = [',', ';', '\t', '|'];

/** The delimiter that splits the first lines into the same, largest number of fields. */
export function sniffDelimiter(sample: string, fallback = ','): string {
  const lines = sample
    .split('\n')
    .slice(0, 30)
    .filter((l) => l.trim() !== '');
  if (sample.length > 0 && !sample.includes('\n')) lines.splice(1);
  let best = fallback;
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((c) => c === first).length / counts.length;
    const score = first * consistent * consistent;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}
