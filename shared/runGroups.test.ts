import { describe, expect, it } from 'vitest';
import type { ParamValue } from './domain.js';
import {
  describeGroupSpec,
  groupKey,
  groupParamKeys,
  groupRuns,
  groupSpecFromQuery,
  groupSpecToQuery,
  type GroupSpec,
} from './runGroups.js';

const runs: { id: number; params: Record<string, ParamValue> }[] = [
  { id: 1, params: { lr: 0.1, layers: 2, seed: 1 } },
  { id: 2, params: { lr: 0.1, layers: 2, seed: 2 } },
  { id: 3, params: { lr: 0.01, layers: 2, seed: 1 } },
  { id: 4, params: { lr: 0.01, layers: 2, seed: 2 } },
  { id: 5, params: { lr: 0.1, seed: 3 } }, // no layers: a value of its own
  { id: 6, params: { lr: '0.1', layers: 2, seed: 4 } }, // text, not the number 0.1
];

describe('group keys', () => {
  it('tell missing from null, and a number from its text', () => {
    const keys = ['a'];
    const all = (
      [{}, { a: null }, { a: 1 }, { a: '1' }, { a: true }, { a: 'true' }] as Record<
        string,
        ParamValue
      >[]
    ).map((p) => groupKey(p, keys));
    expect(new Set(all).size).toBe(all.length);
    expect(groupKey({ a: 1, b: 2 }, ['a'])).toBe(groupKey({ a: 1, b: 3 }, ['a']));
  });

  it('resolve a spec to sorted param names', () => {
    expect(groupParamKeys({ mode: 'only', params: ['lr', 'batch', 'lr'] }, ['x'])).toEqual([
      'batch',
      'lr',
    ]);
    expect(groupParamKeys({ mode: 'except', params: ['seed'] }, ['seed', 'lr', 'layers'])).toEqual([
      'layers',
      'lr',
    ]);
  });
});

describe('groupRuns', () => {
  it('all params but seed: one group per config, missing and text apart, labelled by what differs', () => {
    const groups = groupRuns(runs, { mode: 'except', params: ['seed'] });
    expect(groups.map((g) => g.ids)).toEqual([[1, 2], [3, 4], [5], [6]]);
    expect(groups.map((g) => g.label)).toEqual([
      'layers = 2, lr = 0.1',
      'layers = 2, lr = 0.01',
      'layers = —, lr = 0.1',
      'layers = 2, lr = "0.1"',
    ]);
  });

  it('only the params named; a param every group shares is left out of the label', () => {
    const groups = groupRuns(runs.slice(0, 4), { mode: 'only', params: ['lr', 'layers'] });
    expect(groups.map((g) => [g.label, g.ids])).toEqual([
      ['lr = 0.1', [1, 2]],
      ['lr = 0.01', [3, 4]],
    ]);
    expect(groupRuns(runs.slice(0, 2), { mode: 'only', params: ['lr'] })).toEqual([
      { key: '[[0.1]]', label: 'all runs', ids: [1, 2] },
    ]);
  });

  it('every param, nothing excepted: each distinct config alone', () => {
    const groups = groupRuns(runs, { mode: 'except', params: [] });
    expect(groups).toHaveLength(6);
  });
});

describe('group specs in the URL', () => {
  const cases: [GroupSpec, string[]][] = [
    [{ mode: 'only', params: ['lr', 'a b,c'] }, ['params.lr', 'params.a b,c']],
    [{ mode: 'except', params: ['seed'] }, ['*', '-params.seed']],
    [{ mode: 'except', params: [] }, ['*']],
  ];
  for (const [spec, values] of cases) {
    it(`${values.join(' ')} round-trips`, () => {
      expect(groupSpecToQuery(spec)).toEqual(values);
      expect(groupSpecFromQuery(values)).toEqual(spec);
    });
  }

  it('a mangled value opens ungrouped, not grouped by part of it', () => {
    for (const bad of [
      ['lr'],
      ['params.lr', 'bogus'],
      ['params.'],
      ['*', 'params.lr'],
      ['params.lr', '*'],
      ['-params.seed'],
      ['*', '*'],
      ['*', '-seed'],
    ])
      expect(groupSpecFromQuery(bad), bad.join(' ')).toBeNull();
    expect(groupSpecFromQuery([])).toBeNull();
  });

  it('reads as the control says it', () => {
    expect(describeGroupSpec({ mode: 'only', params: ['lr', 'layers'] })).toBe('lr, layers');
    expect(describeGroupSpec({ mode: 'except', params: ['seed'] })).toBe('every param except seed');
    expect(describeGroupSpec({ mode: 'except', params: [] })).toBe('every param');
  });
});
