import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  eventItems,
  parseEventBytes,
  readEventFile,
  type EventFileSummary,
  type EventItem,
  type ScalarPoint,
} from './eventFile.js';
import { scanLogdir } from './logdir.js';

/**
 * The fixtures (see fixtures/README.md) against expected.json, which an independent Python
 * reader wrote and TensorBoard's own EventAccumulator cross-checked.
 */
const FIXTURES = join(import.meta.dirname, 'fixtures');

type Num = number | 'NaN' | 'Infinity' | '-Infinity';
interface ExpectedFile {
  records: number;
  problems: unknown[];
  file_version: string;
  scalars: Record<string, [number, number, Num][]>;
  scalar_kind: Record<string, string>;
  text: Record<string, [number, number, string][]>;
  hparams: { session_start_info?: { hparams: Record<string, unknown> } } | null;
  other_tags: Record<string, number>;
  graph_def: boolean;
  events_by_kind: Record<string, number>;
  counts: { scalar_points: number; text_points: number };
}

const num = (v: Num): number => (typeof v === 'number' ? v : Number(v));

const cases = [
  ['generated', 'generated.expected.json'],
  ['keras', 'keras.expected.json'],
].flatMap(([dir, json]) => {
  const expected = JSON.parse(readFileSync(join(FIXTURES, json!), 'utf8')) as {
    files: Record<string, ExpectedFile>;
  };
  return Object.entries(expected.files).map(([rel, want]) => ({
    name: `${dir}/${rel}`,
    path: join(FIXTURES, dir!, rel),
    want,
  }));
});

function byTag(points: ScalarPoint[]): Record<string, [number, number, number][]> {
  const out: Record<string, [number, number, number][]> = {};
  for (const p of points) (out[p.tag] ??= []).push([p.step, p.wallTime, p.value]);
  return out;
}

describe.each(cases)('$name', ({ path, want }) => {
  it('has exactly the expected scalars (float32-exact, non-finite included), in file order', async () => {
    const got = await readEventFile(path);
    const expected = Object.fromEntries(
      Object.entries(want.scalars).map(([tag, pts]) => [
        tag,
        pts.map(([s, w, v]): [number, number, number] => [s, w, num(v)]),
      ]),
    );
    // toEqual compares numbers with Object.is semantics for NaN, so NaN must match NaN.
    expect(byTag(got.scalars)).toEqual(expected);
    expect(Object.keys(byTag(got.scalars))).toEqual(Object.keys(want.scalars));
    expect(got.scalarPoints).toBe(want.counts.scalar_points);
    for (const p of got.scalars) expect(Math.fround(p.value)).toBe(p.value);
  });

  it('has the expected text, hparams, counts and no problems', async () => {
    const got = await readEventFile(path);
    expect(got.texts.map((t) => [t.tag, t.step, t.wallTime, t.text])).toEqual(
      Object.entries(want.text).flatMap(([tag, pts]) => pts.map(([s, w, t]) => [tag, s, w, t])),
    );
    expect(got.textPoints).toBe(want.counts.text_points);
    expect(got.hparams).toEqual(want.hparams?.session_start_info?.hparams ?? null);
    expect(got.records).toBe(want.records);
    expect(got.fileVersion).toBe(want.file_version);
    expect(got.eventsByKind).toEqual(want.events_by_kind);
    expect(got.otherTags).toEqual(want.other_tags);
    expect(got.scalarKinds).toEqual(want.scalar_kind);
    expect(got.graphDefs > 0).toBe(want.graph_def);
    expect(got.problems).toEqual(want.problems);
    expect(got.problemCount).toBe(0);
  });

  it('streams the same items through every entry point and chunk size', async () => {
    const bytes = readFileSync(path);
    const reference = parseEventBytes(bytes, { file: path });
    const viaCallback: EventItem[] = [];
    const summary = await readEventFile(path, (i) => viaCallback.push(i), { chunkBytes: 97 });
    expect(viaCallback).toEqual(reference.items);
    expect(summary.scalars).toEqual([]); // a callback means nothing is collected
    const viaIterator: EventItem[] = [];
    const it = eventItems(path, { chunkBytes: 1000 });
    let step = await it.next();
    for (; !step.done; step = await it.next()) viaIterator.push(step.value);
    expect(viaIterator).toEqual(reference.items);
    const { scalars: _s, texts: _t, items: _i, ...refSummary } = reference;
    expect(step.value satisfies EventFileSummary).toEqual(refSummary);
  });
});

describe('the fixture logdirs', () => {
  it('are found as TensorBoard names their runs', async () => {
    const keras = await scanLogdir(join(FIXTURES, 'keras'));
    expect(keras.problems).toEqual([]);
    expect(keras.runs.map((r) => [r.name, r.files.map((f) => f.slice(r.dir.length + 1))])).toEqual([
      [
        'train',
        [
          'events.out.tfevents.1612276952.ip-172-31-43-116.9300.124.v2',
          'events.out.tfevents.1612276953.ip-172-31-43-116.profile-empty',
        ],
      ],
      ['validation', ['events.out.tfevents.1612276953.ip-172-31-43-116.9300.699.v2']],
    ]);
    const generated = await scanLogdir(join(FIXTURES, 'generated'));
    expect(generated.runs.map((r) => [r.name, r.files.length])).toEqual([['.', 1]]);
  });
});
