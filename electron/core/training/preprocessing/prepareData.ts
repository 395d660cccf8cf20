import type { Task } from '../../../../shared/domain.js';
import type { Table } from '../../datasets/loadTable.js';
import { isMissing, parseNumber } from '../../datasets/missing.js';
import { UserError } from '../../userError.js';
import { fitSpec, type FeatureColumn } from './fitPreprocess.js';
import type { PreprocessSpec } from './preprocessSpec.js';
import { randomSplit, stratifiedSplit, type Split, type SplitOptions } from './split.js';
import { inputWidth, transformRows } from './transform.js';

export type Part = 'train' | 'val' | 'test';
export const PARTS: readonly Part[] = ['train', 'val', 'test'];

export interface PreparedData {
  spec: PreprocessSpec;
  width: number;
  x: Record<Part, Float32Array>;
  /** Class indices (classification) or raw targets (regression), per part. */
  y: Record<Part, Float64Array>;
  rows: Record<Part, number>;
}

/** Class labels sorted as numbers when they all are, else as strings (sklearn's LabelEncoder order). */
export function sortClasses(labels: Iterable<string>): string[] {
  const all = [...new Set(labels)];
  const numeric = all.every((l) => !Number.isNaN(parseNumber(l)));
  return numeric ? all.sort((a, b) => Number(a) - Number(b)) : all.sort();
}

function encodeTarget(table: Table, target: string, task: Task): EncodedTarget {
  const t = table.header.indexOf(target);
  if (t < 0) throw new UserError(`no column "${target}" in this dataset`);
  const rows = table.rows.flatMap((r, i) => (isMissing(r[t] ?? '') ? [] : [i]));
  if (rows.length === 0) throw new UserError(`target "${target}" has no values`);
  const labels = rows.map((r) => table.rows[r]![t]!.trim());
  if (task === 'regression') {
    const y = Float64Array.from(labels, parseNumber);
    const bad = y.findIndex(Number.isNaN);
    if (bad >= 0)
      throw new UserError(
        `target "${target}" has the non-number "${labels[bad]}" in row ${rows[bad]! + 2}; regression needs numbers`,
      );
    if (y.every((v) => v === y[0]))
      throw new UserError(`target "${target}" is constant; nothing to learn`);
    return { rows, y, classes: [] };
  }
  const classes = sortClasses(labels);
  if (classes.length < 2)
    throw new UserError(`target "${target}" has only one class; nothing to learn`);
  const index = new Map(classes.map((c, i) => [c, i]));
  return { rows, y: Float64Array.from(labels, (l) => index.get(l)!), classes };
}

export interface EncodedTarget {
  /** Table rows that have a target value. */
  rows: number[];
  /** Class index or value per entry of `rows`. */
  y: Float64Array;
  classes: string[];
}

/** Target encoding, the seeded split, and the preprocessing fitted on the training split only. */
export function prepareData(
  table: Table,
  target: string,
  task: Task,
  columns: readonly FeatureColumn[],
  options: SplitOptions,
): PreparedData & { encoded: EncodedTarget; split: Split } {
  const encoded = encodeTarget(table, target, task);
  const split: Split =
    task === 'regression'
      ? randomSplit(encoded.rows.length, options)
      : stratifiedSplit(Int32Array.from(encoded.y), options);
  return { ...prepareFromSplit(table, target, task, columns, encoded, split), encoded, split };
}

/** Fits the preprocessing on `split.train` (indices into `encoded`) and transforms every part with it. */
export function prepareFromSplit(
  table: Table,
  target: string,
  task: Task,
  columns: readonly FeatureColumn[],
  encoded: EncodedTarget,
  split: Split,
): PreparedData {
  const pick = (idx: number[]) => Float64Array.from(idx, (i) => encoded.y[i]!);
  const tableRows = (idx: number[]) => idx.map((i) => encoded.rows[i]!);
  const spec = fitSpec(
    table,
    target,
    task,
    encoded.classes,
    columns,
    tableRows(split.train),
    pick(split.train),
  );
  const x = {} as Record<Part, Float32Array>;
  const y = {} as Record<Part, Float64Array>;
  const rows = {} as Record<Part, number>;
  for (const part of PARTS) {
    x[part] = transformRows(spec, table, tableRows(split[part]));
    y[part] = pick(split[part]);
    rows[part] = split[part].length;
  }
  return { spec, width: inputWidth(spec), x, y, rows };
}
