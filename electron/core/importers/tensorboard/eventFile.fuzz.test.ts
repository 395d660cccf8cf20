import fc from 'fast-check';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEvent } from './eventDecoder.js';
import { eventItems, parseEventBytes, type EventItem } from './eventFile.js';
import { DT_DOUBLE, DT_FLOAT, DT_STRING } from './tensorProto.js';
import { chunked, concat, encodeEvent, encodeSessionStart, frameRecord } from './testEvents.js';
import { readTfRecords } from './tfRecordReader.js';

/**
 * Hostile event files: random bytes, mutated real files, and records whose checksums are right
 * but whose protobuf is garbage (random bytes almost never pass a CRC, so without these the
 * decoder would hardly be exercised). Each input is parsed in a watched worker thread: a
 * synchronous endless loop would stop an in-process timer too, but terminate() ends it.
 */
export const TFEVENTS_FUZZ_RUNS = { random: 300, mutated: 300, payloads: 500, chunking: 100 };
const HANG_MS = 10_000;

interface Outcome {
  ok: boolean;
  error?: string;
  problems?: { file: string; offset: number; record: number; what: string }[];
  records?: number;
  items?: EventItem[];
}

function createWatchedParser() {
  const here = import.meta.url;
  const module = new URL('./eventFile.ts', here).href;
  // An eval'd worker cannot take tsx's --import hook, so it loads the TypeScript through tsx's API.
  const code = `
    const { parentPort } = require('node:worker_threads');
    import('tsx/esm/api')
      .then(({ tsImport }) => tsImport(${JSON.stringify(module)}, ${JSON.stringify(here)}))
      .then((m) => {
        parentPort.on('message', ({ id, bytes }) => {
          if (bytes === null) for (;;); // proves the watchdog sees a stuck synchronous loop
          try {
            const r = m.parseEventBytes(bytes, { file: 'fuzz' });
            const { problems, records, items } = r;
            parentPort.postMessage({ id, ok: true, problems, records, items });
          } catch (e) {
            parentPort.postMessage({ id, ok: false, error: String((e && e.stack) || e) });
          }
        });
        parentPort.postMessage({ ready: true });
      });`;
  let worker: Worker | undefined;
  let ready: Promise<void> | undefined;
  let count = 0;
  const start = () => {
    worker = new Worker(code, { eval: true });
    const w = worker;
    ready = new Promise((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
    });
  };
  return {
    async parse(bytes: Uint8Array | null, limitMs = HANG_MS): Promise<Outcome> {
      if (!worker) start();
      await ready;
      const w = worker!;
      const id = ++count;
      return new Promise<Outcome>((resolve) => {
        const done = (o: Outcome) => {
          clearTimeout(timer);
          w.off('message', onMessage);
          w.off('error', onError);
          resolve(o);
        };
        const onMessage = (m: Outcome & { id: number }) => m.id === id && done(m);
        const onError = (e: Error) => {
          worker = undefined;
          done({ ok: false, error: `worker died: ${e.message}` });
        };
        const timer = setTimeout(() => {
          worker = undefined;
          void w.terminate();
          done({ ok: false, error: `no answer within ${limitMs} ms (hang)` });
        }, limitMs);
        w.on('message', onMessage);
        w.on('error', onError);
        w.postMessage({ id, bytes });
      });
    },
    async close() {
      await worker?.terminate();
    },
  };
}

const parser = createWatchedParser();
afterAll(() => parser.close());

function expectSound(outcome: Outcome, length: number): void {
  expect(outcome.error).toBeUndefined();
  for (const p of outcome.problems ?? []) {
    expect(p.file).toBe('fuzz');
    expect(p.offset).toBeGreaterThanOrEqual(0);
    expect(p.offset).toBeLessThanOrEqual(length);
    expect(p.record).toBeGreaterThanOrEqual(0);
    expect(p.what).toMatch(/^[^\n]+$/);
  }
}

const FIXTURES = join(import.meta.dirname, 'fixtures');
const SOURCES = [
  'generated/events.out.tfevents.1700000000.benchtop-fixture.1.0',
  'keras/train/events.out.tfevents.1612276952.ip-172-31-43-116.9300.124.v2',
];
/** Real payloads of every shape (scalars, tensors, text, hparams, graphs) plus synthetic edges. */
const payloads: Uint8Array[] = [];
let corpus: Uint8Array = new Uint8Array(0);
/** Where each record of the corpus starts, and its end. */
const recordStarts: number[] = [];

beforeAll(async () => {
  for (const source of SOURCES) {
    for await (const r of readTfRecords(join(FIXTURES, source))) {
      if (r.kind !== 'record') continue;
      const values = decodeEvent(r.data).values;
      if (r.index < 12 || values.some((v) => v.kind !== 'simple_value')) payloads.push(r.data);
    }
  }
  payloads.push(
    encodeEvent({
      step: 1,
      values: [{ tag: 'd', tensor: { dtype: DT_DOUBLE, doubles: [1, 2], unpacked: true } }],
    }),
    encodeEvent({
      step: 2,
      values: [{ tag: 'f', tensor: { dtype: DT_FLOAT, content: new Uint8Array(4), dims: [] } }],
    }),
    encodeEvent({
      step: 3,
      values: [
        { tag: 't', plugin: 'text', tensor: { dtype: DT_STRING, dims: [2], strings: ['a', 'é'] } },
      ],
    }),
    encodeEvent({
      step: 4,
      values: [
        {
          tag: '_hparams_/session_start_info',
          plugin: 'hparams',
          content: encodeSessionStart([
            ['a', 1],
            ['b', null],
            ['c', 'x'],
          ]),
        },
      ],
    }),
  );
  corpus = concat(payloads.map(frameRecord));
  let at = 0;
  for (const p of payloads) {
    recordStarts.push(at);
    at += 16 + p.length;
  }
  recordStarts.push(at);
});

