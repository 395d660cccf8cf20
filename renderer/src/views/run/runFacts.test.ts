import { describe, expect, it } from 'vitest';
import {
  expandedText,
  formatDuration,
  isLong,
  matchRows,
  runDuration,
  taggedFacts,
} from './runFacts.js';

describe('taggedFacts', () => {
  it("names MLflow's system tags the run has, in header order, skipping blanks", () => {
    expect(
      taggedFacts({
        'mlflow.source.git.commit': 'abc123',
        'mlflow.user': 'ada',
        'mlflow.source.name': ' ',
        other: 'x',
      }),
    ).toEqual([
      { tag: 'mlflow.user', label: 'User', value: 'ada' },
      { tag: 'mlflow.source.git.commit', label: 'Git commit', value: 'abc123' },
    ]);
  });
});

describe('durations', () => {
  it('formats seconds, minutes and hours', () => {
    expect(formatDuration(1234)).toBe('1.23s');
    expect(formatDuration(42_100)).toBe('42.1s');
    expect(formatDuration(125_000)).toBe('2m 5s');
    expect(formatDuration(3_723_004)).toBe('1h 2m 3s');
    expect(formatDuration(null)).toBeNull();
    expect(formatDuration(-5)).toBeNull();
  });
  it('measures to the end, or to now while running, and not at all before the start', () => {
    const run = { started_at: '2026-01-01T00:00:00.000Z', ended_at: '2026-01-01T00:01:00.000Z' };
    expect(runDuration(run, 0)).toBe(60_000);
    expect(runDuration({ ...run, ended_at: null }, Date.parse(run.started_at) + 5000)).toBe(5000);
    expect(runDuration({ started_at: null, ended_at: null }, 0)).toBeNull();
  });
});

describe('long values', () => {
  it('folds long or multi-line text and indents JSON when expanded', () => {
    expect(isLong('short')).toBe(false);
    expect(isLong('a\nb')).toBe(true);
    expect(isLong('x'.repeat(81))).toBe(true);
    expect(expandedText('{"a":{"b":[1,2]}}')).toBe(
      '{\n  "a": {\n    "b": [\n      1,\n      2\n    ]\n  }\n}',
    );
    expect(expandedText('{not json')).toBe('{not json');
    expect(expandedText('plain')).toBe('plain');
  });
});

describe('matchRows', () => {
  const rows = [
    { name: 'lr', text: '0.01' },
    { name: 'optimizer', text: 'adam' },
    { name: 'config', text: '{"optimizer": "sgd"}' },
  ];
  it('matches names and values, every word, any case', () => {
    expect(matchRows(rows, 'OPTIM').map((r) => r.name)).toEqual(['optimizer', 'config']);
    expect(matchRows(rows, 'optimizer sgd').map((r) => r.name)).toEqual(['config']);
    expect(matchRows(rows, '  ')).toHaveLength(3);
    expect(matchRows(rows, 'nothing')).toEqual([]);
  });
});
