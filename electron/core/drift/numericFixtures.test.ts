import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jensenShannonNumeric } from './jensenShannon.js';
import { ksTwoSample } from './ksTwoSample.js';
import { psiNumeric } from './psi.js';
import { syntheticSample, type SampleSpec } from './syntheticSample.js';
import { wassersteinDistance, wassersteinNormalized } from './wasserstein.js';

/** Reference values from SciPy: see fixtures/generate.py. */
interface NumericCase {
  name: string;
  ref: number[] | SampleSpec;
  cur: number[] | SampleSpec;
  ks: { statistic: number; pValue: number; method: 'exact' | 'asymp' };
  wasserstein: number;
  wassersteinNormalized: number;
  psi: number;
  jsNumeric: number;
}

const revive = (_key: string, v: unknown): unknown =>
  v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v === 'NaN' ? NaN : v;
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/numeric.json', import.meta.url), 'utf8'),
  revive,
) as { cases: NumericCase[] };
const sample = (s: number[] | SampleSpec): Float64Array =>
  Array.isArray(s) ? Float64Array.from(s) : syntheticSample(s);

/** |actual − expected| ≤ rel·|expected| (exact match for non-finite values). */
function expectRelative(actual: number, expected: number, rel: number, what: string): void {
  if (!Number.isFinite(expected)) {
    expect(actual, what).toBe(expected);
    return;
  }
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    rel * Math.abs(expected),
  );
}

describe('numeric drift scores match SciPy on the fixtures', () => {
  it('has varied cases', () => {
    expect(fixture.cases.length).toBeGreaterThan(150);
    expect(fixture.cases.some((c) => c.ks.method === 'asymp')).toBe(true);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const ref = sample(c.ref);
    const cur = sample(c.cur);
    const refCopy = ref.slice();

    const ks = ksTwoSample(ref, cur);
    expectRelative(ks.statistic, c.ks.statistic, 1e-9, 'KS statistic');
    expect(
      Math.abs(ks.pValue - c.ks.pValue),
      `KS p-value ${ks.pValue} vs ${c.ks.pValue}`,
    ).toBeLessThanOrEqual(1e-6);
    expect(ks.method).toBe(c.ks.method);

    expectRelative(wassersteinDistance(ref, cur), c.wasserstein, 1e-9, 'Wasserstein');
    expectRelative(
      wassersteinNormalized(ref, cur),
      c.wassersteinNormalized,
      1e-9,
      'normalised Wasserstein',
    );
    expectRelative(psiNumeric(ref, cur), c.psi, 1e-9, 'PSI');
    expectRelative(jensenShannonNumeric(ref, cur), c.jsNumeric, 1e-9, 'Jensen–Shannon');
    expect(ref).toEqual(refCopy); // inputs untouched
  });
});