/** Byte-level damage: flips, cuts, insertions, deletions and repeats. */
const mutation = fc.oneof(
  fc.record({
    op: fc.constant('flip' as const),
    at: fc.nat(),
    bits: fc.integer({ min: 1, max: 255 }),
  }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
  fc.record({
    op: fc.constant('delete' as const),
    at: fc.nat(),
    n: fc.integer({ min: 1, max: 64 }),
  }),
  fc.record({
    op: fc.constant('repeat' as const),
    at: fc.nat(),
    n: fc.integer({ min: 1, max: 300 }),
  }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(bytes: Uint8Array, ops: Mutation[]): Uint8Array {
  let b = bytes;
  for (const m of ops) {
    const at = b.length === 0 ? 0 : m.at % b.length;
    if (m.op === 'flip' && b.length > 0) {
      b = b.slice();
      b[at]! ^= m.bits;
    } else if (m.op === 'cut') b = b.subarray(0, at);
    else if (m.op === 'insert') b = concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
    else if (m.op === 'delete') b = concat([b.subarray(0, at), b.subarray(at + m.n)]);
    else if (m.op === 'repeat') b = concat([b.subarray(0, at + m.n), b.subarray(at)]);
  }
  return b;
}

describe('event files under hostile input (each parse in a watched worker)', () => {
  it('random bytes never throw or hang', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        expectSound(await parser.parse(bytes), bytes.length);
      }),
      { numRuns: TFEVENTS_FUZZ_RUNS.random },
    );
  }, 600_000);

  it('mutated real files never throw or hang, and keep what came before the damage', async () => {
    expect(parseEventBytes(corpus).items.length).toBeGreaterThan(20);
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), async (ops) => {
        const bytes = mutate(corpus, ops);
        const outcome = await parser.parse(bytes);
        expectSound(outcome, bytes.length);
        if (ops.length === 1) {
          // Every record that ends before the first changed byte comes through untouched.
          const m = ops[0]!;
          const changed = Math.min(
            corpus.length,
            (m.at % corpus.length) + (m.op === 'repeat' ? m.n : 0),
          );
          const intactEnd = recordStarts.filter((start) => start <= changed).at(-1)!;
          const before = parseEventBytes(corpus.subarray(0, intactEnd), { file: 'fuzz' }).items;
          expect(outcome.items!.slice(0, before.length)).toEqual(before);
          if (m.op === 'cut') expect(outcome.problems!.length).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: TFEVENTS_FUZZ_RUNS.mutated },
    );
  }, 600_000);

  it('garbage protobuf inside correctly checksummed records never throws or hangs', async () => {
    const payload = fc.oneof(
      fc.uint8Array({ maxLength: 512 }),
      fc
        .tuple(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }))
        .map(([i, ops]) => mutate(payloads[i % payloads.length]!, ops)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(payload, { minLength: 1, maxLength: 8 }), async (datas) => {
        const bytes = concat(datas.map(frameRecord));
        const outcome = await parser.parse(bytes);
        expectSound(outcome, bytes.length);
        // The framing is intact, so every record is counted and only decoding can go wrong.
        expect(outcome.records).toBe(datas.length);
        for (const p of outcome.problems!) {
          expect(p.record).toBeLessThan(datas.length);
          expect(p.what).toMatch(
            /^the (record is not a readable Event|hparams in this record are not readable) \(/,
          );
        }
      }),
      { numRuns: TFEVENTS_FUZZ_RUNS.payloads },
    );
  }, 600_000);

  it('would see a hang: a stuck loop is cut off and the next input gets a fresh worker', async () => {
    expect(await parser.parse(null, 1000)).toEqual({
      ok: false,
      error: 'no answer within 1000 ms (hang)',
    });
    expectSound(await parser.parse(corpus), corpus.length);
  });
});

describe('chunking', () => {
  it('streaming damaged files in arbitrary chunks gives the same items as parsing them whole', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutation, { maxLength: 3 }),
        fc.array(fc.integer({ min: 1, max: 5000 }), { maxLength: 30 }),
        async (ops, sizes) => {
          const bytes = mutate(corpus, ops);
          const whole = parseEventBytes(bytes, { file: 'x' });
          const streamed: EventItem[] = [];
          for await (const item of eventItems(chunked(bytes, sizes), { file: 'x' }))
            streamed.push(item);
          expect(streamed).toEqual(whole.items);
        },
      ),
      { numRuns: TFEVENTS_FUZZ_RUNS.chunking },
    );
  }, 600_000);
});
