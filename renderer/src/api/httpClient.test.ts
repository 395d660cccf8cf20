import { describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from '../../../shared/api.js';
import { stringifyKeepingNonFinite } from '../../../shared/nonFiniteJson.js';
import { createHttpClient } from './httpClient.js';

/** Stands in for the browser's EventSource: records what was opened and closed, and delivers messages. */
function fakeStreams() {
  const opened: {
    url: string;
    closed: boolean;
    send: (data: unknown) => void;
    sendText: (data: string) => void;
  }[] = [];
  const open = (url: string) => {
    const stream = {
      onmessage: null as ((m: MessageEvent<string>) => void) | null,
      close: () => (entry.closed = true),
    };
    const entry = {
      url,
      closed: false,
      send: (data: unknown) => entry.sendText(JSON.stringify(data)),
      sendText: (data: string) => stream.onmessage?.({ data } as MessageEvent<string>),
    };
    opened.push(entry);
    return stream as unknown as EventSource;
  };
  return { opened, open };
}

const status: ApiEvent = { type: 'run.status', runId: 7, status: 'finished', error: null };

describe('createHttpClient: events', () => {
  it('shares one stream between subscribers and closes it after the last leaves', () => {
    const streams = fakeStreams();
    const client = createHttpClient('t&k', '', streams.open);
    const a: ApiEvent[] = [];
    const b: ApiEvent[] = [];
    const stopA = client.subscribe((e) => a.push(e));
    const stopB = client.subscribe((e) => b.push(e));
    expect(streams.opened.map((s) => s.url)).toEqual(['/api/events?token=t%26k']);
    streams.opened[0]!.send(status);
    expect(a).toEqual([status]);
    expect(b).toEqual([status]);
    stopA();
    streams.opened[0]!.send(status);
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(2);
    expect(streams.opened[0]!.closed).toBe(false);
    stopB();
    expect(streams.opened[0]!.closed).toBe(true);
    // A later subscriber opens a new stream.
    client.subscribe(() => {});
    expect(streams.opened).toHaveLength(2);
  });

  it('a subscriber added while others listen gets the next event at once (no new connection)', () => {
    const streams = fakeStreams();
    const client = createHttpClient('t', '', streams.open);
    client.subscribe(() => {});
    const late: ApiEvent[] = [];
    client.subscribe((e) => late.push(e));
    streams.opened[0]!.send(status);
    expect(late).toEqual([status]);
    expect(streams.opened).toHaveLength(1);
  });

  it('a listener that throws does not cost the others the event; its error is rethrown apart', () => {
    const streams = fakeStreams();
    const client = createHttpClient('t', '', streams.open);
    const rethrown: (() => void)[] = [];
    const spy = vi
      .spyOn(globalThis, 'queueMicrotask')
      .mockImplementation((fn) => rethrown.push(fn));
    try {
      const got: ApiEvent[] = [];
      client.subscribe(() => {
        throw new Error('listener bug');
      });
      client.subscribe((e) => got.push(e));
      streams.opened[0]!.send(status);
      expect(got).toEqual([status]);
      expect(rethrown).toHaveLength(1);
      expect(() => rethrown[0]!()).toThrow('listener bug');
    } finally {
      spy.mockRestore();
    }
  });

  it('drops a message that is not an event', () => {
    const streams = fakeStreams();
    const client = createHttpClient('t', '', streams.open);
    const got: ApiEvent[] = [];
    client.subscribe((e) => got.push(e));
    streams.opened[0]!.send({ type: 'nonsense' });
    expect(got).toEqual([]);
  });
});

describe('createHttpClient: under the session cookie', () => {
  it('sends no token header and opens the event stream without ?token= when the page has no token', async () => {
    const streams = fakeStreams();
    const seen: RequestInit[] = [];
    vi.stubGlobal('fetch', (_url: string, init: RequestInit) => {
      seen.push(init);
      return Promise.resolve(new Response(JSON.stringify({ ok: true, data: { runs: [] } })));
    });
    try {
      const client = createHttpClient('', '', streams.open);
      client.subscribe(() => {});
      expect(streams.opened.map((s) => s.url)).toEqual(['/api/events']);
      await client.call('runs.list', {});
      expect(seen[0]!.headers).toEqual({ 'content-type': 'application/json' });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('createHttpClient: binary answers', () => {
  it('reads a binary body (artifacts.imageFrames) without JSON, and a refusal still as its line', async () => {
    const bytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47]);
    const answer = {
      images: [{ kind: 'image', runId: 1, path: 'a.png', mime: 'image/png', offset: 0, length: 4 }],
      rest: 0,
    };
    const head = new TextEncoder().encode(JSON.stringify(answer));
    const body = new Uint8Array(4 + head.length + bytes.length);
    new DataView(body.buffer).setUint32(0, head.length);
    body.set(head, 4);
    body.set(bytes, 4 + head.length);
    const replies = [
      new Response(body, { headers: { 'content-type': 'application/octet-stream' } }),
      new Response(JSON.stringify({ ok: false, error: 'missing or wrong token' }), {
        status: 401,
        headers: { 'content-type': 'application/json; charset=utf-8' },
      }),
    ];
    const fetch = vi.fn(async () => replies.shift()!);
    vi.stubGlobal('fetch', fetch);
    try {
      const client = createHttpClient('tok');
      const items = [{ runId: 1, path: 'a.png' }];
      const reply = await client.call('artifacts.imageFrames', { items });
      expect({ ...reply, bytes: [...reply.bytes] }).toEqual({ ...answer, bytes: [...bytes] });
      await expect(client.call('artifacts.imageFrames', { items })).rejects.toThrow(
        'missing or wrong token',
      );
      expect(fetch).toHaveBeenCalledWith('/api/artifacts.imageFrames', expect.anything());
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('createHttpClient: non-finite values', () => {
  it('reads ±Infinity and NaN in answers and events as numbers, not null', async () => {
    const run = { id: 1, metrics: { loss: Infinity, 'val/loss': -Infinity, acc: Number.NaN } };
    const fetch = vi.fn(
      async () => new Response(stringifyKeepingNonFinite({ ok: true, data: run }), { status: 200 }),
    );
    vi.stubGlobal('fetch', fetch);
    try {
      const client = createHttpClient('tok');
      expect(await client.call('runs.get', { id: 1 })).toEqual(run);
    } finally {
      vi.unstubAllGlobals();
    }
    const streams = fakeStreams();
    const events: ApiEvent[] = [];
    createHttpClient('tok', '', streams.open).subscribe((e) => events.push(e));
    const event = {
      type: 'run.metric',
      runId: 1,
      points: [{ key: 'loss', step: 3, value: -Infinity, time: 5 }],
    };
    streams.opened[0]!.sendText(stringifyKeepingNonFinite(event));
    expect(events).toEqual([event]);
  });
});
