import { describe, expect, it } from 'vitest';
import type { DecodeReply, DecodeRequest } from './imageDecodeProtocol.js';
import { createWorkerDecoder, type DecodeWorker } from './workerImageDecoder.js';

const bitmap = (name: string) => ({ name }) as unknown as ImageBitmap;
const image = (name: string) => ({ mime: 'image/png', bytes: new TextEncoder().encode(name) });
const nameOf = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A worker that records its messages; `answer` replies to one, naming each bitmap by its bytes. */
function fakeWorker() {
  const sent: DecodeRequest[] = [];
  const worker: DecodeWorker & { terminated: boolean } = {
    postMessage: (m) => void sent.push(m),
    onmessage: null,
    onerror: null,
    terminate: () => void (worker.terminated = true),
    terminated: false,
  };
  const answer = (m: DecodeRequest) =>
    worker.onmessage?.({
      data: {
        id: m.id,
        results: m.images.map(({ bytes }) =>
          nameOf(bytes).startsWith('bad')
            ? { ok: false, error: 'not decodable' }
            : { ok: true, bitmap: bitmap(nameOf(bytes)) },
        ),
      },
    } as MessageEvent<DecodeReply>);
  return { worker, sent, answer };
}

/** Decoding on the page: records what it was given. */
function pageDecoder() {
  const given: string[] = [];
  const decode = async (images: DecodeRequest['images']): Promise<DecodeReply['results']> =>
    images.map(({ bytes }) => {
      given.push(nameOf(bytes));
      return { ok: true, bitmap: bitmap(`page:${nameOf(bytes)}`) };
    });
  return { given, decode };
}

describe('createWorkerDecoder', () => {
  it('sends the images asked for in one turn as one message, and answers each', async () => {
    const fake = fakeWorker();
    const page = pageDecoder();
    let started = 0;
    const decoder = createWorkerDecoder(() => (started++, fake.worker), page.decode);
    const results = ['a', 'bad', 'c'].map((n) => decoder.decode(image(n)));
    await Promise.resolve();
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]!.images.map((i) => nameOf(i.bytes))).toEqual(['a', 'bad', 'c']);
    fake.answer(fake.sent[0]!);
    expect(await results[0]).toEqual({ name: 'a' });
    await expect(results[1]).rejects.toThrow('not decodable');
    expect(await results[2]).toEqual({ name: 'c' });
    // The next turn's images go in a second message to the same worker.
    const d = decoder.decode(image('d'));
    await Promise.resolve();
    fake.answer(fake.sent[1]!);
    expect(await d).toEqual({ name: 'd' });
    expect([started, page.given]).toEqual([1, []]);
  });

  it('decodes on the page what a failed worker held, and everything after', async () => {
    const fake = fakeWorker();
    const page = pageDecoder();
    const decoder = createWorkerDecoder(() => fake.worker, page.decode);
    const held = decoder.decode(image('a'));
    await Promise.resolve();
    fake.worker.onerror?.(new Event('error'));
    expect(await held).toEqual({ name: 'page:a' });
    expect(fake.worker.terminated).toBe(true);
    expect(await decoder.decode(image('b'))).toEqual({ name: 'page:b' });
    expect(fake.sent).toHaveLength(1);
  });

  it('decodes on the page when no worker starts; close settles what the worker held', async () => {
    const page = pageDecoder();
    const noWorker = createWorkerDecoder(() => {
      throw new Error('no workers here');
    }, page.decode);
    expect(await noWorker.decode(image('a'))).toEqual({ name: 'page:a' });

    const fake = fakeWorker();
    let started = 0;
    const decoder = createWorkerDecoder(() => (started++, fake.worker), page.decode);
    const held = decoder.decode(image('b'));
    await Promise.resolve();
    decoder.close();
    expect(await held).toEqual({ name: 'page:b' });
    // A later decode starts a worker again.
    void decoder.decode(image('c'));
    await Promise.resolve();
    expect(started).toBe(2);
  });
});
