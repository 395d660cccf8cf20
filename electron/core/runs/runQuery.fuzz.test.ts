import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_QUERY_DEPTH, MAX_QUERY_LENGTH } from '../../../shared/query/parse.js';
import { createHostileRunner, isAcceptable, type HostileTask } from '../../testing/hostileInput.js';

/**
 * Hostile run queries, through the whole path a query takes (parse, compile to SQL, run in
 * SQLite), each in a watched process: every input ends, matched or refused with a one-line message.
 */
const runner = createHostileRunner();
afterAll(() => runner.close());
export const QUERY_FUZZ_RUNS = { strings: 300, tokens: 300, deep: 100 };

const check = async (task: HostileTask) => {
  const outcome = await runner.run(task);
  expect(isAcceptable(outcome), JSON.stringify(outcome)).toBe(true);
};

const VOCABULARY = [
  'params.lr',
  'metrics.val_accuracy',
  'tags.baseline',
  'params."odd name"',
  'params.',
  'status',
  'name',
  'id',
  'dataset',
  'created_at',
  'and',
  'or',
  'not',
  'in',
  'true',
  'false',
  '(',
  ')',
  ',',
  '.',
  '=',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '~',
  '!',
  '"failed"',
  "'x'",
  '"(a+)+$"',
  '"["',
  '"\\"',
  '0',
  '-1',
  '1e309',
  '-.5',
  '0.01',
  'NaN',
  '"',
  '-',
  '/',
  '%',
  '\u0000',
];

describe('run queries under hostile input (each input in a watched process)', () => {
  it('arbitrary strings as filter and sort', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 120 }),
        fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
        (filter, sort) => check({ kind: 'query', filter, ...(sort === undefined ? {} : { sort }) }),
      ),
      { numRuns: QUERY_FUZZ_RUNS.strings },
    );
  }, 600_000);

  it('near-valid queries made of real tokens', async () => {
    const soup = fc
      .array(fc.constantFrom(...VOCABULARY), { maxLength: 40 })
      .map((t) => t.join(' '));
    const sort = fc.option(
      fc.constantFrom('-metrics.loss', 'params.lr', 'status', '-', 'nope', 'params.'),
      { nil: undefined },
    );
    await fc.assert(
      fc.asyncProperty(soup, sort, (filter, s) =>
        check({ kind: 'query', filter, ...(s === undefined ? {} : { sort: s }) }),
      ),
      { numRuns: QUERY_FUZZ_RUNS.tokens },
    );
  }, 600_000);

  it('deep nesting, long chains and long lists (recursion and SQLite limits)', async () => {
    const shapes = fc.oneof(
      fc
        .integer({ min: 1, max: 20_000 })
        .map((n) => `${'('.repeat(n)}status = "x"${')'.repeat(n)}`),
      fc.integer({ min: 1, max: 20_000 }).map((n) => `${'not '.repeat(n)}tags.a`),
      fc
        .tuple(fc.integer({ min: 1, max: 3_000 }), fc.constantFrom(' and ', ' or '))
        .map(([n, joint]) =>
          Array.from({ length: n }, (_, i) => `params.p${i} = ${i}`).join(joint),
        ),
      fc
        .integer({ min: 1, max: 5_000 })
        .map((n) => `id in (${Array.from({ length: n }, (_, i) => i).join(', ')})`),
    );
    await fc.assert(
      fc.asyncProperty(shapes, (filter) => check({ kind: 'query', filter })),
      { numRuns: QUERY_FUZZ_RUNS.deep },
    );
  }, 600_000);

  it('says what is wrong when a query is too deep or too long', async () => {
    const deep = `${'('.repeat(MAX_QUERY_DEPTH + 1)}id = 1${')'.repeat(MAX_QUERY_DEPTH + 1)}`;
    expect(await runner.run({ kind: 'query', filter: deep })).toEqual({
      kind: 'user-error',
      message: `query at column ${MAX_QUERY_DEPTH + 1}: the query is nested more than ${MAX_QUERY_DEPTH} levels deep; simplify it`,
    });
    expect(
      await runner.run({ kind: 'query', filter: 'x'.repeat(MAX_QUERY_LENGTH + 1) }),
    ).toMatchObject({
      kind: 'user-error',
      message: expect.stringContaining(`the query is longer than ${MAX_QUERY_LENGTH} characters`),
    });
    const chain = Array.from({ length: MAX_QUERY_DEPTH }, (_, i) => `id = ${i}`).join(' or ');
    expect(await runner.run({ kind: 'query', filter: chain })).toEqual({ kind: 'ok' });
  }, 120_000);
});
