import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute, type Route } from './route.js';

describe('drift routes', () => {
  const cases: [string, Route][] = [
    ['#/drift', { view: 'drift', reportId: null, reference: null, current: null }],
    ['#/drift/12', { view: 'drift', reportId: 12, reference: null, current: null }],
    ['#/drift?ref=3&cur=4', { view: 'drift', reportId: null, reference: 3, current: 4 }],
    ['#/drift?ref=3', { view: 'drift', reportId: null, reference: 3, current: null }],
  ];
  for (const [hash, route] of cases) {
    it(`${hash} round-trips`, () => {
      expect(parseRoute(hash)).toEqual(route);
      expect(hrefOf(route)).toBe(hash);
    });
  }

  it('ignores ids that are not numbers', () => {
    expect(parseRoute('#/drift?ref=x&cur=2')).toEqual({
      view: 'drift',
      reportId: null,
      reference: null,
      current: 2,
    });
  });
});

describe('model routes', () => {
  it('round-trips a model name that needs escaping, with its selection', () => {
    const route: Route = { view: 'model', name: 'churn / v2 <b>', a: 3, b: 5 };
    expect(parseRoute(hrefOf(route))).toEqual(route);
    expect(parseRoute('#/models/iris-clf')).toEqual({
      view: 'model',
      name: 'iris-clf',
      a: null,
      b: null,
    });
  });
});

describe('settings route', () => {
  it('#/settings round-trips; anything after it is not settings', () => {
    expect(parseRoute('#/settings')).toEqual({ view: 'settings' });
    expect(hrefOf({ view: 'settings' })).toBe('#/settings');
    expect(parseRoute('#/settings/x')).toEqual({ view: 'home' });
  });
});

describe('MLflow run links', () => {
  it('reads the run page links MLflow’s client prints, and nothing looser', () => {
    const id = '3c16dc6203cc461589084a708bd3378a';
    expect(parseRoute(`#/experiments/1/runs/${id}`)).toEqual({ view: 'mlflowRun', runId: id });
    expect(parseRoute(`#/experiments/x/runs/${id}`)).toEqual({ view: 'home' });
    expect(parseRoute('#/experiments/1/runs/abc')).toEqual({ view: 'home' });
  });
});

describe('explorer routes', () => {
  it('keeps the filter, sort and columns in the URL, and reads them back', () => {
    const route: Route = {
      view: 'explorer',
      filter: 'params.lr < 0.01 and tags.note = "a&b #1"',
      sort: ['-metrics.test_accuracy', 'params.lr'],
      columns: ['metrics.test_accuracy', 'params.a,b', 'tags.baseline'],
    };
    const href = hrefOf(route);
    expect(href.startsWith('#/runs?')).toBe(true);
    expect(parseRoute(href)).toEqual(route);
    // A choice of no columns is not the default columns.
    expect(parseRoute(hrefOf({ view: 'explorer', columns: [] }))).toEqual({
      view: 'explorer',
      columns: [],
    });
  });

  it('is #/runs with nothing chosen, and #/runs/<id> stays a run page', () => {
    expect(hrefOf({ view: 'explorer' })).toBe('#/runs');
    expect(parseRoute('#/runs')).toEqual({ view: 'explorer' });
    expect(parseRoute('#/runs/12')).toEqual({ view: 'run', id: 12 });
    expect(parseRoute('#/runs?')).toEqual({ view: 'explorer' });
  });

  it('leaves out values not of their form, so a mangled link opens the defaults', () => {
    expect(parseRoute('#/runs?sort=%E0%A4%A&col=bogus&col=params.&q=%20%20')).toEqual({
      view: 'explorer',
    });
    expect(parseRoute('#/runs?sort=drop%20table&sort=-name&col=x&col=metrics.loss')).toEqual({
      view: 'explorer',
      sort: ['-name'],
      columns: ['metrics.loss'],
    });
    expect(parseRoute('#/runs?col=metrics.loss&col=metrics.loss&sort=-&unknown=1')).toEqual({
      view: 'explorer',
      columns: ['metrics.loss'],
    });
  });
});

describe('grouping in the URL', () => {
  it('keeps the explorer’s grouping, and reads it back', () => {
    const route: Route = {
      view: 'explorer',
      filter: 'metrics.loss < 1',
      group: { mode: 'except', params: ['seed'] },
    };
    expect(hrefOf(route)).toBe('#/runs?q=metrics.loss+%3C+1&group=*&group=-params.seed');
    expect(parseRoute(hrefOf(route))).toEqual(route);
    const only: Route = { view: 'explorer', group: { mode: 'only', params: ['lr', 'layers'] } };
    expect(parseRoute(hrefOf(only))).toEqual(only);
  });

  it('carries the grouping to compare; without one compare’s address is as it was', () => {
    const route: Route = {
      view: 'compare',
      ids: [3, 1, 2],
      group: { mode: 'except', params: ['seed'] },
    };
    expect(hrefOf(route)).toBe('#/compare/3,1,2?group=*&group=-params.seed');
    expect(parseRoute(hrefOf(route))).toEqual(route);
    expect(hrefOf({ view: 'compare', ids: [1, 2] })).toBe('#/compare/1,2');
    expect(parseRoute('#/compare/1,2')).toEqual({ view: 'compare', ids: [1, 2] });
  });

  it('a mangled grouping opens ungrouped and keeps the rest', () => {
    expect(parseRoute('#/runs?col=metrics.loss&group=seed')).toEqual({
      view: 'explorer',
      columns: ['metrics.loss'],
    });
    expect(parseRoute('#/runs?group=*&group=params.lr')).toEqual({ view: 'explorer' });
    expect(parseRoute('#/compare/1,2?group=%E0%A4%A')).toEqual({ view: 'compare', ids: [1, 2] });
    expect(parseRoute('#/compare/1,2?group=-params.seed')).toEqual({
      view: 'compare',
      ids: [1, 2],
    });
  });
});
