import { describe, expect, it } from 'vitest';
import { splitFrames } from './splitFrames.js';

describe('splitFrames', () => {
  it("gives each image its own slice of the block, keeping refusals and the rest's count", () => {
    const bytes = Uint8Array.from([1, 2, 3, 4, 5, 6]);
    const { images, rest } = splitFrames({
      rest: 3,
      bytes,
      images: [
        { kind: 'image', runId: 1, path: 'a.png', mime: 'image/png', offset: 0, length: 2 },
        { kind: 'refused', runId: 2, path: 'b.png', reason: 'no run with id 2' },
        { kind: 'image', runId: 3, path: 'c.jpg', mime: 'image/jpeg', offset: 2, length: 4 },
        { kind: 'image', runId: 4, path: 'd.png', mime: 'image/png', offset: 4, length: 9 },
      ],
    });
    expect(rest).toBe(3);
    expect(images.map((i) => (i.kind === 'image' ? [...i.bytes] : i.reason))).toEqual([
      [1, 2],
      'no run with id 2',
      [3, 4, 5, 6],
      'd.png arrived cut short',
    ]);
    expect(images[2]).toMatchObject({ kind: 'image', runId: 3, mime: 'image/jpeg' });
  });
});
