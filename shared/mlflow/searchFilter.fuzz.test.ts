import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseField, parseQuery } from '../query/index.js';
import {
  matchesEntity,
  parseEntityFilter,
  sortEntities,
  type EntityKind,
  type SearchableEntity,
} from './entityFilter.js';
import { isLike, likeToRegex } from './likePattern.js';
import { MlflowSearchError, translateRunSearch } from './searchFilter.js';

/**
 * Hostile and random search requests: each is translated into a query Benchtop parses, or
 * refused with a one-line MlflowSearchError, never anything else.
 */
const RUNS = 400;

function translatesOrRefuses(filter: string, orderBy: string[] = []): void {
  let out: ReturnType<typeof translateRunSearch>;
  try {
    out = translateRunSearch(filter, orderBy);
  } catch (e) {
    expect(e, String(e)).toBeInstanceOf(MlflowSearchError);
    expect((e as Error).message.length).toBeGreaterThan(0);
    expect((e as Error).message).not.toMatch(/[\r\n]/);
    return;
  }
  expect(() => parseQuery(out.filter), out.filter).not.toThrow();
  if (out.sort !== undefined) expect(() => parseField(out.sort!.replace(/^-/, ''))).not.toThrow();
}

// prettier-ignore
const VOCABULARY = [
  'metrics.acc', 'metric.`val loss`', 'params.lr', 'param."a b"', 'tags.`mlflow.user`', 'tag.t', 'attributes.status',
  'attr.run_id', 'run.start_time', 'attribute.end_time', 'run_name', 'user_id', 'created', '`Run Name`', 'datasets.name',
  'attributes.artifact_uri', 'foo.bar', 'metrics.', '.', 'AND', 'and', 'OR', 'NOT', 'IN', 'NOT IN', 'LIKE', 'ilike', 'IS', 'NULL',
  '=', '!=', '==', '<', '<=', '>', '>=', '<>', '>>>', '~', '!', '(', ')', ',', ';', "'FINISHED'", "'KILLED'", "'0.01'", "'%a_'",
  '"x"', "''", "'it''s'", "'\\'", '`x`', '0', '-1', '1e309', '.5', '5.', '0x1F', '1.2.3', 'NaN', "'", '"', '`', '%', '_', '\u0000',
  "('0123456789abcdef0123456789abcdef')", "('a', 'b',)", '()', '(1, 2)', '😀', '\n',
];

describe('translateRunSearch under hostile input', () => {
  it('arbitrary strings as filter and order_by', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.array(fc.string({ maxLength: 40 }), { maxLength: 2 }),
        (filter, orderBy) => translatesOrRefuses(filter, orderBy),
      ),
      { numRuns: RUNS },
    );
  });

  it('near-valid filters made of MLflow tokens', () => {
    const soup = fc
      .array(fc.constantFrom(...VOCABULARY), { maxLength: 30 })
      .map((t) => t.join(' '));
    const orderBy = fc.array(
      fc.constantFrom(
        'metrics.acc DESC',
        'params.`a b` asc',
        'start_time',
        'attributes.foo',
        'DESC',
        '',
        '`',
        'tags.x y z',
      ),
      { maxLength: 2 },
    );
    fc.assert(fc.property(soup, orderBy, translatesOrRefuses), { numRuns: RUNS });
  });

  it('well-formed clauses with any key and any text always translate', () => {
    const key = fc.string({ unit: 'binary', maxLength: 12 }).filter((k) => !k.includes('`'));
    const text = fc.string({ unit: 'binary', maxLength: 20 }).filter((t) => !/['\\]/.test(t));
    // prettier-ignore
    const clause = fc.oneof(
      fc.tuple(fc.constantFrom('params', 'tags'), key, fc.constantFrom('=', '!=', 'LIKE', 'ILIKE'), text)
        .map(([e, k, op, t]) => `${e}.\`${k}\` ${op} '${t}'`),
      fc.tuple(key, fc.constantFrom('=', '!=', '<', '<=', '>', '>='), fc.double({ noNaN: true }))
        .map(([k, op, n]) => `metrics.\`${k}\` ${op} ${n === Infinity ? '1e999' : n === -Infinity ? '-1e999' : n.toExponential().replace('e+', 'e')}`),
      fc.tuple(fc.constantFrom('run_name', 'status', 'user_id', 'run_id'), fc.constantFrom('=', '!=', 'LIKE', 'ILIKE'), text)
        .map(([k, op, t]) => `attributes.${k} ${op} '${t}'`),
      fc.tuple(fc.constantFrom('start_time', 'end_time'), fc.constantFrom('=', '!=', '<', '>='), fc.double({ noNaN: true, noDefaultInfinity: true }))
        .map(([k, op, n]) => `attributes.${k} ${op} ${n.toExponential().replace('e+', 'e')}`),
    );
    fc.assert(
      fc.property(fc.array(clause, { minLength: 1, maxLength: 5 }), (clauses) => {
        const { filter } = translateRunSearch(clauses.join(' AND '), ['metrics.`x` DESC']);
        expect(() => parseQuery(filter)).not.toThrow();
      }),
      { numRuns: RUNS },
    );
  });
});

