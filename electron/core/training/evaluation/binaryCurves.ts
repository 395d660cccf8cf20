import type { PrCurve, RocCurve } from './types.js';
import { assertFinite, assertNonEmpty, assertSameLength } from './validate.js';

/** Cumulative counts at each distinct score, from the highest score down. */
export interface ThresholdCounts {
  /** False positives among samples scoring ≥ thresholds[i]. */
  fps: number[];
  /** True positives among samples scoring ≥ thresholds[i]. */
  tps: number[];
  /** The distinct scores, decreasing. */
  thresholds: number[];
}

/**
 * sklearn's `_binary_clf_curve`: samples sorted by decreasing score, one point per distinct
 * score (tied scores form a single point, counted after the whole tie), the positives being
 * the samples whose y_true equals `posLabel`. Scores must be finite.
 */
export function binaryClfCurve(
  yTrue: Int32Array,
  scores: ArrayLike<number>,
  posLabel = 1,
): ThresholdCounts {
  assertSameLength(yTrue, scores, 'binaryClfCurve');
  assertNonEmpty(yTrue, 'binaryClfCurve');
  assertFinite(scores, 'binaryClfCurve');
  const order = Array.from(yTrue, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const fps: number[] = [];
  const tps: number[] = [];
  const thresholds: number[] = [];
  let tp = 0;
  for (let i = 0; i < order.length; i++) {
    const s = order[i]!;
    if (yTrue[s] === posLabel) tp++;
    const next = order[i + 1];
    if (next === undefined || scores[next] !== scores[s]) {
      tps.push(tp);
      fps.push(i + 1 - tp);
      thresholds.push(scores[s]!);
    }
  }
  return { fps, tps, thresholds };
}

/** Divides by the last value; all NaN when that is 0 (sklearn warns and does the same). */
function rates(counts: number[]): number[] {
  const total = counts[counts.length - 1]!;
  return total <= 0 ? counts.map(() => NaN) : counts.map((c) => c / total);
}

export interface RocOptions {
  posLabel?: number;
  /** Drop points collinear with their neighbours (sklearn's default, true). */
  dropIntermediate?: boolean;
}

/**
 * sklearn 1.2's `roc_curve(y_true, scores, pos_label, drop_intermediate)`. A leading (0, 0)
 * point is added with threshold max(score) + 1. fpr (tpr) is all NaN when y_true has no
 * negatives (positives).
 */
export function rocCurve(
  yTrue: Int32Array,
  scores: ArrayLike<number>,
  options: RocOptions = {},
): RocCurve {
  const { posLabel = 1, dropIntermediate = true } = options;
  let { fps, tps, thresholds } = binaryClfCurve(yTrue, scores, posLabel);
  if (dropIntermediate && fps.length > 2) {
    // Keep the ends and every corner: a non-zero second difference of fps or tps.
    const keep = fps.map(
      (_, i) =>
        i === 0 ||
        i === fps.length - 1 ||
        fps[i + 1]! - fps[i]! - (fps[i]! - fps[i - 1]!) !== 0 ||
        tps[i + 1]! - tps[i]! - (tps[i]! - tps[i - 1]!) !== 0,
    );
    fps = fps.filter((_, i) => keep[i]);
    tps = tps.filter((_, i) => keep[i]);
    thresholds = thresholds.filter((_, i) => keep[i]);
  }
  return {
    fpr: rates([0, ...fps]),
    tpr: rates([0, ...tps]),
    thresholds: [thresholds[0]! + 1, ...thresholds],
  };
}

/**
 * sklearn 1.2's `precision_recall_curve(y_true, scores, pos_label)`: one point per distinct
 * score, ordered by increasing threshold (so recall decreases), then a final point of
 * precision 1 and recall 0 without a threshold. The full curve is returned (no truncation
 * at full recall). Recall is 1 everywhere when y_true has no positives.
 */
export function precisionRecallCurve(
  yTrue: Int32Array,
  scores: ArrayLike<number>,
  posLabel = 1,
): PrCurve {
  const { fps, tps, thresholds } = binaryClfCurve(yTrue, scores, posLabel);
  const totalTp = tps[tps.length - 1]!;
  const precision = tps.map((tp, i) => {
    const predicted = tp + fps[i]!;
    return predicted === 0 ? 0 : tp / predicted;
  });
  const recall = totalTp === 0 ? tps.map(() => 1) : tps.map((tp) => tp / totalTp);
  return {
    precision: [...precision.reverse(), 1],
    recall: [...recall.reverse(), 0],
    thresholds: thresholds.slice().reverse(),
  };
}
