import { gzipSync } from 'node:zlib';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import fc from 'fast-check';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createHostileRunner,
  isAcceptable,
  type HostileTask,
} from '../../../testing/hostileInput.js';

/**
 * Hostile files for every reader: each input is read in a separate process with a watchdog
 * (testing/hostileInput.ts), and must end, either imported or refused with a one-line UserError.
 * A crash of any other kind, a dead process or a hang fails the property (and fast-check shrinks it).
 */
const runner = createHostileRunner();
afterAll(() => runner.close());
export const FUZZ_RUNS = { bytes: 300, csv: 300, json: 200, parquet: 150, arrow: 50, gzip: 150 };
/** Generous: a damaged Arrow file may take its reader's own bound (arrowInWorker.ts) to be refused. */
const TEST_MS = 600_000;

const NAMES = [
  'f.csv',
  'f.tsv',
  'f.txt',
  'f.json',
  'f.jsonl',
  'f.parquet',
  'f.arrow',
  'f.csv.gz',
  'f.jsonl.gz',
  'f.parquet.gz',
];

/** Edits of a valid file: cut it short, overwrite, insert or delete bytes. */
type Edit = { op: 'cut' | 'set' | 'insert' | 'delete'; at: number; byte: number };
const edits = fc.array(
  fc.record({
    op: fc.constantFrom('cut', 'set', 'insert', 'delete'),
    at: fc.nat(),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  { minLength: 1, maxLength: 6 },
) as fc.Arbitrary<Edit[]>;

function mutate(source: Uint8Array, list: Edit[]): Uint8Array {
  let bytes = [...source];
  for (const { op, at, byte } of list) {
    const i = bytes.length ? at % (bytes.length + 1) : 0;
    if (op === 'cut') bytes = bytes.slice(0, i);
    else if (op === 'set' && i < bytes.length) bytes[i] = byte;
    else if (op === 'insert') bytes.splice(i, 0, byte);
    else if (op === 'delete') bytes.splice(i, 1);
  }
  return Uint8Array.from(bytes);
}

const expectAcceptable = async (task: HostileTask) => {
  const outcome = await runner.run(task);
  expect(
    isAcceptable(outcome),
    `${task.kind === 'read' ? task.fileName : ''}: ${JSON.stringify(outcome)}`,
  ).toBe(true);
};
const read = (fileName: string, bytes: Uint8Array, delimiter?: string) =>
  expectAcceptable({ kind: 'read', fileName, bytes, ...(delimiter ? { delimiter } : {}) });

const cell = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom(
    '"',
    '""',
    '"a,b"',
    '\r',
    '\n',
    '\r\n',
    ',',
    ';',
    '\t',
    '|',
    '\u0000',
    'NaN',
    '1e309',
    '-0',
    '\ufeff',
  ),
  fc.double().map(String),
);
const csvText = fc
  .tuple(
    fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
    fc.constantFrom(',', ';', '\t', '|'),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([rows, delimiter, eol]) => rows.map((r) => r.join(delimiter)).join(eol));

const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.bigInt().map((b) => b.toString()),
    ),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 4 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;
/** Nesting a parser or JSON.stringify would recurse into: `[[[[…]]]]` thousands deep. */
const deep = fc.integer({ min: 1, max: 30_000 }).map((n) => '['.repeat(n) + ']'.repeat(n));

