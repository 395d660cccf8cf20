import { request, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/tempDir.js';
import { openCore, type CoreHandle } from '../core/core.js';
import { startServer, type RunningServer } from './httpServer.js';
import { sessionValue } from './browserSession.js';

interface Reply {
  status: number;
  body: string;
  headers: IncomingHttpHeaders;
}

function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('benchtop serve: HTTP transport', () => {
  const tempDir = useTempDirs();
  let core: CoreHandle | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    await core?.close();
  });
  const setup = async () => {
    const staticDir = tempDir();
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Benchtop</title>');
    mkdirSync(join(staticDir, 'assets'));
    core = openCore({ dataDir: tempDir() });
    server = await startServer({ core, port: 0, staticDir });
    const api = (method: string, body: unknown, token = server!.token) =>
      send(server!.port, `/api/${method}`, {
        method: 'POST',
        headers: { 'x-benchtop-token': token },
        body: JSON.stringify(body),
      });
    return { server, api, staticDir };
  };

  it('listens on 127.0.0.1 and prints a URL with the token', async () => {
    const { server } = await setup();
    expect(server.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[\\w-]{32}$`),
    );
  });

  it('answers 401 to every /api/ request without the right token', async () => {
    const { server, api } = await setup();
    expect((await send(server.port, '/api/runs.list', { method: 'POST' })).status).toBe(401);
    expect((await api('runs.list', {}, 'wrong-token-of-the-wrong-length')).status).toBe(401);
    expect((await send(server.port, '/api/events')).status).toBe(401);
    expect((await api('runs.list', {})).status).toBe(200);
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    const { server } = await setup();
    const reply = await send(server.port, '/', {
      headers: { host: `evil.example:${server.port}` },
    });
    expect(reply.status).toBe(403);
  });

  it('validates input against the contract and answers user errors with 400 and one line', async () => {
    const { api } = await setup();
    const bad = await api('runs.get', { id: 'seven' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({
      ok: false,
      error: expect.stringMatching(/^runs\.get: id: /),
    });
    const missing = await api('runs.get', { id: 7 });
    expect(JSON.parse(missing.body)).toEqual({ ok: false, error: 'no run with id 7' });
    expect((await api('nope.nothing', {})).status).toBe(404);
  });

  it('imports an uploaded CSV, rejects a non-CSV upload, and keeps serving', async () => {
    const { api } = await setup();
    const png = await api('datasets.upload', { fileName: 'photo.png', content: '\u0089PNG' });
    expect(JSON.parse(png.body).error).toBe(
      'photo.png is not a CSV file or another format Benchtop reads (.csv .tsv .txt .json .jsonl .parquet .arrow, or any of them .gz)',
    );
    const ok = await api('datasets.upload', { fileName: 'tiny.csv', content: 'x,y\n1,a\n2,b\n' });
    expect(JSON.parse(ok.body).data).toMatchObject({ name: 'tiny', rows: 2 });
    expect(JSON.parse((await api('datasets.list', {})).body).data).toHaveLength(1);
  });

  it('serves the renderer, falling back to index.html, and never outside its folder', async () => {
    const { server } = await setup();
    const page = await send(server.port, `/runs/3?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Benchtop</title>');
    for (const path of ['/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2f..%2f..%2fetc%2fpasswd']) {
      const reply = await send(server.port, `${path}?token=${server.token}`);
      expect(reply.body).not.toContain('root:');
      expect(reply.body).toContain('<title>Benchtop</title>');
    }
  });

  describe('browser session', () => {
    const cookieOf = (reply: Reply): string => {
      const set = reply.headers['set-cookie'] ?? [];
      expect(set).toHaveLength(1);
      return set[0]!;
    };

    it('the page opened with the right ?token= sets an HttpOnly, SameSite=Strict, Path=/ session cookie, never the token itself', async () => {
      const { server } = await setup();
      const page = await send(server.port, `/?token=${server.token}`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('<title>Benchtop</title>');
      const cookie = cookieOf(page);
      const [pair, ...attributes] = cookie.split(';').map((p) => p.trim());
      // Derived from the token and bound to the port: other services on this host are sent it, and
      // the token is also the MLflow API's credential.
      expect(pair).toBe(
        `benchtop_session_${server.port}=${sessionValue(server.token, server.port)}`,
      );
      expect(cookie).not.toContain(server.token);
      expect(sessionValue(server.token, server.port + 1)).not.toBe(
        sessionValue(server.token, server.port),
      );
      expect(attributes.sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
    });

    it('no cookie for a wrong or missing token: the token page instead of the app', async () => {
      const { server, staticDir } = await setup();
      for (const [path, why] of [
        ['/', 'This address has no token'],
        ['/?token=wrong', 'not this server’s'],
        [`/?token=${server.token}x`, 'not this server’s'],
        ['/runs/3', 'This address has no token'],
      ] as const) {
        const page = await send(server.port, path);
        expect(page.status, path).toBe(401);
        expect(page.headers['set-cookie'], path).toBeUndefined();
        expect(page.body).toContain('<title>Benchtop needs its token</title>');
        expect(page.body).toContain(why);
        expect(page.body).toContain('tracking-token'); // where the data directory keeps it
        expect(page.body).toContain('benchtop token');
        expect(page.body).not.toContain(server.token);
      }
      // The app's assets are no secret; only the page that would run them is held back.
      writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
      expect((await send(server.port, '/assets/app.js')).status).toBe(200);
    });

    it('the cookie alone opens the page, calls the API and streams events; a bad cookie does none of them', async () => {
      const { server } = await setup();
      const cookie = cookieOf(await send(server.port, `/?token=${server.token}`)).split(';')[0]!;
      const withCookie = (c: string, headers: Record<string, string> = {}) => ({
        headers: { cookie: `theme=dark; ${c}`, ...headers },
      });
      expect((await send(server.port, '/', withCookie(cookie))).status).toBe(200);
      const call = (c: string, headers: Record<string, string> = {}) =>
        send(server.port, '/api/runs.list', {
          method: 'POST',
          body: '{}',
          ...withCookie(c, { origin: `http://127.0.0.1:${server.port}`, ...headers }),
        });
      const ok = await call(cookie, { 'sec-fetch-site': 'same-origin' });
      expect([ok.status, JSON.parse(ok.body).ok]).toEqual([200, true]);
      const events = await new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: server.port, path: '/api/events', headers: { cookie } },
          (res) => {
            resolve(res.statusCode ?? 0);
            req.destroy();
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(events).toBe(200);
      // A same-named cookie another service on this host set (sent first, for a longer path) does not lock the user out.
      const shadowed = `benchtop_session_${server.port}=planted; ${cookie}`;
      expect((await call(shadowed, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
      expect((await send(server.port, '/', withCookie(shadowed))).status).toBe(200);

      for (const bad of [
        `benchtop_session_${server.port}=wrong`,
        `benchtop_session_${server.port}=${server.token}`,
        `benchtop_session_1=${sessionValue(server.token, 1)}`,
        `benchtop_session_${server.port}=${sessionValue(server.token, server.port + 1)}`,
      ]) {
        expect((await call(bad)).status, bad).toBe(401);
        expect((await send(server.port, '/api/events', withCookie(bad))).status, bad).toBe(401);
        expect((await send(server.port, '/', withCookie(bad))).status, bad).toBe(401);
      }
      // Another origin: refused by Origin as before, and by Sec-Fetch-Site where the browser sends no Origin (a GET).
      expect((await call(cookie, { origin: 'http://127.0.0.1:3000' })).status).toBe(403);
      expect(
        (
          await send(
            server.port,
            '/api/events',
            withCookie(cookie, { 'sec-fetch-site': 'same-site' }),
          )
        ).status,
      ).toBe(401);
      expect(
        (
          await send(
            server.port,
            '/api/events',
            withCookie(cookie, { 'sec-fetch-site': 'cross-site' }),
          )
        ).status,
      ).toBe(401);
    });

    it("the MLflow API takes no cookie: only MLflow's Bearer or basic auth", async () => {
      const { server } = await setup();
      const cookie = cookieOf(await send(server.port, `/?token=${server.token}`)).split(';')[0]!;
      const path = '/api/2.0/mlflow/experiments/search';
      const body = JSON.stringify({ max_results: 10 });
      const post = (headers: Record<string, string>) =>
        send(server.port, path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
        });
      expect((await post({ cookie })).status).toBe(401);
      expect((await post({ cookie, 'sec-fetch-site': 'same-origin' })).status).toBe(401);
      expect((await post({ authorization: `Bearer ${server.token}` })).status).toBe(200);
    });
  });

  it('streams events as server-sent events', async () => {
    const { server, api } = await setup();
    // Imported before listening: an import's own progress events are not what this test is about.
    const { id } = JSON.parse((await api('datasets.importSample', { name: 'iris' })).body).data;
    const received = new Promise<string>((resolve) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: `/api/events?token=${server.token}` },
        (res) => {
          res.on('data', (c: Buffer) => {
            const text = c.toString();
            if (text.includes('data:')) {
              resolve(text);
              req.destroy();
            }
          });
        },
      );
      req.end();
    });
    await new Promise((r) => setTimeout(r, 100));
    await api('jobs.train', { datasetId: id, target: 'species', params: { epochs: 1 } });
    expect(JSON.parse((await received).replace(/^[\s\S]*?data: /, ''))).toMatchObject({
      type: 'run.status',
      status: 'queued',
    });
  });

  it('answers a malformed URL with 400 and keeps serving', async () => {
    const { server, api } = await setup();
    expect((await send(server.port, '/%E0%A4%A')).status).toBe(400);
    expect((await api('runs.list', {})).status).toBe(200);
  });

  it('refuses a body over the limit with a reply, not a reset connection', async () => {
    const staticDir = tempDir();
    core = openCore({ dataDir: tempDir() });
    server = await startServer({ core, port: 0, staticDir, maxBodyBytes: 1000 });
    const reply = await send(server.port, '/api/datasets.upload', {
      method: 'POST',
      headers: { 'x-benchtop-token': server.token },
      body: JSON.stringify({ fileName: 'big.csv', content: 'x\n'.repeat(100_000) }),
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body).error).toBe('the request is larger than 1 MB');
  });

  it('says which port is taken when it is already in use', async () => {
    const { server } = await setup();
    await expect(
      startServer({ core: core!, port: server.port, staticDir: tempDir() }),
    ).rejects.toThrow(`port ${server.port} is already in use; choose another with --port`);
  });
});
