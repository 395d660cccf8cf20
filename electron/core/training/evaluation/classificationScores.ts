import { resolveLabels } from './labels.js';
import { numpyMean } from './numpySum.js';
import { assertNonEmpty, assertSameLength } from './validate.js';

/** Per-label scores over `labels`, in that order; `support` is the count in y_true. */
export interface PerLabelScores {
  labels: number[];
  precision: number[];
  recall: number[];
  f1: number[];
  support: number[];
}

export interface MacroScores {
  precision: number;
  recall: number;
  f1: number;
}

/** sklearn's `accuracy_score`: the fraction of exact matches. */
export function accuracy(yTrue: Int32Array, yPred: Int32Array): number {
  assertSameLength(yTrue, yPred, 'accuracy');
  assertNonEmpty(yTrue, 'accuracy');
  let hits = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) hits++;
  return hits / yTrue.length;
}

/** tp / denominator, or 0 when the denominator is 0 (sklearn's zero_division='warn' value). */
function divide(tp: number, denominator: number): number {
  return denominator === 0 ? 0 : tp / denominator;
}

/**
 * sklearn's `precision_recall_fscore_support(average=None, labels=labels)` with the default
 * zero_division='warn': a precision with no predictions of the class, or a recall with no
 * true samples of it, is ill-defined and counts as 0 (sklearn also warns; we do not), and
 * F1 is 0 whenever precision + recall is 0. See labels.ts for the default labels.
 */
export function perLabelScores(
  yTrue: Int32Array,
  yPred: Int32Array,
  labels?: readonly number[],
): PerLabelScores {
  assertSameLength(yTrue, yPred, 'perLabelScores');
  assertNonEmpty(yTrue, 'perLabelScores');
  const ls = resolveLabels(yTrue, yPred, labels);
  const position = new Map(ls.map((label, i) => [label, i]));
  const tp = new Array<number>(ls.length).fill(0);
  const predSum = new Array<number>(ls.length).fill(0);
  const trueSum = new Array<number>(ls.length).fill(0);
  for (let s = 0; s < yTrue.length; s++) {
    const t = position.get(yTrue[s]!);
    const p = position.get(yPred[s]!);
    if (t !== undefined) trueSum[t]! += 1;
    if (p !== undefined) predSum[p]! += 1;
    if (t !== undefined && yTrue[s] === yPred[s]) tp[t]! += 1;
  }
  const precision = ls.map((_, i) => divide(tp[i]!, predSum[i]!));
  const recall = ls.map((_, i) => divide(tp[i]!, trueSum[i]!));
  const f1 = ls.map((_, i) => {
    const p = precision[i]!;
    const r = recall[i]!;
    const denominator = p + r;
    return (2 * p * r) / (denominator === 0 ? 1 : denominator);
  });
  return { labels: ls, precision, recall, f1, support: trueSum };
}

/** Unweighted means of the per-label scores: sklearn's `average='macro'`. */
export function macroScores(
  yTrue: Int32Array,
  yPred: Int32Array,
  labels?: readonly number[],
): MacroScores {
  const s = perLabelScores(yTrue, yPred, labels);
  return { precision: numpyMean(s.precision), recall: numpyMean(s.recall), f1: numpyMean(s.f1) };
}

/** `precision_score(y_true, y_pred, average='macro', labels=labels)`. */
export function precisionMacro(
  yTrue: Int32Array,
  yPred: Int32Array,
  labels?: readonly number[],
): number {
  return macroScores(yTrue, yPred, labels).precision;
}

/** `recall_score(y_true, y_pred, average='macro', labels=labels)`. */
export function recallMacro(
  yTrue: Int32Array,
  yPred: Int32Array,
  labels?: readonly number[],
): number {
  return macroScores(yTrue, yPred, labels).recall;
}

/** `f1_score(y_true, y_pred, average='macro', labels=labels)`. */
export function f1Macro(yTrue: Int32Array, yPred: Int32Array, labels?: readonly number[]): number {
  return macroScores(yTrue, yPred, labels).f1;
}
