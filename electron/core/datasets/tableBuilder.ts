import type { ColumnSpool } from './columnSpool.js';
import { fastNumber } from './fastNumber.js';
import { isMissing } from './missing.js';
import type { TextRecordWriter } from './textRecords.js';

const SPILLED_CAPACITY = 1 << 16;
/** What a dictionary entry costs beside its characters (the string's header, the map's entry, the array's slot). */
const ENTRY_BYTES = 128;

/**
 * Accumulates a table column by column while it streams in. A column stays numeric (a growing
 * Float64Array, NaN for missing) until a value that is neither a number nor a missing token
 * arrives; from then on it is dictionary-encoded (Int32 codes into its distinct strings, -1 missing).
 */
export class ColumnBuilder {
  numeric = true;
  length = 0;
  missing = 0;
  nums: Float64Array = new Float64Array(1024);
  codes = new Int32Array(0);
  values: string[] = [];
  /** Rows spilled before this column appeared (a JSON Lines key first seen late): missing, never in memory. */
  leadingMissing = 0;
  /** About what the dictionary holds in memory. */
  dictionaryBytes = 0;
  /**
   * Set once the dictionary grew too big: from then on every value of the column (those before
   * too) is in this file of text records, in row order, and none in memory.
   */
  textFile: TextRecordWriter | undefined;
  private dict = new Map<string, number>();

  /** `text`: keep every value as written (a type override to a non-numeric type asks for that). */
  constructor(
    public name: string,
    text = false,
  ) {
    if (text) {
      this.numeric = false;
      this.nums = new Float64Array(0);
      this.codes = new Int32Array(1024);
    }
  }

  pushString(s: string): void {
    if (this.numeric) {
      const n = +s;
      if (n === n && s !== '' && endsLikeNumber(s)) return this.pushNum(n);
      if (isMissing(s)) return this.pushMissing();
      this.toStrings();
    }
    if (this.textFile !== undefined) {
      if (isMissing(s)) {
        this.missing++;
        this.textFile.pushMissing();
      } else this.textFile.push(s);
      return;
    }
    if (this.length === this.codes.length) this.codes = grow(this.codes);
    if (isMissing(s)) {
      this.missing++;
      this.codes[this.length++] = -1;
      return;
    }
    this.codes[this.length++] = this.codeOf(s);
  }

  /** The dictionary code of a (non-missing) value, adding it when new. */
  codeOf(s: string): number {
    let code = this.dict.get(s);
    if (code === undefined) {
      code = this.values.length;
      s = ownCopy(s);
      this.dict.set(s, code);
      this.values.push(s);
      this.dictionaryBytes += s.length + ENTRY_BYTES;
    }
    return code;
  }

  /**
   * Moves the column's values, those spooled and those in memory, to a file of text records and
   * lets its dictionary go; later values are appended to the file.
   */
  moveToTextFile(spool: ColumnSpool, index: number): void {
    const file = spool.textFile(index);
    const { values } = this;
    for (let i = 0; i < this.leadingMissing; i++) file.pushMissing();
    for (const segment of spool.segments[index] ?? []) {
      const data = spool.read(segment);
      for (let i = 0; i < data.length; i++) {
        const x = data[i]!;
        if (segment.kind === 'i32' ? x < 0 : Number.isNaN(x)) file.pushMissing();
        else file.push(segment.kind === 'i32' ? values[x]! : String(x));
      }
    }
    spool.segments[index] = [];
    for (let i = 0; i < this.length; i++) {
      const x = this.codes[i]!;
      if (x < 0) file.pushMissing();
      else file.push(values[x]!);
    }
    this.textFile = file;
    this.leadingMissing = 0;
    this.length = 0;
    this.codes = new Int32Array(0);
    this.values = [];
    this.dict = new Map();
    this.dictionaryBytes = 0;
  }

  /** Moves the values in memory to the spool file (missing counts and the dictionary stay). */
  spill(spool: ColumnSpool, index: number): void {
    spool.append(
      index,
      this.numeric ? this.nums.subarray(0, this.length) : this.codes.subarray(0, this.length),
    );
    this.length = 0;
    // The first spill empties a big buffer; keep a chunk's worth, not the budget's.
    if (this.nums.length > SPILLED_CAPACITY) this.nums = new Float64Array(SPILLED_CAPACITY);
    if (this.codes.length > SPILLED_CAPACITY) this.codes = new Int32Array(SPILLED_CAPACITY);
  }

