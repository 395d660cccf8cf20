import type { Column, ColumnType } from '../../../shared/domain.js';
import { isMissing, parseNumber } from './missing.js';

const BOOLEAN_PAIRS = [
  ['true', 'false'],
  ['yes', 'no'],
  ['t', 'f'],
];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
/** At most this many distinct strings (or this share of the values) is categorical; more is free text. */
const MAX_CATEGORIES = 50;
const MAX_CATEGORY_SHARE = 0.05;

export function inferType(values: readonly string[]): { type: ColumnType; missing: number; distinct: number } {
  const present = new Set<string>();
  let missing = 0;
  for (const v of values) {
    if (isMissing(v)) missing++;
    else present.add(v.trim());
  }
  const distinct = present.size;
  const nonMissing = values.length - missing;
  const all = (test: (v: string) => boolean) => distinct > 0 && [...present].every(test);

  let type: ColumnType;
  if (distinct === 0) type = 'text';
  else if (all((v) => !Number.isNaN(parseNumber(v)))) type = 'numeric';
  else if (BOOLEAN_PAIRS.some((pair) => all((v) => pair.includes(v.toLowerCase())))) type = 'boolean';
  else if (all((v) => ISO_DATE.test(v) && !Number.isNaN(Date.parse(v)))) type = 'datetime';
  else if (distinct <= MAX_CATEGORIES || distinct <= nonMissing * MAX_CATEGORY_SHARE) type = 'categorical';
  else type = 'text';
  return { type, missing, distinct };
}

/** Profiles each column of a parsed table (rows of strings, header excluded). */
export function inferColumns(header: readonly string[], rows: readonly string[][]): Column[] {
  return header.map((name, c) => ({ name, ...inferType(rows.map((r) => r[c] ?? '')) }));
}
