import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chiSquareHomogeneity } from './chiSquare.js';
import { jensenShannonCategorical } from './jensenShannon.js';
import { psiCategorical } from './psi.js';
import { twoProportionZTest } from './zTest.js';

/** Reference values from SciPy: see fixtures/generate.py. */
interface CategoricalCase {
  name: string;
  ref: Record<string, number>;
  cur: Record<string, number>;
  chiSquare: { statistic: number; pValue: number; dof: number; cramersV: number };
  zTest?: { statistic: number; pValue: number; cohensH: number };
  psi: number;
  js: number;
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/categorical.json', import.meta.url), 'utf8'),
) as { cases: CategoricalCase[] };
const toMap = (o: Record<string, number>): Map<string, number> => new Map(Object.entries(o));

function expectRelative(actual: number, expected: number, rel: number, what: string): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    rel * Math.abs(expected),
  );
}

describe('categorical drift tests match SciPy on the fixtures', () => {
  it('has varied cases', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(25);
    expect(fixture.cases.some((c) => Object.keys(c.ref).length >= 50)).toBe(true);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const ref = toMap(c.ref);
    const cur = toMap(c.cur);

    const chi = chiSquareHomogeneity(ref, cur);
    expectRelative(chi.statistic, c.chiSquare.statistic, 1e-9, 'chi-square statistic');
    expect(
      Math.abs(chi.pValue - c.chiSquare.pValue),
      `chi-square p ${chi.pValue} vs ${c.chiSquare.pValue}`,
    ).toBeLessThanOrEqual(1e-6);
    expect(chi.dof).toBe(c.chiSquare.dof);
    expectRelative(chi.cramersV, c.chiSquare.cramersV, 1e-9, "Cramér's V");

    if (c.zTest !== undefined) {
      const z = twoProportionZTest(ref, cur);
      expectRelative(z.statistic, c.zTest.statistic, 1e-9, 'z statistic');
      expect(
        Math.abs(z.pValue - c.zTest.pValue),
        `z p ${z.pValue} vs ${c.zTest.pValue}`,
      ).toBeLessThanOrEqual(1e-6);
      expectRelative(z.cohensH, c.zTest.cohensH, 1e-9, "Cohen's h");
    }
    expectRelative(psiCategorical(ref, cur), c.psi, 1e-9, 'PSI');
    expectRelative(jensenShannonCategorical(ref, cur), c.js, 1e-9, 'Jensen–Shannon');
  });
});