  pushNumber(n: number): void {
    if (!this.numeric) return Number.isNaN(n) ? this.pushString('') : this.pushString(String(n));
    if (Number.isNaN(n)) return this.pushMissing();
    this.pushNum(n);
  }

  /** Numbers, none of them NaN, in one copy (a block parsed on the parse thread). */
  pushNumbers(values: Float64Array): void {
    if (!this.numeric) {
      for (let i = 0; i < values.length; i++) this.pushNumber(values[i]!);
      return;
    }
    while (this.length + values.length > this.nums.length) this.nums = grow(this.nums);
    this.nums.set(values, this.length);
    this.length += values.length;
  }

  pushMissing(): void {
    if (!this.numeric) return this.pushString('');
    this.missing++;
    this.pushNum(Number.NaN);
  }

  /** Any JSON/Parquet/Arrow cell: numbers stay numbers, everything else becomes its text. */
  pushValue(v: unknown): void {
    if (v === null || v === undefined) this.pushMissing();
    else if (typeof v === 'number') this.pushNumber(v);
    else if (typeof v === 'bigint') this.pushNumber(Number(v));
    else if (typeof v === 'string') this.pushString(v);
    else if (typeof v === 'boolean') this.pushString(String(v));
    else if (v instanceof Date) this.pushString(Number.isNaN(v.getTime()) ? '' : v.toISOString());
    else
      this.pushString(
        JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x)),
      );
  }

  private pushNum(n: number): void {
    if (this.length === this.nums.length) this.nums = grow(this.nums);
    this.nums[this.length++] = n;
  }

  /** From numeric to dictionary mode; the numbers so far become their shortest text. */
  private toStrings(): void {
    const { nums, length, missing } = this;
    this.numeric = false;
    this.codes = new Int32Array(Math.max(1024, nums.length));
    this.length = 0;
    this.missing = 0;
    this.nums = new Float64Array(0);
    for (let i = 0; i < length; i++) this.pushString(Number.isNaN(nums[i]!) ? '' : String(nums[i]));
    this.missing = missing; // missing stays missing; this also counts rows already spilled
  }
}

/**
 * A string that holds its own characters: V8 cuts a slice of 13 or more characters as a view of
 * its parent, and a dictionary entry that is a view of the text path's chunk keeps the whole
 * chunk (megabytes) alive. Flattening a concatenation copies.
 */
