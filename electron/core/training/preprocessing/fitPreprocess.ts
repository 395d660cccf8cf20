import type { ColumnType, Task } from '../../../../shared/domain.js';
import type { Table } from '../../datasets/loadTable.js';
import { isMissing, parseNumber } from '../../datasets/missing.js';
import { UserError } from '../../userError.js';
import type { DroppedColumn, FeatureStep, PreprocessSpec } from './preprocessSpec.js';

/** At most this many categories get their own one-hot column; rarer ones share the "other" bucket. */
export const MAX_CATEGORIES = 50;
const DAY_MS = 86_400_000;

export interface FeatureColumn {
  name: string;
  type: ColumnType;
}

/** A datetime cell as days since 1970-01-01 UTC; NaN when missing or unparseable. */
export const parseDays = (raw: string): number => {
  if (isMissing(raw)) return Number.NaN;
  const ms = Date.parse(raw.trim());
  return Number.isNaN(ms) ? Number.NaN : ms / DAY_MS;
};

export function median(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function meanStd(values: ArrayLike<number> & Iterable<number>): {
  mean: number;
  std: number;
} {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let sq = 0;
  for (const v of values) sq += (v - mean) ** 2;
  return { mean, std: Math.sqrt(sq / values.length) || 1 };
}

function columnIndex(table: Table, name: string): number {
  const i = table.header.indexOf(name);
  if (i < 0) throw new UserError(`no column "${name}" in this dataset`);
  return i;
}

function fitScaled(
  name: string,
  kind: 'numeric' | 'datetime',
  raw: string[],
): FeatureStep | DroppedColumn {
  const parse = kind === 'numeric' ? parseNumber : parseDays;
  const values = raw.map(parse);
  const present = values.filter((v) => !Number.isNaN(v));
  if (present.length === 0) return { name, reason: 'all values missing in the training split' };
  const fill = median(present);
  const { mean, std } = meanStd(values.map((v) => (Number.isNaN(v) ? fill : v)));
  return { name, kind, fill, mean, std };
}

function fitOneHot(name: string, raw: string[]): FeatureStep | DroppedColumn {
  const counts = new Map<string, number>();
  for (const cell of raw) {
    if (isMissing(cell)) continue;
    const v = cell.trim();
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  if (counts.size === 0) return { name, reason: 'all values missing in the training split' };
  // Most frequent first, ties alphabetical: deterministic for a given training split.
  const ranked = [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([v]) => v);
  const categories = ranked.slice(0, MAX_CATEGORIES).sort();
  return { name, kind: 'categorical', fill: ranked[0]!, categories };
}

const isDropped = (s: FeatureStep | DroppedColumn): s is DroppedColumn => 'reason' in s;

/** Fits the feature steps on the training rows only; columns that cannot become numbers are dropped and reported. */
export function fitFeatures(
  table: Table,
  columns: readonly FeatureColumn[],
  trainRows: readonly number[],
): { steps: FeatureStep[]; dropped: DroppedColumn[] } {
  const steps: FeatureStep[] = [];
  const dropped: DroppedColumn[] = [];
  for (const column of columns) {
    if (column.type === 'text') {
      dropped.push({ name: column.name, reason: 'free text' });
      continue;
    }
    const c = columnIndex(table, column.name);
    const raw = trainRows.map((r) => table.rows[r]![c] ?? '');
    const step =
      column.type === 'numeric' || column.type === 'datetime'
        ? fitScaled(column.name, column.type, raw)
        : fitOneHot(column.name, raw);
    if (isDropped(step)) dropped.push(step);
    else steps.push(step);
  }
  return { steps, dropped };
}

export function fitSpec(
  table: Table,
  target: string,
  task: Task,
  classes: string[],
  columns: readonly FeatureColumn[],
  trainRows: readonly number[],
  yTrain: Float64Array,
): PreprocessSpec {
  const { steps, dropped } = fitFeatures(table, columns, trainRows);
  if (steps.length === 0) {
    throw new UserError(
      `no usable feature columns besides "${target}" (dropped: ${dropped.map((d) => `${d.name}: ${d.reason}`).join('; ')})`,
    );
  }
  const { mean, std } = task === 'regression' ? meanStd(yTrain) : { mean: 0, std: 1 };
  return {
    format: 'benchtop-preprocessing/1',
    target,
    task,
    classes,
    targetMean: mean,
    targetStd: std,
    steps,
    dropped,
  };
}
