import type { ColumnType } from '../../../../shared/domain.js';

/** What a column's flag reads from: the profile's fields, or a schema column's when there is no profile. */
export interface FlaggableColumn {
  type: ColumnType;
  missing: number;
  distinct: number;
  top?: readonly { value: string }[] | null;
  stats?: { min: number } | null;
}

export interface ColumnFlag {
  label: 'all missing' | 'constant';
  reason: string;
}

/**
 * A column that cannot help a model: every row empty (all missing), or one value in every
 * non-empty row (constant). Constant means exactly one distinct present value; a column of
 * one row is not flagged, since nothing could vary in it.
 */
export function columnFlag(column: FlaggableColumn, rows: number): ColumnFlag | null {
  if (rows === 0) return null;
  if (column.missing >= rows)
    return { label: 'all missing', reason: `all ${rows} rows are empty: nothing to learn from` };
  if (column.distinct !== 1 || rows < 2) return null;
  const value =
    column.top?.[0]?.value ?? (column.stats ? String(column.stats.min) : 'the same value');
  return {
    label: 'constant',
    reason:
      column.missing === 0
        ? `every row holds ${value}: it cannot tell rows apart`
        : `every non-empty row holds ${value} (${column.missing} empty): it cannot tell rows apart`,
  };
}
