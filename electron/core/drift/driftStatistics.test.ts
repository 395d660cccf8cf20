import { describe, expect, it } from 'vitest';
import { chiSquareHomogeneity } from './chiSquare.js';
import { countCategories } from './categories.js';
import {
  autoTest,
  detectDrift,
  testColumn,
  validateThreshold,
  type DriftColumn,
  type TestedColumn,
} from './driftStatistics.js';
import { DriftConfigError } from './errors.js';
import { ksTwoSample } from './ksTwoSample.js';
import { syntheticSample } from './syntheticSample.js';
import { wassersteinNormalized } from './wasserstein.js';

const numeric = (name: string, reference: Float64Array, current: Float64Array): DriftColumn => ({
  name,
  kind: 'numeric',
  reference,
  current,
});
const categorical = (name: string, reference: string[], current: string[]): DriftColumn => ({
  name,
  kind: 'categorical',
  reference,
  current,
});
const repeat = (values: string[], times: number): string[] =>
  Array.from({ length: times }, () => values).flat();
const tested = (r: ReturnType<typeof testColumn>): TestedColumn => {
  if (r.status !== 'tested') throw new Error(`column ${r.column} was skipped`);
  return r;
};

describe('auto test choice (Evidently rules)', () => {
  it('follows the size / kind / distinct-values table', () => {
    expect(autoTest('numeric', 1000, 6)).toBe('ks');
    expect(autoTest('numeric', 1000, 5)).toBe('chisquare');
    expect(autoTest('numeric', 1000, 2)).toBe('z');
    expect(autoTest('categorical', 1000, 50)).toBe('chisquare');
    expect(autoTest('categorical', 1000, 3)).toBe('chisquare');
    expect(autoTest('categorical', 10, 2)).toBe('z');
    expect(autoTest('categorical', 10, 1)).toBe('z');
    expect(autoTest('numeric', 1001, 6)).toBe('wasserstein');
    expect(autoTest('numeric', 1001, 5)).toBe('jensenshannon');
    expect(autoTest('categorical', 1001, 2)).toBe('jensenshannon');
  });

  it('runs KS on small continuous columns with the same numbers as ksTwoSample', () => {
    const ref = syntheticSample({ seed: 1, n: 400, kind: 'irwinhall' });
    const cur = syntheticSample({ seed: 2, n: 300, kind: 'irwinhall', loc: 0.4 });
    const r = tested(testColumn(numeric('x', ref, cur)));
    const ks = ksTwoSample(ref, cur);
    expect(r).toMatchObject({
      test: 'ks',
      chosenBy: 'auto',
      scoreKind: 'p_value',
      statistic: ks.statistic,
      pValue: ks.pValue,
      method: 'exact',
    });
    expect(r.effectSize).toBe(ks.statistic);
    expect(r.effectSizeName).toBe('ks_statistic');
    expect(r.drifted).toBe(ks.pValue < 0.05);
    expect(r.drifted).toBe(true);
  });

  it('runs normalised Wasserstein on large continuous columns', () => {
    const ref = syntheticSample({ seed: 3, n: 5000, kind: 'uniform' });
    const cur = syntheticSample({ seed: 4, n: 5000, kind: 'uniform', loc: 0.01 });
    const r = tested(testColumn(numeric('x', ref, cur)));
    expect(r.test).toBe('wasserstein');
    expect(r.pValue).toBeNull();
    expect(r.statistic).toBe(wassersteinNormalized(ref, cur));
    expect(r.drifted).toBe(r.statistic >= 0.1);
    expect(r.drifted).toBe(false);
  });

  it('tests numeric columns with few distinct values as categories', () => {
    const ref = Float64Array.from({ length: 300 }, (_, i) => i % 3);
    const cur = Float64Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 0 : 1));
    const r = tested(testColumn(numeric('level', ref, cur)));
    expect(r.test).toBe('chisquare');
    const expected = chiSquareHomogeneity(
      countCategories(Array.from(ref, String)),
      countCategories(Array.from(cur, String)),
    );
    expect(r.statistic).toBe(expected.statistic);
    expect(r.dof).toBe(2);
    expect(r.effectSizeName).toBe('cramers_v');
  });

  it('uses the z-test for two categories and Jensen–Shannon above 1000 rows', () => {
    const small = tested(
      testColumn(categorical('flag', repeat(['yes', 'no'], 100), repeat(['yes', 'yes', 'no'], 50))),
    );
    expect(small).toMatchObject({ test: 'z', effectSizeName: 'cohens_h' });
    const big = tested(
      testColumn(
        categorical('flag', repeat(['yes', 'no'], 600), repeat(['yes', 'no', 'maybe'], 400)),
      ),
    );
    expect(big).toMatchObject({
      test: 'jensenshannon',
      scoreKind: 'distance',
      effectSizeName: 'jensen_shannon',
    });
    expect(big.drifted).toBe(big.statistic >= 0.1);
  });
});

