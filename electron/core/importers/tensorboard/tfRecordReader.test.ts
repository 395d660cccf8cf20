import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../testing/tempDir.js';
import { maskedCrc32c } from './crc32c.js';
import { chunked, concat, frameRecord } from './testEvents.js';
import { TfRecordFramer, readTfRecords, type TfProblem, type TfRecord } from './tfRecordReader.js';

const GENERATED = join(
  import.meta.dirname,
  'fixtures/generated/events.out.tfevents.1700000000.benchtop-fixture.1.0',
);
const tempDir = useTempDirs();

/** Frames bytes in memory, in one chunk. */
function frameAll(bytes: Uint8Array, maxRecordBytes?: number) {
  const records: TfRecord[] = [];
  const problems: TfProblem[] = [];
  const framer = new TfRecordFramer(
    'f',
    {
      record: (r) => records.push({ ...r, data: r.data.slice() }),
      problem: (p) => problems.push(p),
    },
    { maxRecordBytes },
  );
  framer.feed(bytes);
  framer.finish();
  return { records, problems };
}

async function collect(input: Parameters<typeof readTfRecords>[0], chunkBytes?: number) {
  const records: TfRecord[] = [];
  const problems: TfProblem[] = [];
  for await (const item of readTfRecords(input, { chunkBytes, file: 'f' })) {
    if (item.kind === 'record') records.push(item);
    else problems.push(item);
  }
  return { records, problems };
}

const small = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(300).fill(7)];
const smallFile = concat(small.map(frameRecord));
/** Offsets where each record of smallFile starts, plus the end. */
const starts = [0, 19, 35, 351];

describe('TFRecord framing', () => {
  it('frames every record of a real file, with offsets, from a stream', async () => {
    const { records, problems } = await collect(GENERATED, 4096);
    expect(problems).toEqual([]);
    expect(records).toHaveLength(4122);
    let at = 0;
    records.forEach((r, i) => {
      expect([r.index, r.offset]).toEqual([i, at]);
      at += 16 + r.data.length;
    });
    expect(at).toBe(readFileSync(GENERATED).length);
  });

  it('gives the same records whatever the chunk boundaries', async () => {
    const whole = frameAll(smallFile);
    expect(whole.records.map((r) => [...r.data])).toEqual(small.map((d) => [...d]));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 40 }),
        async (sizes) => {
          expect(await collect(chunked(smallFile, sizes))).toEqual(whole);
        },
      ),
    );
  });

  it('gathers a record far larger than the chunks it arrives in', async () => {
    const big = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7) & 0xff);
    const file = concat([frameRecord(big), frameRecord(new Uint8Array([9]))]);
    const { records, problems } = await collect(chunked(file, Array<number>(400).fill(999)));
    expect(problems).toEqual([]);
    expect(records.map((r) => r.data.length)).toEqual([300_000, 1]);
    expect(Buffer.from(records[0]!.data).equals(big)).toBe(true);
    // Cut inside it: one truncation at the record's start.
    const cut = await collect(chunked(file.subarray(0, 150_000), Array<number>(200).fill(999)));
    expect(cut.records).toEqual([]);
    expect(cut.problems.map((p) => p.what)).toEqual([
      'truncated: the file ends 150000 bytes into this record of 300016 bytes',
    ]);
  });

  it('reports a truncated file once, at the cut record, keeping the records before it', () => {
    for (const cut of [1, 5, 12, 13, 18, 20, 30, 34, 35 + 12, 35 + 200, smallFile.length - 1]) {
      const { records, problems } = frameAll(smallFile.subarray(0, cut));
      const k = starts.filter((s) => s < cut).length - 1; // the record the cut falls in
      expect(records.map((r) => r.index)).toEqual([...Array(k).keys()]);
      expect(problems).toEqual([
        {
          kind: 'problem',
          file: 'f',
          offset: starts[k],
          record: k,
          what: expect.stringMatching(/^truncated/),
        },
      ]);
    }
    // A cut on a record boundary is a shorter file, not damage.
    for (const cut of starts) expect(frameAll(smallFile.subarray(0, cut)).problems).toEqual([]);
  });

  it('stops at a damaged length (the framing is lost) but skips a record whose data is damaged', () => {
    for (let at = starts[1]!; at < starts[2]!; at++) {
      const bad = smallFile.slice();
      bad[at]! ^= 0x40;
      const { records, problems } = frameAll(bad);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ file: 'f', offset: starts[1], record: 1 });
      if (at < starts[1]! + 12) {
        expect(problems[0]!.what).toMatch(/length checksum/);
        expect(records.map((r) => r.index)).toEqual([0]);
      } else {
        expect(problems[0]!.what).toMatch(/data checksum/);
        expect(records.map((r) => r.index)).toEqual([0, 2]);
      }
    }
  });

  it('skips a record over the size limit without holding it, then carries on', () => {
    const { records, problems } = frameAll(smallFile, 100);
    expect(records.map((r) => r.index)).toEqual([0, 1]);
    expect(problems).toEqual([
      {
        kind: 'problem',
        file: 'f',
        offset: starts[2],
        record: 2,
        what: expect.stringMatching(/300 bytes is over the 100-byte limit/),
      },
    ]);
    // A huge claimed length with a valid checksum ends as a truncation, not an allocation.
    const header = new Uint8Array(12);
    const view = new DataView(header.buffer);
    view.setUint32(4, 0x10, true); // 64 GiB
    view.setUint32(8, maskedCrc32c(header.subarray(0, 8)), true);
    const huge = frameAll(concat([header, new Uint8Array(50)]));
    expect(huge.records).toEqual([]);
    expect(huge.problems.map((p) => p.what)).toEqual([
      expect.stringMatching(/over the .*limit; skipped/),
      expect.stringMatching(/^truncated/),
    ]);
  });

  it('reports an unreadable or missing file as a problem instead of throwing', async () => {
    const dir = tempDir();
    expect((await collect(join(dir, 'missing'))).problems).toEqual([
      {
        kind: 'problem',
        file: 'f',
        offset: 0,
        record: 0,
        what: expect.stringMatching(/^cannot read the file: ENOENT/),
      },
    ]);
    expect((await collect(dir)).problems[0]!.what).toMatch(/EISDIR/);
    writeFileSync(join(dir, 'empty'), '');
    expect(await collect(join(dir, 'empty'))).toEqual({ records: [], problems: [] });
  });

  it('reports a read that fails midway at the offset reached', async () => {
    async function* failing() {
      yield smallFile.subarray(0, 20);
      throw new Error('EIO: i/o error\n  at somewhere');
    }
    const { records, problems } = await collect(failing());
    expect(records.map((r) => r.index)).toEqual([0]);
    expect(problems).toEqual([
      {
        kind: 'problem',
        file: 'f',
        offset: 20,
        record: 1,
        what: 'cannot read the file: EIO: i/o error at somewhere',
      },
    ]);
  });
});
