import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { argmaxRows } from './argmax.js';
import { confusionMatrix } from './confusionMatrix.js';
import { macroScores } from './classificationScores.js';
import { evaluateClassification } from './evaluateClassification.js';
import { presentLabels } from './labels.js';
import { logLoss } from './logLoss.js';

/** JSON null stands for NaN (sklearn's undefined results, or where sklearn raises). */
type Num = number | null;

interface Fixture {
  versions: { sklearn: string; numpy: string };
  cases: {
    name: string;
    classes: string[];
    yTrue: number[];
    proba: number[][];
    expected: {
      yPred: number[];
      metrics: Record<string, Num>;
      presentLabels: number[];
      confusionPresent: number[][];
      confusion: number[][];
      withLabels: {
        labels: number[];
        precision_macro: number;
        recall_macro: number;
        f1_macro: number;
        confusion: number[][];
      }[];
      roc: { classIndex: number; fpr: Num[]; tpr: Num[]; thresholds: number[]; auc: Num }[];
      pr: {
        classIndex: number;
        precision: number[];
        recall: number[];
        thresholds: number[];
        averagePrecision: number;
      }[];
      onStrings?: Record<string, number>;
    };
  }[];
  logLoss: { name: string; yTrue: number[]; proba: number[][]; expected: number }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/classification.json', import.meta.url), 'utf8'),
) as Fixture;

/** Within 1e-9, absolute for |expected| ≤ 1 and relative above; null expects NaN. */
function expectClose(actual: number, expected: Num, what: string): void {
  if (expected === null) {
    expect(actual, what).toBeNaN();
    return;
  }
  const error = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
  expect(error, `${what}: ${actual} vs sklearn ${expected}`).toBeLessThanOrEqual(1e-9);
}

function expectAllClose(actual: number[], expected: Num[], what: string): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  actual.forEach((a, i) => expectClose(a, expected[i]!, `${what}[${i}]`));
}

const inputs = (c: Fixture['cases'][number]) => ({
  yTrue: Int32Array.from(c.yTrue),
  proba: Float64Array.from(c.proba.flat()),
});

describe(`evaluateClassification against scikit-learn ${fixture.versions.sklearn}`, () => {
  it('has the fixture cases it is meant to have', () => {
    expect(fixture.cases.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'iris',
        'wine',
        'breast_cancer',
        'binary_string_labels',
        'perfect_one_hot',
      ]),
    );
  });

  for (const c of fixture.cases) {
    describe(c.name, () => {
      const { yTrue, proba } = inputs(c);
      const result = evaluateClassification(yTrue, proba, c.classes);
      const yPred = argmaxRows(proba, c.classes.length);

      it('predicts the argmax (first on ties)', () => {
        expect(Array.from(yPred)).toEqual(c.expected.yPred);
      });

      it('computes every metric', () => {
        expect(Object.keys(result.metrics).sort()).toEqual(Object.keys(c.expected.metrics).sort());
        for (const [name, value] of Object.entries(c.expected.metrics)) {
          expectClose(result.metrics[name]!, value, name);
        }
      });

      it('builds the k×k confusion matrix and the default-label one', () => {
        expect(result.confusion).toEqual(c.expected.confusion);
        expect(presentLabels(yTrue, yPred)).toEqual(c.expected.presentLabels);
        expect(confusionMatrix(yTrue, yPred)).toEqual(c.expected.confusionPresent);
      });

      it('honours explicit label lists', () => {
        for (const w of c.expected.withLabels) {
          const macro = macroScores(yTrue, yPred, w.labels);
          const at = `labels ${w.labels.join(',')}`;
          expectClose(macro.precision, w.precision_macro, `${at} precision`);
          expectClose(macro.recall, w.recall_macro, `${at} recall`);
          expectClose(macro.f1, w.f1_macro, `${at} f1`);
          expect(confusionMatrix(yTrue, yPred, w.labels)).toEqual(w.confusion);
        }
      });

      it('matches roc_curve and precision_recall_curve point by point', () => {
        expect(result.roc.map((r) => r.classIndex)).toEqual(
          c.expected.roc.map((r) => r.classIndex),
        );
        result.roc.forEach((r, i) => {
          const e = c.expected.roc[i]!;
          expect(r.label).toBe(c.classes[r.classIndex]);
          expectAllClose(r.fpr, e.fpr, `roc ${r.classIndex} fpr`);
          expectAllClose(r.tpr, e.tpr, `roc ${r.classIndex} tpr`);
          expectAllClose(r.thresholds, e.thresholds, `roc ${r.classIndex} thresholds`);
          expectClose(r.auc, e.auc, `roc ${r.classIndex} auc`);
        });
        expect(result.pr.map((r) => r.classIndex)).toEqual(c.expected.pr.map((r) => r.classIndex));
        result.pr.forEach((r, i) => {
          const e = c.expected.pr[i]!;
          expectAllClose(r.precision, e.precision, `pr ${r.classIndex} precision`);
          expectAllClose(r.recall, e.recall, `pr ${r.classIndex} recall`);
          expectAllClose(r.thresholds, e.thresholds, `pr ${r.classIndex} thresholds`);
          expectClose(
            r.averagePrecision,
            e.averagePrecision,
            `pr ${r.classIndex} average precision`,
          );
        });
      });

      if (c.expected.onStrings) {
        it('agrees with sklearn run on the string labels themselves', () => {
          for (const [name, value] of Object.entries(c.expected.onStrings!)) {
            expectClose(result.metrics[name]!, value, `${name} on strings`);
          }
        });
      }
    });
  }
});

describe('logLoss edge cases against scikit-learn', () => {
  for (const c of fixture.logLoss) {
    it(c.name, () => {
      const value = logLoss(Int32Array.from(c.yTrue), Float64Array.from(c.proba.flat()));
      expectClose(value, c.expected, c.name);
    });
  }
});

describe('evaluateClassification input checks', () => {
  it('rejects a proba of the wrong size, too few classes, and out-of-range classes', () => {
    const y = Int32Array.from([0, 1]);
    expect(() => evaluateClassification(y, new Float64Array(3), ['a', 'b'])).toThrow(RangeError);
    expect(() => evaluateClassification(y, new Float64Array(2), ['a'])).toThrow(RangeError);
    expect(() =>
      evaluateClassification(Int32Array.from([0, 2]), new Float64Array(4), ['a', 'b']),
    ).toThrow(RangeError);
    expect(() => evaluateClassification(y, Float64Array.from([NaN, 1, 0, 1]), ['a', 'b'])).toThrow(
      RangeError,
    );
  });

  it('passes explicit labels through to the macro scores', () => {
    const y = Int32Array.from([0, 0, 1, 1]);
    const proba = Float64Array.from([0.9, 0.1, 0.2, 0.8, 0.3, 0.7, 0.6, 0.4]);
    const all = evaluateClassification(y, proba, ['a', 'b']);
    const onlyB = evaluateClassification(y, proba, ['a', 'b'], { labels: [1] });
    expect(all.metrics.precision_macro).toBe(0.5);
    expect(onlyB.metrics.precision_macro).toBe(0.5);
    expect(onlyB.metrics.recall_macro).toBe(0.5);
  });
});
