import type { ColumnType } from '../../../shared/domain.js';
import type { Table } from '../datasets/loadTable.js';
import { isMissing, parseNumber } from '../datasets/missing.js';
import { UserError } from '../userError.js';
import type { DriftColumn } from './driftStatistics.js';

export interface SideColumns {
  table: Table;
  types: ReadonlyMap<string, ColumnType>;
}

export interface AlignedColumn {
  column: DriftColumn;
  referenceMissing: number;
  currentMissing: number;
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
 * is not tested. Missing cells are counted and left out of the samples.
 */
export function alignColumns(
  reference: SideColumns,
  current: SideColumns,
  only?: readonly string[],
): { tested: AlignedColumn[]; untestable: UntestableColumn[]; missing: string[]; added: string[] } {
  const shared = reference.table.header.filter((name) => current.table.header.includes(name));
  if (shared.length === 0)
    throw new UserError('the reference and current data have no columns in common');
  for (const name of only ?? []) {
    if (!reference.table.header.includes(name))
      throw new UserError(`column "${name}" is not in the reference data`);
  }
  const wanted = (name: string) => !only || only.includes(name);
  const missing = reference.table.header.filter(
    (name) => !current.table.header.includes(name) && wanted(name),
  );
  const added = only
    ? []
    : current.table.header.filter((name) => !reference.table.header.includes(name));
  const tested: AlignedColumn[] = [];
  const untestable: UntestableColumn[] = [];
  for (const name of shared.filter(wanted)) {
    const refType = reference.types.get(name) ?? 'text';
    const curType = current.types.get(name) ?? 'text';
    const refRaw = columnValues(reference.table, name);
    const curRaw = columnValues(current.table, name);
    const refPresent = refRaw.filter((v) => !isMissing(v));
    const curPresent = curRaw.filter((v) => !isMissing(v));
    const missing = {
      referenceMissing: refRaw.length - refPresent.length,
      currentMissing: curRaw.length - curPresent.length,
    };
    const numeric = NUMERIC_LIKE.has(refType) && NUMERIC_LIKE.has(curType) && refType === curType;
    if (refType === 'text' && curType === 'text') {
      untestable.push({
        name,
        kind: 'categorical',
        ...missing,
        reason: 'free text (too many distinct values) is not tested',
      });
    } else if (numeric) {
      const toNumber = refType === 'datetime' ? (v: string) => Date.parse(v.trim()) : parseNumber;
      tested.push({
        column: {
          name,
          kind: 'numeric',
          reference: Float64Array.from(refPresent, toNumber),
          current: Float64Array.from(curPresent, toNumber),
        },
        ...missing,
        note: refType === 'datetime' ? 'datetime compared as time stamps' : null,
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

function columnValues(table: Table, name: string): string[] {
  const index = table.header.indexOf(name);
  return table.rows.map((r) => r[index] ?? '');
}
