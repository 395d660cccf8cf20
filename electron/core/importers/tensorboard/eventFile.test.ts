import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import { parseEventBytes, readEventFile } from './eventFile.js';
import { DT_DOUBLE, DT_FLOAT, DT_STRING } from './tensorProto.js';
import {
  concat,
  encodeEvent,
  encodeSessionStart,
  eventFileBytes,
  frameRecord,
  type EventSpec,
} from './testEvents.js';
import { readTfRecords, type TfRecord } from './tfRecordReader.js';

const GENERATED = join(
  import.meta.dirname,
  'fixtures/generated/events.out.tfevents.1700000000.benchtop-fixture.1.0',
);
const tempDir = useTempDirs();

const parse = (events: EventSpec[]) => parseEventBytes(eventFileBytes(events), { file: 'f' });
const scalarRows = (events: EventSpec[]) =>
  parse(events).scalars.map((p) => [p.tag, p.step, p.value]);

describe('event decoding', () => {
  it('keeps every point in file order, repeated steps included', () => {
    const events = [3, 1, 1, 2].map((step, i) => ({
      step,
      wallTime: 100 + i,
      values: [{ tag: 'loss', simple: i }],
    }));
    expect(parse(events).scalars).toEqual([
      { kind: 'scalar', tag: 'loss', step: 3, wallTime: 100, value: 0 },
      { kind: 'scalar', tag: 'loss', step: 1, wallTime: 101, value: 1 },
      { kind: 'scalar', tag: 'loss', step: 1, wallTime: 102, value: 2 },
      { kind: 'scalar', tag: 'loss', step: 2, wallTime: 103, value: 3 },
    ]);
  });

  it('reads rank-0 float and double tensors in every encoding TensorFlow may write', () => {
    const f64 = new Uint8Array(8);
    new DataView(f64.buffer).setFloat64(0, 0.1, true);
    const f32 = new Uint8Array(4);
    new DataView(f32.buffer).setFloat32(0, -2.5, true);
    const scalars = 'scalars';
    expect(
      scalarRows([
        {
          step: 1,
          values: [{ tag: 'a', plugin: scalars, tensor: { dtype: DT_FLOAT, floats: [0.1] } }],
        },
        {
          step: 2,
          values: [{ tag: 'a', tensor: { dtype: DT_FLOAT, floats: [NaN], unpacked: true } }],
        },
        {
          step: 3,
          values: [{ tag: 'b', plugin: scalars, tensor: { dtype: DT_DOUBLE, doubles: [0.1] } }],
        },
        { step: 4, values: [{ tag: 'b', tensor: { dtype: DT_DOUBLE, content: f64 } }] },
        { step: 5, values: [{ tag: 'c', tensor: { dtype: DT_FLOAT, content: f32 } }] },
        {
          step: 6,
          values: [
            { tag: 'd', tensor: { dtype: DT_DOUBLE, doubles: [-Infinity], unpacked: true } },
          ],
        },
      ]),
    ).toEqual([
      ['a', 1, Math.fround(0.1)],
      ['a', 2, NaN],
      ['b', 3, 0.1],
      ['b', 4, 0.1],
      ['c', 5, -2.5],
      ['d', 6, -Infinity],
    ]);
    expect(
      parse([{ values: [{ tag: 'b', tensor: { dtype: DT_DOUBLE, doubles: [1] } }] }]).scalarKinds,
    ).toEqual({ b: 'tensor:DT_DOUBLE' });
  });

  it("remembers a tag's plugin from its first value, as writers send metadata only once", () => {
    const got = parse([
      {
        step: 0,
        values: [{ tag: 'notes', plugin: 'text', tensor: { dtype: DT_STRING, strings: ['hi'] } }],
      },
      { step: 1, values: [{ tag: 'notes', tensor: { dtype: DT_STRING, strings: ['again'] } }] },
      {
        step: 0,
        values: [{ tag: 'w', plugin: 'histograms', tensor: { dtype: DT_FLOAT, floats: [1] } }],
      },
      // Later metadata for a known tag is ignored, as TensorBoard ignores it.
      {
        step: 1,
        values: [{ tag: 'w', plugin: 'scalars', tensor: { dtype: DT_FLOAT, floats: [1] } }],
      },
    ]);
    expect(got.texts.map((t) => [t.step, t.text])).toEqual([
      [0, 'hi'],
      [1, 'again'],
    ]);
    expect(got.scalars).toEqual([]);
    expect(got.histograms).toBe(2);
    expect(got.otherTags).toEqual({ 'histograms:w': 2 });
  });

  it('leaves tensors that are not rank-0 floats out of the scalars, and counts them', () => {
    const got = parse([
      {
        values: [
          { tag: 'vec', plugin: 'scalars', tensor: { dtype: DT_FLOAT, dims: [2], floats: [1, 2] } },
          { tag: 'unk', tensor: { dtype: DT_FLOAT, unknownRank: true, floats: [1] } },
          { tag: 'int', plugin: 'scalars', tensor: { dtype: 3 } },
          { tag: 'short', tensor: { dtype: DT_FLOAT, content: new Uint8Array(3) } },
          { tag: 'img', legacy: 'image' },
          { tag: 'h', legacy: 'histo' },
          { tag: 'snd', legacy: 'audio' },
          {
            tag: 'pic',
            plugin: 'images',
            tensor: { dtype: DT_STRING, dims: [3], strings: ['1', '1', 'png'] },
          },
        ],
      },
    ]);
    expect(got.scalars).toEqual([]);
    expect(got.otherTags).toEqual({
      'scalars:vec': 1,
      'tensor:unk': 1,
      'scalars:int': 1,
      'tensor:short': 1,
      'image:img': 1,
      'histo:h': 1,
      'audio:snd': 1,
      'images:pic': 1,
    });
    expect([got.images, got.histograms, got.audio]).toEqual([2, 1, 1]);
  });

  it('reads steps and wall times wherever they sit in the event, negative and large steps too', () => {
    const got = parse([
      { timesLast: true, step: 7, wallTime: 1.25, values: [{ tag: 'x', simple: 1 }] },
      { step: -3, wallTime: 2, values: [{ tag: 'x', simple: 2 }] },
      { step: 2 ** 40 + 1, wallTime: 3, values: [{ tag: 'x', simple: 3 }] },
      { values: [{ tag: 'x', simple: 0 }] },
    ]);
    expect(got.scalars.map((p) => [p.step, p.wallTime, p.value])).toEqual([
      [7, 1.25, 1],
      [-3, 2, 2],
      [2 ** 40 + 1, 3, 3],
      [0, 0, 0],
    ]);
  });

  it('flattens a multi-element text tensor one element per line', () => {
    const got = parse([
      {
        values: [
          {
            tag: 't',
            plugin: 'text',
            tensor: { dtype: DT_STRING, dims: [2], strings: ['a', 'b'] },
          },
        ],
      },
    ]);
    expect(got.texts.map((t) => t.text)).toEqual(['a\nb']);
  });

  it('reads hparams of every kind it can keep, without prototype surprises', () => {
    const content = encodeSessionStart([
      ['lr', 0.001],
      ['opt', 'adam'],
      ['bn', false],
      ['gone', null],
      ['__proto__', 'x'],
      ['lr', 0.01],
    ]);
    const got = parse([
      { step: 0, values: [{ tag: '_hparams_/session_start_info', plugin: 'hparams', content }] },
    ]);
    expect(got.hparams).toEqual({ lr: 0.01, opt: 'adam', bn: false, ['__proto__']: 'x' });
    expect(Object.getPrototypeOf(got.hparams)).toBe(Object.prototype);
    expect(Object.hasOwn(got.hparams!, '__proto__')).toBe(true);
    expect(got.items.filter((i) => i.kind === 'hparams')).toHaveLength(1);
    expect(got.otherTags).toEqual({ 'hparams:_hparams_/session_start_info': 1 });
  });

  it('reports a record that frames correctly but is not an Event, and carries on', () => {
    const junk = new Uint8Array([0x0b, 0x0b, 0x0b]); // wire type 3 (groups): refused
    const bytes = concat([
      frameRecord(encodeEvent({ fileVersion: 'brain.Event:2' })),
      frameRecord(junk),
      frameRecord(encodeEvent({ step: 1, values: [{ tag: 'x', simple: 1 }] })),
    ]);
    const got = parseEventBytes(bytes, { file: 'f' });
    expect(got.problems).toEqual([
      {
        kind: 'problem',
        file: 'f',
        offset: 31,
        record: 1,
        what: expect.stringMatching(/not a readable Event.*wire type 3/),
      },
    ]);
    expect(got.scalars).toHaveLength(1);
    expect(got.records).toBe(3);
  });
});

