import { describe, expect, it } from 'vitest';
import type { LoggedImage } from '../../../../shared/loggedImages.js';
import {
  StepImageCache,
  imageAt,
  imagesAround,
  refKey,
  type FetchedImage,
  type ImageRef,
  type RunImages,
} from './stepImageCache.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const image = (step: number, thumb = false): LoggedImage => ({
  key: 'k',
  step,
  timestamp: step,
  path: `images/k%step%${step}.png`,
  thumb: thumb ? `images/k%step%${step}%compressed.webp` : null,
});
/** Runs logging at every step of `steps` (run 2 only at even ones). */
function runsAt(steps: number[], runs = 2): RunImages[] {
  return Array.from({ length: runs }, (_, i) => ({
    runId: i + 1,
    images: steps.filter((s) => i !== 1 || s % 2 === 0).map((s) => image(s)),
  }));
}
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A fake batch endpoint that records what it was asked and answers every item, or `limit` of them. */
function fakeServer(limit = Infinity) {
  const requests: ImageRef[][] = [];
  let hold: Promise<void> = Promise.resolve();
  return {
    requests,
    pause() {
      let go!: () => void;
      hold = new Promise((resolve) => (go = resolve));
      return go;
    },
    async fetch(items: ImageRef[]): Promise<{ images: FetchedImage[]; rest: number }> {
      requests.push(items);
      await hold;
      const answered = items.slice(0, limit);
      return {
        images: answered.map((r) =>
          r.path.includes('bad')
            ? { kind: 'refused', ...r, reason: 'not an image' }
            : { kind: 'image', ...r, mime: 'image/png', bytes: encoder.encode(r.path) },
        ),
        rest: items.length - answered.length,
      };
    },
  };
}

function cacheWith(server: ReturnType<typeof fakeServer>, options: object = {}) {
  const released: string[] = [];
  const cache = new StepImageCache<string>({
    fetch: (items) => server.fetch(items),
    decode: async ({ bytes }) => `decoded:${decoder.decode(bytes)}`,
    release: (value) => released.push(value),
    ...options,
  });
  return { cache, released };
}

describe('images at a step', () => {
  it('finds the last image at or before a step, none before the first', () => {
    const images = [image(0), image(5), image(9)];
    expect(imageAt(images, 0)?.step).toBe(0);
    expect(imageAt(images, 4)?.step).toBe(0);
    expect(imageAt(images, 5)?.step).toBe(5);
    expect(imageAt(images, 100)?.step).toBe(9);
    expect(imageAt(images, -1)).toBeNull();
    expect(imageAt([], 3)).toBeNull();
  });

  it("orders the slider's step first, then outwards, each image once, compressed copies preferred", () => {
    const runs = runsAt(range(10));
    const refs = imagesAround(runs, range(10), 4, 2).map((r) => `${r.runId}:${r.path}`);
    expect(refs).toEqual([
      '1:images/k%step%4.png',
      '2:images/k%step%4.png',
      '1:images/k%step%5.png', // run 2 at step 5 shows step 4's image: already listed
      '1:images/k%step%3.png',
      '2:images/k%step%2.png',
      '1:images/k%step%6.png',
      '2:images/k%step%6.png',
      '1:images/k%step%2.png',
    ]);
    const thumbs = [{ runId: 1, images: [image(0, true)] }];
    expect(imagesAround(thumbs, [0], 0, 12)).toEqual([
      { runId: 1, path: 'images/k%step%0%compressed.webp' },
    ]);
    expect(imagesAround(runs, range(10), 0, 1).length).toBe(3); // nothing before step 0
  });
});