/** SQL LIKE by dynamic programming over code points, to check the regular expressions against. */
function sqlLike(text: string, pattern: string, ignoreCase: boolean): boolean {
  const fold = (s: string) => (ignoreCase ? s.replace(/[A-Z]/g, (c) => c.toLowerCase()) : s);
  const t = Array.from(fold(text));
  let row = [true, ...t.map(() => false)];
  for (const pc of Array.from(fold(pattern))) {
    const next = [pc === '%' && row[0]!];
    for (let j = 1; j <= t.length; j++) {
      next[j] =
        pc === '%' ? row[j]! || next[j - 1]! : row[j - 1]! && (pc === '_' || pc === t[j - 1]);
    }
    row = next;
  }
  return row[t.length]!;
}

describe('likeToRegex agrees with SQL LIKE', () => {
  const chars = fc.constantFrom(
    'a',
    'A',
    'b',
    '%',
    '_',
    '.',
    '*',
    '(',
    ')',
    '[',
    '\\',
    '$',
    '^',
    '😀',
    'é',
    '\n',
  );
  const str = (max: number) => fc.array(chars, { maxLength: max }).map((cs) => cs.join(''));

  it('for random patterns and texts, either case', () => {
    fc.assert(
      fc.property(str(8), str(10), fc.boolean(), (pattern, text, ignoreCase) => {
        const t = text.replace(/[%_]/g, 'b');
        expect(isLike(t, pattern, { ignoreCase }), `${pattern} / ${t}`).toBe(
          sqlLike(t, pattern, ignoreCase),
        );
      }),
      { numRuns: 2_000 },
    );
  });

  it('for patterns that match a text by construction', () => {
    fc.assert(
      fc.property(str(12), fc.array(fc.nat(), { maxLength: 6 }), (raw, cuts) => {
        const text = raw.replace(/[%_]/g, 'b');
        const cs = Array.from(text);
        // Replace some characters by `_` and some runs by `%`.
        for (const c of cuts) if (cs.length) cs[c % cs.length] = c % 3 === 0 ? '%' : '_';
        expect(isLike(text, cs.join(''))).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });

  it('as dashless on a uid, with the run id as the text', () => {
    const hex = fc
      .array(fc.constantFrom(...'0123456789abcdef'), { minLength: 32, maxLength: 32 })
      .map((a) => a.join(''));
    const pattern = fc
      .array(fc.constantFrom('%', '_', '0', 'a', 'f', 'F', '-'), { maxLength: 10 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(hex, pattern, fc.boolean(), (id, p, ignoreCase) => {
        const uid = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
        const got = new RegExp(
          likeToRegex(`${id.slice(0, 3)}${p}`, { dashless: true, ignoreCase }),
        ).test(uid);
        expect(got).toBe(sqlLike(id, `${id.slice(0, 3)}${p}`, ignoreCase));
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('entity searches under hostile input', () => {
  const entities: SearchableEntity[] = [
    {
      name: 'a',
      tags: { t: 'x' },
      creation_time: 1,
      last_update_time: 2,
      experiment_id: '1',
      version: 1,
      run_id: 'r',
      source: 's',
    },
    { name: 'b', tags: {}, experiment_id: '10' },
  ];
  it('arbitrary filters and order_by are read, or refused with MlflowSearchError', () => {
    const kind = fc.constantFrom<EntityKind>('experiment', 'registered_model', 'model_version');
    const soup = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 100 }),
      fc
        .array(
          fc.constantFrom(
            ...VOCABULARY,
            'name',
            'creation_time',
            'version_number',
            'source_path',
            "'a%'",
            '1',
          ),
          { maxLength: 12 },
        )
        .map((t) => t.join(' ')),
    );
    fc.assert(
      fc.property(
        kind,
        soup,
        fc.array(fc.string({ maxLength: 30 }), { maxLength: 2 }),
        (k, filter, orderBy) => {
          try {
            const parsed = parseEntityFilter(filter, k);
            entities.forEach((e) => matchesEntity(parsed, e));
            sortEntities(entities, orderBy, k);
          } catch (e) {
            expect(e, String(e)).toBeInstanceOf(MlflowSearchError);
            expect((e as Error).message).not.toMatch(/[\r\n]/);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});