describe('overrides and thresholds', () => {
  const ref = syntheticSample({ seed: 5, n: 500, kind: 'irwinhall' });
  const cur = syntheticSample({ seed: 6, n: 500, kind: 'irwinhall', loc: 0.15 });

  it('applies a test and threshold override', () => {
    const r = tested(testColumn(numeric('x', ref, cur), { test: 'psi', threshold: 0.2 }));
    expect(r).toMatchObject({
      test: 'psi',
      chosenBy: 'override',
      threshold: 0.2,
      scoreKind: 'distance',
    });
    expect(r.drifted).toBe(r.score >= 0.2);
  });

  it('applies a threshold-only override to the auto test', () => {
    const loose = tested(testColumn(numeric('x', ref, cur), { threshold: 0.5 }));
    expect(loose.test).toBe('ks');
    expect(loose.threshold).toBe(0.5);
    expect(loose.drifted).toBe(loose.score < 0.5);
  });

  it('counts a distance equal to the threshold as drift, a p-value equal to it as no drift', () => {
    const d = tested(testColumn(numeric('x', ref, cur), { test: 'wasserstein' }));
    expect(
      tested(testColumn(numeric('x', ref, cur), { test: 'wasserstein', threshold: d.score }))
        .drifted,
    ).toBe(true);
    const p = tested(testColumn(numeric('x', ref, cur), { test: 'ks' }));
    expect(
      tested(testColumn(numeric('x', ref, cur), { test: 'ks', threshold: p.score })).drifted,
    ).toBe(false);
  });

  it.each([
    ['ks', 0, /p-value and must be between 0 and 1/],
    ['chisquare', 1, /p-value and must be between 0 and 1/],
    ['z', 1.5, /p-value/],
    ['ks', Number.NaN, /got NaN/],
    ['wasserstein', 0, /distance and must be a finite number > 0/],
    ['psi', -0.1, /distance/],
    ['jensenshannon', Number.POSITIVE_INFINITY, /got Infinity/],
  ] as const)('rejects %s threshold %s', (test, threshold, message) => {
    expect(() => validateThreshold(test, threshold, 'x')).toThrow(DriftConfigError);
    expect(() => validateThreshold(test, threshold, 'x')).toThrow(message);
  });

  it('accepts distances above 1 and p-values inside (0, 1)', () => {
    expect(() => validateThreshold('psi', 2.5)).not.toThrow();
    expect(() => validateThreshold('ks', 0.001)).not.toThrow();
  });
});

describe('dataset drift', () => {
  const drifting = (name: string, seed: number): DriftColumn =>
    numeric(
      name,
      syntheticSample({ seed, n: 300, kind: 'irwinhall' }),
      syntheticSample({ seed: seed + 1, n: 300, kind: 'irwinhall', loc: 1 }),
    );
  const stable = (name: string, seed: number): DriftColumn =>
    numeric(
      name,
      syntheticSample({ seed, n: 300, kind: 'grid', k: 3 }),
      syntheticSample({ seed: seed + 1, n: 300, kind: 'grid', k: 3 }),
    );
  const columns = [drifting('a', 10), drifting('b', 20), stable('c', 30), stable('d', 40)];

  it('drifts when the share of drifted columns reaches drift_share', () => {
    const r = detectDrift(columns);
    expect(r).toMatchObject({
      testedColumns: 4,
      driftedColumns: 2,
      share: 0.5,
      driftShare: 0.5,
      datasetDrift: true,
    });
    expect(detectDrift(columns, { driftShare: 0.75 }).datasetDrift).toBe(false);
  });

  it('skips columns with no values on one side and leaves them out of the share', () => {
    const r = detectDrift([
      ...columns,
      numeric('empty', new Float64Array(0), new Float64Array([1])),
    ]);
    expect(r.columns[4]).toEqual({
      status: 'skipped',
      column: 'empty',
      kind: 'numeric',
      reason: 'no values in the reference data',
    });
    expect(r.testedColumns).toBe(4);
    expect(r.share).toBe(0.5);
  });

  it.each([
    [{ driftShare: 0 }, /drift share must be a number in \(0, 1\]/],
    [{ driftShare: 1.2 }, /drift share/],
    [{ overrides: { nope: { test: 'ks' } } }, /column 'nope', which is not being compared/],
    [{ overrides: { a: { test: 'anova' } } }, /Unknown drift test 'anova' for column 'a'/],
    [{ overrides: { a: { test: 'ks', threshold: 5 } } }, /column 'a' \(ks\) is a p-value/],
    [{ overrides: { a: { threshold: 0 } } }, /column 'a' \(ks\)/],
  ])('rejects bad options %j', (options, message) => {
    expect(() => detectDrift(columns, options as never)).toThrow(DriftConfigError);
    expect(() => detectDrift(columns, options as never)).toThrow(message);
  });

  it('rejects numeric-only tests on categorical columns, z on many categories, and duplicate names', () => {
    const cat = categorical('colour', ['r', 'g', 'b'], ['r', 'g']);
    expect(() => detectDrift([cat], { overrides: { colour: { test: 'ks' } } })).toThrow(
      /categorical; the ks test needs a numeric column/,
    );
    expect(() => detectDrift([cat], { overrides: { colour: { test: 'z' } } })).toThrow(
      /Column 'colour': The z-test compares two categories, but the column has 3/,
    );
    expect(() => detectDrift([cat, cat])).toThrow(/listed twice/);
  });

  it('keeps every message on one line', () => {
    try {
      detectDrift(columns, { overrides: { a: { test: 'wasserstein', threshold: -1 } } });
    } catch (e) {
      expect(e).toBeInstanceOf(DriftConfigError);
      expect((e as Error).message).not.toContain('\n');
    }
  });
});