describe('readers under hostile input (each input in a watched process)', () => {
  it(
    'arbitrary bytes under every file name',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...NAMES),
          fc.uint8Array({ minLength: 1, maxLength: 2048 }),
          (name, bytes) => read(name, bytes),
        ),
        { numRuns: FUZZ_RUNS.bytes },
      );
    },
    TEST_MS,
  );

  it(
    'near-valid CSV: quotes, delimiters, line ends and edits, with each delimiter option',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          csvText,
          fc.option(edits, { nil: undefined }),
          fc.constantFrom(undefined, ',', ';', '\t', '|'),
          (text, list, delimiter) => {
            const bytes = new TextEncoder().encode(text);
            return read('near.csv', list ? mutate(bytes, list) : bytes, delimiter);
          },
        ),
        { numRuns: FUZZ_RUNS.csv },
      );
    },
    TEST_MS,
  );

  it(
    'near-valid and deeply nested JSON and JSON Lines',
    async () => {
      const rows = fc.array(
        fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(jsonValue, deep), { maxKeys: 4 }),
        { minLength: 1, maxLength: 6 },
      );
      await fc.assert(
        fc.asyncProperty(
          rows,
          fc.boolean(),
          fc.option(edits, { nil: undefined }),
          (objects, lines, list) => {
            const text = lines
              ? objects.map((o) => JSON.stringify(o)).join('\n')
              : JSON.stringify(objects);
            // `deep` strings are inlined as JSON so the nesting is real, not a quoted string.
            const raw = new TextEncoder().encode(text.replace(/"(\[+\]+)"/g, '$1'));
            return read(lines ? 'near.jsonl' : 'near.json', list ? mutate(raw, list) : raw);
          },
        ),
        { numRuns: FUZZ_RUNS.json },
      );
    },
    TEST_MS,
  );

  const parquet = new Uint8Array(
    parquetWriteBuffer({
      columnData: [
        { name: 'n', data: [1.5, 2.5, null, 4, 5, 6] },
        { name: 's', data: ['a', 'b', 'c', null, 'e', 'f'] },
        { name: 'i', data: [1, 2, 3, 4, 5, 6] },
      ],
      rowGroupSize: 2,
    }),
  );
  it(
    'truncated and damaged Parquet',
    async () => {
      await fc.assert(
        fc.asyncProperty(edits, (list) => read('damaged.parquet', mutate(parquet, list))),
        { numRuns: FUZZ_RUNS.parquet, endOnFailure: true },
      );
    },
    TEST_MS,
  );

  it(
    'truncated and damaged Arrow IPC (file and stream)',
    async () => {
      const table = tableFromArrays({
        x: Float64Array.from([1, 2, 3]),
        y: ['p', 'q', 'r'],
        z: Int32Array.from([7, 8, 9]),
      });
      const forms = [tableToIPC(table, 'file'), tableToIPC(table, 'stream')];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(0, 1), edits, (form, list) =>
          read('damaged.arrow', mutate(forms[form]!, list)),
        ),
        { numRuns: FUZZ_RUNS.arrow, endOnFailure: true },
      );
    },
    TEST_MS,
  );

  it(
    'truncated and damaged gzip of CSV, JSON Lines and Parquet',
    async () => {
      const csv = gzipSync('a,b\n1,x\n2,y\n3,z\n'.repeat(20));
      const jsonl = gzipSync('{"a":1}\n{"a":2,"b":"x"}\n'.repeat(20));
      const gzParquet = gzipSync(parquet);
      const forms: [string, Uint8Array][] = [
        ['g.csv.gz', csv],
        ['g.jsonl.gz', jsonl],
        ['g.parquet.gz', gzParquet],
      ];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(0, 1, 2), edits, (form, list) =>
          read(forms[form]![0], mutate(forms[form]![1], list)),
        ),
        { numRuns: FUZZ_RUNS.gzip },
      );
    },
    TEST_MS,
  );

  it('the watchdog itself: a refusal comes back as a UserError, a stuck input as a hang, and the next input runs', async () => {
    const outcome = await runner.run({
      kind: 'read',
      fileName: 'x.png',
      bytes: new Uint8Array([1]),
    });
    expect(outcome).toMatchObject({
      kind: 'user-error',
      message: expect.stringContaining('is not a CSV file'),
    });
    expect(await runner.run({ kind: 'spin' }, 1000)).toEqual({ kind: 'hang', ms: 1000 });
    expect(
      await runner.run({
        kind: 'read',
        fileName: 'ok.csv',
        bytes: new TextEncoder().encode('a\n1\n'),
      }),
    ).toEqual({ kind: 'ok' });
  });
});
