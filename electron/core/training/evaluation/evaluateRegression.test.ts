import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateRegression } from './evaluateRegression.js';
import { meanSquaredError } from './regression.js';
import { numpyMean, numpySum } from './numpySum.js';

type Num = number | null;

interface Fixture {
  versions: { sklearn: string; numpy: string };
  cases: {
    name: string;
    yTrue: number[];
    yPred: number[];
    expected: { metrics: Record<string, Num>; mse: number; residuals: number[] };
  }[];
  sums: { n: number; sum: number; mean: number }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/regression.json', import.meta.url), 'utf8'),
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

describe(`evaluateRegression against scikit-learn ${fixture.versions.sklearn}`, () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const yTrue = Float64Array.from(c.yTrue);
      const yPred = Float64Array.from(c.yPred);
      const result = evaluateRegression(yTrue, yPred);
      expect(Object.keys(result.metrics).sort()).toEqual(Object.keys(c.expected.metrics).sort());
      for (const [name, value] of Object.entries(c.expected.metrics)) {
        expectClose(result.metrics[name]!, value, name);
      }
      expectClose(meanSquaredError(yTrue, yPred), c.expected.mse, 'mse');
      expect(result.residuals).toEqual(c.expected.residuals);
    });
  }

  it('reproduces the huge negative r2 of a constant whose numpy mean is inexact', () => {
    const c = fixture.cases.find((x) => x.name === 'constant_true_inexact_mean')!;
    const r2 = c.expected.metrics.r2!;
    expect(r2).toBeLessThan(-1e20);
    expect(
      evaluateRegression(Float64Array.from(c.yTrue), Float64Array.from(c.yPred)).metrics.r2,
    ).toBe(r2);
  });
});

describe("numpySum reproduces numpy's summation bit for bit", () => {
  for (const { n, sum, mean } of fixture.sums) {
    it(`n = ${n}`, () => {
      const x = Float64Array.from(
        { length: n },
        (_, i) => (((i * 7919) % 10007) - 5003) / 997 / 10 ** (i % 5),
      );
      expect(numpySum(x)).toBe(sum);
      expect(numpyMean(x)).toBe(mean);
    });
  }
});