describe('StepImageCache', () => {
  it('prefetches ±radius steps in batches, nearest first, decoded before it tells', async () => {
    const server = fakeServer();
    const { cache } = cacheWith(server, { radius: 3, batchSize: 4 });
    const runs = runsAt(range(20));
    let told = 0;
    cache.subscribe(() => told++);
    cache.want(runs, range(20), 10);
    expect(cache.get({ runId: 1, path: 'images/k%step%10.png' })).toEqual({ state: 'loading' });
    for (let i = 0; i < 5; i++) await flush();
    // Steps 7..13: run 1 logs 7 images, run 2 the even steps 8, 10, 12 (plus step 6's for 7).
    // The slider's own step goes alone, first; then full batches, two requests at a time.
    expect(server.requests.map((r) => r.length)).toEqual([2, 4, 4, 1]);
    expect(server.requests.slice(0, 2).map((b) => b.map((r) => r.path))).toEqual([
      ['images/k%step%10.png', 'images/k%step%10.png'],
      // Step 11 (run 2 shows step 10's, already asked), step 9 (run 2: step 8's), step 12.
      [
        'images/k%step%11.png',
        'images/k%step%9.png',
        'images/k%step%8.png',
        'images/k%step%12.png',
      ],
    ]);
    expect(cache.get({ runId: 2, path: 'images/k%step%6.png' })).toEqual({
      state: 'ready',
      value: 'decoded:images/k%step%6.png',
    });
    expect(cache.size).toBe(11);
    expect(told).toBe(4); // once per batch decoded
  });

  it('asks nothing again for images it holds; a move asks only for the new edge', async () => {
    const server = fakeServer();
    const { cache } = cacheWith(server, { radius: 2 });
    const runs = runsAt(range(20), 1);
    cache.want(runs, range(20), 5);
    await flush();
    await flush();
    cache.want(runs, range(20), 6);
    await flush();
    await flush();
    expect(server.requests.map((r) => r.map((i) => i.path))).toEqual([
      ['images/k%step%5.png'],
      ['images/k%step%6.png', 'images/k%step%4.png', 'images/k%step%7.png', 'images/k%step%3.png'],
      ['images/k%step%8.png'],
    ]);
  });

  it('evicts the oldest images outside the window past capacity, never the window, and frees them', async () => {
    const server = fakeServer();
    const { cache, released } = cacheWith(server, { radius: 1, capacity: 4 });
    const runs = runsAt(range(50), 1);
    for (const center of [1, 4, 7, 10]) {
      cache.want(runs, range(50), center);
      for (let i = 0; i < 3; i++) await flush();
    }
    // Window 9..11 kept whole; one older image fits the capacity of 4: the last one used, step 6
    // (each window is used slider step first, then +1, −1).
    expect(cache.keys().map((k) => /step%(\d+)/.exec(k)![1])).toEqual(['6', '10', '11', '9']);
    expect(released).toEqual([1, 2, 0, 4, 5, 3, 7, 8].map((s) => `decoded:images/k%step%${s}.png`));
  });

  it('keeps the window even when it is larger than the capacity, and an image being fetched', async () => {
    const server = fakeServer();
    const { cache } = cacheWith(server, { radius: 3, capacity: 2 });
    const runs = runsAt(range(20), 1);
    const go = server.pause();
    cache.want(runs, range(20), 10);
    cache.want(runs, range(20), 0); // moved away while 7..13 are still being fetched
    go();
    for (let i = 0; i < 4; i++) await flush();
    expect(cache.size).toBe(4); // 0..3, the window; 7..13 arrived and were evicted next time
    cache.want(runs, range(20), 0);
    expect(
      cache
        .keys()
        .map((k) => /step%(\d+)/.exec(k)![1])
        .sort(),
    ).toEqual(['0', '1', '2', '3']);
  });

  it('asks again for what did not fit a batch; a refused image is remembered with its reason', async () => {
    const server = fakeServer(2);
    const { cache } = cacheWith(server, { radius: 2, concurrency: 1 });
    const images = [0, 1, 2, 3, 4].map((s) => image(s));
    images[2] = { ...images[2]!, path: 'images/bad.png' };
    cache.want([{ runId: 1, images }], [0, 1, 2, 3, 4], 2);
    for (let i = 0; i < 8; i++) await flush();
    // The slider's step alone, then four of which two fit, then the two that did not.
    expect(server.requests.map((r) => r.map((i) => /step%(\d)|bad/.exec(i.path)![0]))).toEqual([
      ['bad'],
      ['step%3', 'step%1', 'step%4', 'step%0'],
      ['step%4', 'step%0'],
    ]);
    expect(cache.get({ runId: 1, path: 'images/bad.png' })).toEqual({
      state: 'refused',
      reason: 'not an image',
    });
    expect(cache.get({ runId: 1, path: 'images/k%step%0.png' })?.state).toBe('ready');
  });

  it('forgets a failed request (the next move asks again) and frees everything when cleared', async () => {
    let fail = true;
    const server = fakeServer();
    const released: string[] = [];
    const cache = new StepImageCache<string>({
      fetch: async (items) => {
        if (fail) throw new Error('offline');
        return server.fetch(items);
      },
      decode: async ({ bytes }) => decoder.decode(bytes),
      release: (v) => released.push(v),
      radius: 0,
    });
    const runs = runsAt([0], 1);
    cache.want(runs, [0], 0);
    await flush();
    expect(cache.error).toEqual(new Error('offline'));
    expect(cache.size).toBe(0);
    fail = false;
    cache.want(runs, [0], 0);
    await flush();
    await flush();
    expect(cache.error).toBeNull();
    expect(cache.get({ runId: 1, path: 'images/k%step%0.png' })?.state).toBe('ready');
    cache.clear();
    expect(cache.size).toBe(0);
    expect(released).toEqual(['images/k%step%0.png']);
    expect(refKey({ runId: 1, path: 'a' })).toBe('1\na');
  });
});
