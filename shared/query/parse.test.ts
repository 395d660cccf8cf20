import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RUN_FIELDS, type Expr, type Field, type Value } from './ast.js';
import { formatQuery } from './format.js';
import { parseField, parseQuery } from './parse.js';

const ISSUE_EXAMPLE =
  'params.lr < 0.01 and (metrics.val_accuracy >= 0.9 or tags.baseline) and not status = "failed"';

describe('parseQuery', () => {
  it('parses the issue example with and binding tighter than or', () => {
    expect(parseQuery(ISSUE_EXAMPLE)).toEqual({
      type: 'and',
      left: {
        type: 'and',
        left: {
          type: 'compare',
          field: { kind: 'params', key: 'lr' },
          op: '<',
          value: 0.01,
          column: 1,
        },
        right: {
          type: 'or',
          left: {
            type: 'compare',
            field: { kind: 'metrics', key: 'val_accuracy' },
            op: '>=',
            value: 0.9,
            column: 23,
          },
          right: { type: 'exists', field: { kind: 'tags', key: 'baseline' }, column: 54 },
        },
      },
      right: {
        type: 'not',
        expr: {
          type: 'compare',
          field: { kind: 'run', name: 'status' },
          op: '=',
          value: 'failed',
          column: 77,
        },
      },
    });
  });

  it('reads in-lists, not in, regexes, booleans, quoted keys and negative numbers', () => {
    expect(parseQuery('status in ("failed", \'cancelled\')')).toMatchObject({
      type: 'in',
      values: ['failed', 'cancelled'],
    });
    expect(parseQuery('params.seed not in (1, 2)')).toMatchObject({
      type: 'not',
      expr: { type: 'in', values: [1, 2] },
    });
    expect(parseQuery('name ~ "^sweep-\\\\d+"')).toMatchObject({ op: '~', value: '^sweep-\\d+' });
    expect(parseQuery('params.shuffle = TRUE')).toMatchObject({ value: true });
    expect(parseQuery('params."my key" == -1e-3')).toMatchObject({
      field: { key: 'my key' },
      op: '=',
      value: -0.001,
    });
    expect(parseQuery('metrics.val.acc > .5')).toMatchObject({
      field: { kind: 'metrics', key: 'val.acc' },
      value: 0.5,
    });
    expect(parseQuery('   ')).toBeNull();
  });

  it('parses a lone field for sorting', () => {
    expect(parseField('metrics.loss')).toEqual({ kind: 'metrics', key: 'loss' });
    expect(parseField('STARTED_AT')).toEqual({ kind: 'run', name: 'started_at' });
  });

  describe('bad input: the message gives the column of the problem', () => {
    const cases: [string, string][] = [
      ['params.lr < ', 'at column 13: expected a value after "<"'],
      ['params.lr < and status = "x"', 'at column 13: expected a value after "<"'],
      ['status = failed', 'at column 10: expected a value after "=" (quote text: "failed")'],
      [
        'params.lr < 0.1 and (tags.x',
        'at column 28: expected ")" to close the "(" at column 21, found end of query',
      ],
      ['params.lr 0.1', 'at column 11: unexpected 0.1; expected "and", "or" or the end'],
      [
        'colour = "red"',
        'at column 1: unknown field "colour"; use params.NAME, metrics.NAME, tags.NAME or one of ' +
          RUN_FIELDS.join(', '),
      ],
      ['params = 1', 'at column 8: expected "." and a name after "params"'],
      ['params. = 1', 'at column 9: expected a name after "params.", found "="'],
      ['name = "abc', 'at column 8: unterminated string starting with "'],
      [
        'name ~ "("',
        'at column 8: invalid regular expression: Invalid regular expression: /(/: Unterminated group',
      ],
      ['name ~ 3', 'at column 8: expected a quoted regular expression after "~"'],
      ['status in "a"', 'at column 11: expected "(" after "in"'],
      ['status in ("a" "b")', 'at column 16: expected "," or ")" in the list, found "b"'],
      ['status ! "a"', 'at column 8: unexpected "!"; use "!=" or "not"'],
      ['status = "a" # x', 'at column 14: unexpected character "#"'],
      ['and', 'at column 1: expected a field such as params.lr or status, found "and"'],
      ['not', 'at column 4: expected a field such as params.lr or status, found end of query'],
      ['()', 'at column 2: expected a field such as params.lr or status, found ")"'],
    ];
    it.each(cases)('%s', (query, message) => {
      expect(() => parseQuery(query)).toThrow(message);
    });
  });
});

const key = fc.oneof(
  fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/),
  fc.string({ minLength: 1, maxLength: 6 }),
);
const field: fc.Arbitrary<Field> = fc.oneof(
  fc.record({ kind: fc.constantFrom('params' as const, 'metrics' as const, 'tags' as const), key }),
  fc.record({ kind: fc.constant('run' as const), name: fc.constantFrom(...RUN_FIELDS) }),
);
const value: fc.Arbitrary<Value> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
  fc.string({ maxLength: 8 }),
  fc.boolean(),
);
const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.record({ type: fc.constant('exists' as const), field, column: fc.constant(0) }),
  fc.record({
    type: fc.constant('compare' as const),
    field,
    op: fc.constantFrom(
      '=' as const,
      '!=' as const,
      '<' as const,
      '<=' as const,
      '>' as const,
      '>=' as const,
    ),
    value,
    column: fc.constant(0),
  }),
  fc.record({
    type: fc.constant('in' as const),
    field,
    values: fc.array(value, { minLength: 1, maxLength: 3 }),
    column: fc.constant(0),
  }),
);
const expr = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({
      type: fc.constantFrom('and' as const, 'or' as const),
      left: tie('e'),
      right: tie('e'),
    }),
    fc.record({ type: fc.constant('not' as const), expr: tie('e') }),
  ),
})).e;

const withoutColumns = (e: Expr): unknown =>
  JSON.parse(JSON.stringify(e, (k, v: unknown) => (k === 'column' ? undefined : v)));

describe('parseQuery properties', () => {
  it('parses what formatQuery prints back to the same tree', () => {
    fc.assert(
      fc.property(expr, (e) => {
        expect(withoutColumns(parseQuery(formatQuery(e))!)).toEqual(withoutColumns(e));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but a positioned QueryError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        try {
          parseQuery(text);
        } catch (e) {
          expect((e as Error).name).toBe('QueryError');
          expect((e as Error).message).toMatch(/^at column \d+: /);
          const column = Number(/^at column (\d+)/.exec((e as Error).message)?.[1]);
          expect(column).toBeGreaterThanOrEqual(1);
          expect(column).toBeLessThanOrEqual(text.length + 1);
        }
      }),
      { numRuns: 500 },
    );
  });
});
