import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IMAGE_BATCH_MAX_BYTES } from '../../shared/api/artifactPreview.js';
import { decodeBinaryReply } from '../../shared/binaryReply.js';
import { useTempDirs } from '../testing/tempDir.js';
import { openCore, type CoreHandle } from '../core/core.js';
import { startServer, type RunningServer } from './httpServer.js';
import { cookieName, sessionValue } from './browserSession.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]);

interface Reply {
  status: number;
  type: string;
  body: Buffer;
}

function post(port: number, path: string, headers: Record<string, string>, body: unknown) {
  return new Promise<Reply>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: res.headers['content-type'] ?? '',
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const decode = (reply: Reply) => {
  const { buffer, byteOffset, byteLength } = reply.body;
  return decodeBinaryReply(buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer) as {
    images: { kind: string; path: string; reason?: string; offset?: number; length?: number }[];
    rest: number;
    bytes: Uint8Array;
  };
};

/** `POST /api/artifacts.imageFrames`: one step's images for many runs as one binary body. */
describe('benchtop serve: artifacts.imageFrames as a binary body', () => {
  const tempDir = useTempDirs();
  let core: CoreHandle | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    await core?.close();
  });

  async function setup(files: Record<string, Buffer>) {
    const dataDir = tempDir();
    const staticDir = tempDir();
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Benchtop</title>');
    core = openCore({ dataDir });
    const experiment = await core.call('experiments.create', { name: 'e' });
    const run = await core.call('runs.start', { experimentId: experiment.id });
    for (const [path, bytes] of Object.entries(files)) {
      const file = join(dataDir, 'artifacts', 'runs', String(run.id), path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, bytes);
    }
    server = await startServer({ core, port: 0, staticDir });
    const s = server;
    const call = (method: string, body: unknown, headers: Record<string, string> = {}) =>
      post(s.port, `/api/${method}`, headers, body);
    return { server: s, runId: run.id, call };
  }

  it('answers the images as bytes after a JSON header, refusing bad items one by one', async () => {
    const { server, runId, call } = await setup({
      'images/a.png': PNG,
      'images/b.jpeg': JPEG,
      'images/fake.png': JPEG,
    });
    const items = ['images/b.jpeg', 'images/fake.png', 'images/gone.png', 'images/a.png'].map(
      (path) => ({ runId, path }),
    );
    const reply = await call(
      'artifacts.imageFrames',
      { items },
      { 'x-benchtop-token': server.token },
    );
    expect([reply.status, reply.type]).toEqual([200, 'application/octet-stream']);
    const { images, rest, bytes } = decode(reply);
    expect(rest).toBe(0);
    expect(
      images.map((i) => (i.kind === 'image' ? [i.path, i.offset, i.length] : i.reason)),
    ).toEqual([
      ['images/b.jpeg', 0, JPEG.length],
      'fake.png is not a PNG image: its bytes are JPEG',
      'no artifact "images/gone.png" in this run',
      ['images/a.png', JPEG.length, PNG.length],
    ]);
    expect(Buffer.from(bytes)).toEqual(Buffer.concat([JPEG, PNG]));
    // No base64 anywhere: the body is the header plus the images' own bytes.
    expect(reply.body.length).toBeLessThan(JPEG.length + PNG.length + 4 + 600);
  });

  it('keeps the 8 MB budget per answer and refuses bad input in one JSON line', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(IMAGE_BATCH_MAX_BYTES / 2)]);
    const { server, runId, call } = await setup({
      'images/1.png': big,
      'images/2.png': big,
      'images/3.png': big,
    });
    const token = { 'x-benchtop-token': server.token };
    const items = ['1', '2', '3'].map((n) => ({ runId, path: `images/${n}.png` }));
    const first = decode(await call('artifacts.imageFrames', { items }, token));
    expect([first.images.length, first.rest, first.bytes.length]).toEqual([2, 1, 2 * big.length]);
    const many = Array.from({ length: 2001 }, () => ({ runId, path: 'images/1.png' }));
    const refused = await call('artifacts.imageFrames', { items: many }, token);
    expect([refused.status, refused.type]).toEqual([400, 'application/json; charset=utf-8']);
    expect(JSON.parse(refused.body.toString())).toEqual({
      ok: false,
      error: 'artifacts.imageFrames: items: ask for at most 2000 images at once',
    });
  });

  it("takes exactly the JSON route's credentials: token header or query, or the session cookie from the same origin", async () => {
    const { server, runId, call } = await setup({ 'images/a.png': PNG });
    const origin = `http://127.0.0.1:${server.port}`;
    const cookie = (value: string) => `${cookieName(server.port)}=${value}`;
    const good = cookie(sessionValue(server.token, server.port));
    const cases: [string, Record<string, string>, string, number][] = [
      ['no credentials', {}, '', 401],
      ['a wrong token', { 'x-benchtop-token': `${server.token}x` }, '', 401],
      ['the token', { 'x-benchtop-token': server.token }, '', 200],
      ['the token in the query', {}, `?token=${server.token}`, 200],
      ["MLflow's Bearer (not the app's API)", { authorization: `Bearer ${server.token}` }, '', 401],
      ['the session cookie', { cookie: good, origin, 'sec-fetch-site': 'same-origin' }, '', 200],
      ['a wrong cookie', { cookie: cookie('wrong') }, '', 401],
      ['the cookie from another site', { cookie: good, 'sec-fetch-site': 'cross-site' }, '', 401],
      ['the cookie from another origin', { cookie: good, origin: 'http://127.0.0.1:1' }, '', 403],
    ];
    for (const [what, headers, query, status] of cases) {
      const frames = await call(
        `artifacts.imageFrames${query}`,
        { items: [{ runId, path: 'images/a.png' }] },
        headers,
      );
      const json = await call(`artifacts.images${query}`, { runIds: [runId] }, headers);
      expect([frames.status, json.status], what).toEqual([status, status]);
      if (status !== 200) expect(frames.type, what).toBe('application/json; charset=utf-8');
      else expect(decode(frames).bytes.length, what).toBe(PNG.length);
    }
  });
});
