import type { ColumnType } from '../../../shared/domain.js';
import type { FinishedColumn } from '../datasets/finishColumns.js';
import { isMissing, parseNumber } from '../datasets/missing.js';
import { UserError } from '../userError.js';
import type { DriftColumn } from './driftStatistics.js';
import { presentInPlace, type NumberSource } from './numberSource.js';
import type { DriftSide } from './openSide.js';

/** A categorical column, its samples in memory. */
export interface AlignedColumn {
  column: DriftColumn;
  referenceMissing: number;
  currentMissing: number;
  note: string | null;
}
/** A numeric column: where its two samples are (read, sorted and tested by numericColumnTask). */
export interface AlignedNumbers {
  name: string;
  reference: NumberSource;
  current: NumberSource;
  note: string | null;
}
export interface UntestableColumn {
  name: string;
  kind: 'numeric' | 'categorical';
  referenceMissing: number;
  currentMissing: number;
  reason: string;
}

const NUMERIC_LIKE: ReadonlySet<ColumnType> = new Set(['numeric', 'datetime']);

/**
 * Pairs the columns both sides share, and lists those only one side has. Numeric (and datetime, as epoch milliseconds) on both sides is
 * compared as numbers; numeric on one side only is compared as categories and says so; free text
 * is not tested. Missing cells are counted and left out of the samples. A numeric column comes out
 * as where its samples are (the cache's Float64 columns, read by the thread that tests them: numbers
 * are never formatted and parsed again); `tested` keeps the columns' order, numeric or not.
 */
export function alignColumns(
  reference: DriftSide,
  current: DriftSide,
  only?: readonly string[],
): {
  tested: (AlignedColumn | AlignedNumbers)[];
  untestable: UntestableColumn[];
  missing: string[];
  added: string[];
} {
  const refHeader = reference.names;
  const curHeader = current.names;
  const shared = refHeader.filter((name) => curHeader.includes(name));
  if (shared.length === 0)
    throw new UserError('the reference and current data have no columns in common');
  for (const name of only ?? []) {
    if (!refHeader.includes(name))
      throw new UserError(`column "${name}" is not in the reference data`);
  }
  const wanted = (name: string) => !only || only.includes(name);
  const missing = refHeader.filter((name) => !curHeader.includes(name) && wanted(name));
  const added = only ? [] : curHeader.filter((name) => !refHeader.includes(name));
  const tested: (AlignedColumn | AlignedNumbers)[] = [];
  const untestable: UntestableColumn[] = [];
  for (const name of shared.filter(wanted)) {
    const refType = reference.types.get(name) ?? 'text';
    const curType = current.types.get(name) ?? 'text';
    const numeric = NUMERIC_LIKE.has(refType) && NUMERIC_LIKE.has(curType) && refType === curType;
    if (numeric) {
      tested.push({
        name,
        reference: numberSource(reference, name, refType),
        current: numberSource(current, name, curType),
        note: refType === 'datetime' ? 'datetime compared as time stamps' : null,
      });
      continue;
    }
    const refColumn = reference.column(name);
    const curColumn = current.column(name);
    const refPresent = presentText(refColumn, reference.rows);
    const curPresent = presentText(curColumn, current.rows);
    const missing = {
      referenceMissing: reference.rows - refPresent.length,
      currentMissing: current.rows - curPresent.length,
    };
    if (refType === 'text' && curType === 'text') {
      untestable.push({
        name,
        kind: 'categorical',
        ...missing,
        reason: 'free text (too many distinct values) is not tested',
      });
    } else {
      tested.push({
        column: {
          name,
          kind: 'categorical',
          reference: refPresent.map((v) => v.trim()),
          current: curPresent.map((v) => v.trim()),
        },
        ...missing,
        note:
          refType !== curType
            ? `${refType} in the reference but ${curType} in the current data: compared as categories`
            : null,
      });
    }
  }
  return { tested, untestable, missing, added };
}

/** A column's cells as text (numbers in their shortest form, missing as ''), as rows of a table hold them. */
function cellText(column: FinishedColumn, rows: number): string[] {
  const out = new Array<string>(rows);
  if (column.type === 'numeric') {
    for (let i = 0; i < rows; i++) {
      const x = column.nums[i]!;
      out[i] = Number.isNaN(x) ? '' : String(x);
    }
  } else {
    for (let i = 0; i < rows; i++) {
      const code = column.codes[i]!;
      out[i] = code < 0 ? '' : column.values[code]!;
    }
  }
  return out;
}

/** The cells that are not missing, as text. */
function presentText(column: FinishedColumn, rows: number): string[] {
  return cellText(column, rows).filter((v) => !isMissing(v));
}

/** Where a numeric or datetime sample is: the cache's Float64 column, else its values in memory. */
function numberSource(side: DriftSide, name: string, type: ColumnType): NumberSource {
  const stored = type === 'numeric' ? side.numbers(name) : null;
  if (stored) return stored;
  const values = presentNumbers(side.column(name), side.rows, type);
  return { kind: 'values', values, missing: side.rows - values.length };
}

/**
 * The present values of a numeric or datetime column as a fresh Float64Array (the caller sorts it
 * in place). A numeric column is read as it is (NaN is missing; -0 becomes 0, as its text form "0"
 * did); a dictionary column is parsed once per distinct value.
 */
function presentNumbers(column: FinishedColumn, rows: number, type: ColumnType): Float64Array {
  if (column.type === 'numeric' && type === 'numeric')
    return presentInPlace(column.nums.slice(0, rows));
  const toNumber = type === 'datetime' ? (v: string) => Date.parse(v.trim()) : parseNumber;
  if (column.type === 'numeric') return Float64Array.from(presentText(column, rows), toNumber);
  // Dictionary codes: each distinct value is checked and parsed once.
  const parsed = column.values.map((v) => (isMissing(v) ? null : toNumber(v)));
  let present = 0;
  for (let i = 0; i < rows; i++) {
    const code = column.codes[i]!;
    if (code >= 0 && parsed[code] !== null) present++;
  }
  const out = new Float64Array(present);
  let k = 0;
  for (let i = 0; i < rows; i++) {
    const code = column.codes[i]!;
    const x = code < 0 ? null : parsed[code]!;
    if (x !== null) out[k++] = x;
  }
  return out;
}
