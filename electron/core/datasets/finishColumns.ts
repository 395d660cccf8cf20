import type { ColumnType } from '../../../shared/domain.js';
import { parseNumber } from './missing.js';
import type { ColumnBuilder } from './tableBuilder.js';

/** A finished column: numbers for numeric ones, dictionary codes (-1 missing) for the rest. */
export type FinishedColumn =
  | { name: string; type: 'numeric'; missing: number; nums: Float64Array }
  | {
      name: string;
      type: Exclude<ColumnType, 'numeric'>;
      missing: number;
      codes: Int32Array;
      values: string[];
    };

const BOOLEAN_PAIRS = [
  ['true', 'false'],
  ['yes', 'no'],
  ['t', 'f'],
  ['y', 'n'],
];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** Common non-ISO dates: 2024/01/31, 31.01.2024, 01/31/2024 or 31/01/2024 (with an optional time). */
const COMMON_DATE =
  /^(\d{4}\/\d{1,2}\/\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{4})( \d{1,2}:\d{2}(:\d{2})?)?$/;
/** At most this many distinct strings (or this share of the values) is categorical; more is free text. */
const MAX_CATEGORIES = 50;
const MAX_CATEGORY_SHARE = 0.05;

export const isDateText = (v: string): boolean =>
  (ISO_DATE.test(v) && !Number.isNaN(Date.parse(v))) || COMMON_DATE.test(v);

/**
 * The type of a text column, judged on its distinct values seen one at a time (each once): all
 * one boolean pair, all dates, few enough to be categories, or free text.
 */
export class TextTypeJudge {
  private distinct = 0;
  private pairs = BOOLEAN_PAIRS;
  private dates = true;

  see(value: string): void {
    this.distinct++;
    if (this.pairs.length === 0 && !this.dates) return;
    const v = value.trim();
    if (this.pairs.length > 0) {
      const lower = v.toLowerCase();
      this.pairs = this.pairs.filter((pair) => pair.includes(lower));
    }
    if (this.dates) this.dates = isDateText(v);
  }

  type(nonMissing: number): Exclude<ColumnType, 'numeric'> {
    const { distinct } = this;
    if (distinct === 0) return 'text';
    if (this.pairs.length > 0) return 'boolean';
    if (this.dates) return 'datetime';
    if (distinct <= MAX_CATEGORIES || distinct <= nonMissing * MAX_CATEGORY_SHARE)
      return 'categorical';
    return 'text';
  }
}

/** The type of a dictionary-encoded column, judged on its distinct values. */
export function inferTextType(
  values: readonly string[],
  nonMissing: number,
): Exclude<ColumnType, 'numeric'> {
  const judge = new TextTypeJudge();
  for (const v of values) judge.see(v);
  return judge.type(nonMissing);
}

/** Decides each column's type (an override wins) and converts it to that type's storage. */
export function finishColumn(
  col: ColumnBuilder,
  override: ColumnType | undefined,
  warnings: string[],
): FinishedColumn {
  const { name, length } = col;
  const present = length - col.missing;
  if (col.numeric) {
    const nums = col.nums.subarray(0, length);
    const type = override ?? (present > 0 ? 'numeric' : 'text');
    if (type === 'numeric') return { name, type, missing: col.missing, nums };
    const values: string[] = [];
    const dict = new Map<number, number>();
    const codes = new Int32Array(length);
    for (let i = 0; i < length; i++) {
      const n = nums[i]!;
      if (Number.isNaN(n)) codes[i] = -1;
      else {
        let code = dict.get(n);
        if (code === undefined) {
          code = values.length;
          dict.set(n, code);
          values.push(String(n));
        }
        codes[i] = code;
      }
    }
    return { name, type, missing: col.missing, codes, values };
  }
  const codes = col.codes.subarray(0, length);
  const type = override ?? inferTextType(col.values, present);
  if (type !== 'numeric') return { name, type, missing: col.missing, codes, values: col.values };
  const parsed = col.values.map((v) => parseNumber(v));
  const nums = new Float64Array(length);
  let missing = 0;
  let unparsable = 0;
  for (let i = 0; i < length; i++) {
    const c = codes[i]!;
    const n = c < 0 ? Number.NaN : parsed[c]!;
    if (Number.isNaN(n)) {
      missing++;
      if (c >= 0) unparsable++;
    }
    nums[i] = n;
  }
  if (unparsable)
    warnings.push(`${name}: ${unparsable} values that are not numbers count as missing`);
  return { name, type, missing, nums };
}