describe('damaged event files (the generated fixture, streamed from disk)', () => {
  const whole = readFileSync(GENERATED);
  const records: TfRecord[] = [];
  const recordsReady = (async () => {
    for await (const item of readTfRecords(GENERATED))
      if (item.kind === 'record') records.push(item);
  })();
  const endOf = (r: TfRecord) => r.offset + 16 + r.data.length;

  async function readDamaged(bytes: Uint8Array) {
    const path = join(tempDir(), 'events.out.tfevents.damaged');
    writeFileSync(path, bytes);
    return { path, got: await readEventFile(path, undefined, { chunkBytes: 4093 }) };
  }

  it('keeps every point before a cut and reports the cut record once', async () => {
    await recordsReady;
    const cuts = [5, 100, 12_345, whole.length / 2, whole.length - 3];
    for (const cut of cuts.map(Math.floor)) {
      const k = records.findIndex((r) => endOf(r) > cut);
      const intact = parseEventBytes(whole.subarray(0, records[k]!.offset));
      const { path, got } = await readDamaged(whole.subarray(0, cut));
      expect(got.scalars).toEqual(intact.scalars);
      if (cut >= 12_345) expect(got.scalars.length).toBeGreaterThan(200);
      expect(got.problems).toEqual([
        {
          kind: 'problem',
          file: path,
          offset: records[k]!.offset,
          record: k,
          what: expect.stringMatching(/^truncated/),
        },
      ]);
    }
  });

  it('skips only the record whose data a flipped byte damaged; stops at a damaged length', async () => {
    await recordsReady;
    for (const k of [1, 57, 2000, records.length - 1]) {
      const r = records[k]!;
      for (const [at, what] of [
        [r.offset + 2, /length checksum/],
        [r.offset + 12 + 5, /data checksum/],
        [endOf(r) - 1, /data checksum/],
      ] as const) {
        const bad = Uint8Array.from(whole);
        bad[at]! ^= 0x01;
        const { path, got } = await readDamaged(bad);
        const stops = what.source.startsWith('length');
        const survivors = stops
          ? whole.subarray(0, r.offset)
          : concat([whole.subarray(0, r.offset), whole.subarray(endOf(r))]);
        expect(got.scalars).toEqual(parseEventBytes(survivors).scalars);
        expect(got.problems).toEqual([
          {
            kind: 'problem',
            file: path,
            offset: r.offset,
            record: k,
            what: expect.stringMatching(what),
          },
        ]);
      }
    }
  });
});
