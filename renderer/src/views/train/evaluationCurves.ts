import { z } from 'zod';

/** What evaluation.json holds (see electron/core/training/scoreModel.ts); NaN was stored as null. */
const ClassCurve = z.object({ label: z.string() });
const Roc = ClassCurve.extend({
  fpr: z.array(z.number()),
  tpr: z.array(z.number()),
  auc: z.number().nullable(),
});
const Pr = ClassCurve.extend({
  precision: z.array(z.number()),
  recall: z.array(z.number()),
  averagePrecision: z.number().nullable(),
});
const Classification = z.object({ roc: z.array(Roc), pr: z.array(Pr) });
const Regression = z.object({
  residuals: z.array(z.number()),
  predictions: z.array(z.number()),
});

export interface Point {
  x: number;
  y: number;
}

/** One drawn line: its points (at most the cap) and how many the stored curve has. */
export interface CurveSeries {
  name: string;
  /** AUC or average precision; null when undefined (a class absent from the test split). */
  score: number | null;
  points: Point[];
  total: number;
}

export interface EvaluationCurves {
  roc: CurveSeries[];
  pr: CurveSeries[];
  /** Residual (true − predicted) against the prediction, per test row. */
  residuals: { points: Point[]; total: number } | null;
}

/** Points per line: a curve of a 100k-row test split would otherwise be 100k SVG points. */
export const MAX_CURVE_POINTS = 500;
export const MAX_RESIDUAL_POINTS = 2000;

/** Every `n`-th point, always keeping the first and the last, so at most `max` remain. */
export function thin<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return items.slice();
  const step = (items.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => items[Math.round(i * step)]!);
}

const zip = (xs: number[], ys: number[]): Point[] =>
  xs.slice(0, Math.min(xs.length, ys.length)).map((x, i) => ({ x, y: ys[i]! }));

/** The charts' series from a run's evaluation details; null when there is nothing to chart. */
export function evaluationCurves(details: unknown): EvaluationCurves | null {
  const c = Classification.safeParse(details);
  if (c.success && (c.data.roc.length || c.data.pr.length)) {
    return {
      roc: c.data.roc.map((r) => series(r.label, r.auc, zip(r.fpr, r.tpr))),
      pr: c.data.pr.map((p) => series(p.label, p.averagePrecision, zip(p.recall, p.precision))),
      residuals: null,
    };
  }
  const r = Regression.safeParse(details);
  if (r.success && r.data.residuals.length) {
    const points = zip(r.data.predictions, r.data.residuals);
    return {
      roc: [],
      pr: [],
      residuals: { points: thin(points, MAX_RESIDUAL_POINTS), total: points.length },
    };
  }
  return null;
}

function series(name: string, score: number | null, points: Point[]): CurveSeries {
  return { name, score, points: thin(points, MAX_CURVE_POINTS), total: points.length };
}