function ownCopy(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** A cheap guard after `+s` (which also accepts ' ', 'Infinity', '1 '): a number ends in a digit or a dot. */
function endsLikeNumber(s: string): boolean {
  const c = s.charCodeAt(s.length - 1);
  return (c >= 48 && c <= 57) || c === 46;
}

function grow<T extends Float64Array | Int32Array>(a: T): T {
  const next = new (a.constructor as new (n: number) => T)(Math.max(1024, a.length * 2));
  next.set(a);
  return next;
}

/** The columns of one table; JSON rows may bring new columns, which start with missing values. */
export class TableBuilder {
  readonly columns: ColumnBuilder[];
  rows = 0;
  private readonly index = new Map<string, number>();

  constructor(
    names: readonly string[],
    private readonly textColumns: ReadonlySet<string> = new Set(),
  ) {
    this.columns = names.map((n) => new ColumnBuilder(n, textColumns.has(n)));
    names.forEach((n, i) => this.index.set(n, i));
  }

  /**
   * Makes room for `rows` rows in every column at once (instead of doubling, copy after copy). The
   * numbers go in shared memory, so a profile thread reads a finished column where it lies.
   */
  reserve(rows: number): void {
    for (const c of this.columns) {
      if (c.numeric && c.nums.length < rows) {
        const nums = new Float64Array(new SharedArrayBuffer(rows * 8));
        nums.set(c.nums.subarray(0, c.length));
        c.nums = nums;
      } else if (!c.numeric && c.textFile === undefined && c.codes.length < rows) {
        const codes = new Int32Array(rows);
        codes.set(c.codes.subarray(0, c.length));
        c.codes = codes;
      }
    }
  }

  /** Moves every column's rows in memory to the spool file. */
  spill(spool: ColumnSpool): void {
    this.spillDictionaries(spool);
    this.columns.forEach((c, i) => c.spill(spool, i));
    this.spilledRows = this.rows;
  }
  private spilledRows = 0;

  /**
   * While the text columns' dictionaries outgrow the spool's budget for them, the biggest moves to
   * a file of text records (a column of mostly distinct values: names, ids, free text).
   */
  spillDictionaries(spool: ColumnSpool): void {
    for (;;) {
      let total = 0;
      let biggest = -1;
      let biggestBytes = 0;
      this.columns.forEach((c, i) => {
        if (c.numeric) return;
        // A column that turned to text after numbers were spooled: those numbers become entries too.
        let bytes = c.dictionaryBytes;
        for (const s of spool.segments[i] ?? [])
          if (s.kind === 'f64') bytes += s.count * (ENTRY_BYTES + 16);
        total += bytes;
        if (bytes > biggestBytes) [biggest, biggestBytes] = [i, bytes];
      });
      if (total <= spool.dictionaryBudget || biggest < 0) return;
      this.columns[biggest]!.moveToTextFile(spool, biggest);
    }
  }

  /** Spills when the spool is in use already or the columns in memory outgrow its budget. */
  spillIfOver(spool: ColumnSpool): void {
    if (spool.used) return this.spill(spool);
    this.spillDictionaries(spool);
    let bytes = 0;
    for (const c of this.columns) bytes += c.nums.byteLength + c.codes.byteLength;
    if (bytes > spool.budget) this.spill(spool);
  }

  addRow(fields: readonly string[]): void {
    const { columns } = this;
    for (let c = 0; c < columns.length; c++) columns[c]!.pushString(fields[c]!);
    this.rows++;
  }

  /**
   * The fast path for a quote-free CSV line `text[start, end)`: numbers go straight from the text
   * into the column (no field strings). Returns false, adding nothing, when the field count is wrong.
   */
  addDelimitedLine(text: string, start: number, end: number, delimiter: string): boolean {
    const { columns, bounds } = this;
    const n = columns.length;
    let pos = start;
    for (let c = 0; c < n - 1; c++) {
      const d = text.indexOf(delimiter, pos);
      if (d < 0 || d >= end) return false;
      bounds[c] = d;
      pos = d + 1;
    }
    const last = text.indexOf(delimiter, pos);
    if (last >= 0 && last < end) return false;
    bounds[n - 1] = end;
    pos = start;
    for (let c = 0; c < n; c++) {
      const col = columns[c]!;
      const stop = bounds[c]!;
      const x = col.numeric ? fastNumber(text, pos, stop) : undefined;
      if (x === undefined) col.pushString(text.slice(pos, stop));
      else col.pushNumber(x);
      pos = stop + 1;
    }
    this.rows++;
    return true;
  }

  private get bounds(): Int32Array {
    if (this.boundsCache.length < this.columns.length)
      this.boundsCache = new Int32Array(this.columns.length);
    return this.boundsCache;
  }
  private boundsCache = new Int32Array(0);

  addObject(row: Record<string, unknown>): void {
    for (const key of Object.keys(row)) if (!this.index.has(key)) this.addColumn(key);
    for (const col of this.columns) col.pushValue(row[col.name]);
    this.rows++;
  }

  private addColumn(name: string): void {
    const col = new ColumnBuilder(name, this.textColumns.has(name));
    col.leadingMissing = this.spilledRows;
    col.missing = this.spilledRows;
    for (let i = this.spilledRows; i < this.rows; i++) col.pushMissing();
    this.index.set(name, this.columns.length);
    this.columns.push(col);
  }
}

/** Blank names become column_N; repeated names get _2, _3 … (reported) so every column can be addressed. */
export function uniqueNames(raw: readonly string[]): { names: string[]; renamed: string[] } {
  const seen = new Map<string, number>();
  const renamed: string[] = [];
  const names = raw.map((name, i) => {
    const base = name.trim() || `column_${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    if (n === 1) return base;
    renamed.push(`${base} → ${base}_${n}`);
    return `${base}_${n}`;
  });
  return { names, renamed };
}
