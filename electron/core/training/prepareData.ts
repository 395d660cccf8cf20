import { mulberry32, shuffled } from '../../../shared/random.js';
import type { Table } from '../datasets/readCsv.js';
import { isMissing, parseNumber } from '../datasets/missing.js';
import { UserError } from '../userError.js';

export interface Prepared {
  /** Row-major, standardised with the training split's mean and standard deviation. */
  xTrain: Float32Array;
  xVal: Float32Array;
  yTrain: Int32Array;
  yVal: Int32Array;
  classes: string[];
  features: string[];
}

/** Class labels sorted as numbers when they all are, else as strings (sklearn's LabelEncoder order). */
function sortClasses(labels: Iterable<string>): string[] {
  const all = [...new Set(labels)];
  const numeric = all.every((l) => !Number.isNaN(parseNumber(l)));
  return numeric ? all.sort((a, b) => Number(a) - Number(b)) : all.sort();
}

/** Stratified split: each class keeps its share in validation (at least one row of it in training). */
export function stratifiedSplit(y: Int32Array, valFraction: number, seed: number): { train: number[]; val: number[] } {
  const byClass = new Map<number, number[]>();
  y.forEach((c, i) => {
    const rows = byClass.get(c);
    if (rows) rows.push(i);
    else byClass.set(c, [i]);
  });
  const random = mulberry32(seed);
  const train: number[] = [];
  const val: number[] = [];
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = shuffled(byClass.get(c)!, random);
    const nVal = Math.min(rows.length - 1, Math.round(rows.length * valFraction));
    val.push(...rows.slice(0, nVal));
    train.push(...rows.slice(nVal));
  }
  return { train: train.sort((a, b) => a - b), val: val.sort((a, b) => a - b) };
}

/** Turns a table into standardised numeric features and class indices for classification. */
export function prepareClassification(
  table: Table,
  target: string,
  features: string[],
  valFraction: number,
  seed: number,
): Prepared {
  const targetIndex = table.header.indexOf(target);
  if (targetIndex < 0) throw new UserError(`no column "${target}" in this dataset`);
  const featureIndex = features.map((f) => {
    const i = table.header.indexOf(f);
    if (i < 0) throw new UserError(`no column "${f}" in this dataset`);
    return i;
  });
  const rows = table.rows.filter((r) => !isMissing(r[targetIndex] ?? ''));
  const labels = rows.map((r) => r[targetIndex]!.trim());
  const classes = sortClasses(labels);
  if (classes.length < 2) throw new UserError(`target "${target}" has only one class; nothing to learn`);
  const classOf = new Map(classes.map((c, i) => [c, i]));
  const y = Int32Array.from(labels, (l) => classOf.get(l)!);
  const { train, val } = stratifiedSplit(y, valFraction, seed);
  if (val.length === 0) throw new UserError('too few rows to hold out a validation split');

  const d = features.length;
  const raw = rows.map((r) => featureIndex.map((c) => parseNumber(r[c] ?? '')));
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  const fill = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const present = train.map((i) => raw[i]![j]!).filter((v) => !Number.isNaN(v));
    fill[j] = median(present);
    const values = train.map((i) => (Number.isNaN(raw[i]![j]!) ? fill[j]! : raw[i]![j]!));
    mean[j] = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, v) => a + (v - mean[j]!) ** 2, 0) / values.length;
    std[j] = Math.sqrt(variance) || 1;
  }
  const matrix = (idx: number[]) => {
    const out = new Float32Array(idx.length * d);
    idx.forEach((i, r) => {
      for (let j = 0; j < d; j++) {
        const v = Number.isNaN(raw[i]![j]!) ? fill[j]! : raw[i]![j]!;
        out[r * d + j] = (v - mean[j]!) / std[j]!;
      }
    });
    return out;
  };
  return {
    xTrain: matrix(train),
    xVal: matrix(val),
    yTrain: Int32Array.from(train, (i) => y[i]!),
    yVal: Int32Array.from(val, (i) => y[i]!),
    classes,
    features,
  };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = values.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
