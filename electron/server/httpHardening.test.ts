import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { api, METHODS } from '../../shared/api.js';
import { main } from '../cli/main.js';
import { openCore, type CoreHandle } from '../core/core.js';
import { useTempDirs } from '../testing/tempDir.js';
import { allowedHosts, checkHost, isLoopback, originAllowed } from './hostCheck.js';
import { startServer, type RunningServer } from './httpServer.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
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
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Values of the wrong kind for any field: at least one of them fails any field's schema. */
const WRONG = [{ nested: true }, 'text', -1.5, [1, 'x'], true];

describe('benchtop serve under hostile requests', () => {
  const tempDir = useTempDirs();
  let core: CoreHandle | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    await core?.close();
    server = core = undefined;
  });
  const setup = async (options: { maxBodyBytes?: number; host?: string } = {}) => {
    core = openCore({ dataDir: tempDir() });
    const logged: string[] = [];
    server = await startServer({
      core,
      port: 0,
      staticDir: tempDir(),
      log: (l) => logged.push(l),
      ...options,
    });
    const post = (method: string, body: string, headers: Record<string, string> = {}) =>
      send(server!.port, `/api/${method}`, {
        method: 'POST',
        headers: { 'x-benchtop-token': server!.token, ...headers },
        body,
      });
    return { server, post, logged };
  };

  it('answers every method of the contract 400, with the method named, and logs it, when its payload fails the schema', async () => {
    const { post, logged } = await setup();
    let cases = 0;
    for (const method of METHODS) {
      const schema = api[method].input;
      const payloads: unknown[] = [42, 'text', [], true];
      // Each field of an object schema in turn given a value of the wrong kind.
      const shape =
        (schema as { shape?: Record<string, unknown> }).shape ??
        (schema as { def?: { innerType?: { shape?: Record<string, unknown> } } }).def?.innerType
          ?.shape;
      for (const key of Object.keys(shape ?? {})) {
        const bad = WRONG.map((w) => ({ [key]: w })).find((p) => !schema.safeParse(p).success);
        if (bad) payloads.push(bad);
      }
      for (const payload of payloads) {
        if (schema.safeParse(payload).success) continue;
        cases++;
        logged.length = 0;
        const reply = await post(method, JSON.stringify(payload));
        expect(reply.status, `${method} ${JSON.stringify(payload)}`).toBe(400);
        const error = (JSON.parse(reply.body) as { error: string }).error;
        expect(error.startsWith(`${method}: `), error).toBe(true);
        expect(error).not.toContain('\n');
        expect(logged).toEqual([`benchtop: rejected ${method}: ${error}`]);
      }
    }
    expect(cases).toBeGreaterThan(METHODS.length * 4);
  });

  it('answers a body that is not JSON 400 and logs it', async () => {
    const { post, logged } = await setup();
    const reply = await post('runs.list', '{"oops"');
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).error).toBe('the request body is not valid JSON');
    expect(logged).toEqual(['benchtop: rejected runs.list: the request body is not valid JSON']);
  });

  it('answers a body over the limit 413, whether or not it declares its length, and keeps serving', async () => {
    const { post, server, logged } = await setup({ maxBodyBytes: 1000 });
    const big = JSON.stringify({ fileName: 'big.csv', content: 'x\n'.repeat(5000) });
    const declared = await post('datasets.upload', big);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error).toBe('the request is larger than 1 MB');
    const chunked = await post('datasets.upload', big, { 'transfer-encoding': 'chunked' });
    expect(chunked.status).toBe(413);
    expect(logged).toContain('benchtop: refused datasets.upload: the request is larger than 1 MB');
    expect(
      (
        await send(server.port, '/api/runs.list', {
          method: 'POST',
          headers: { 'x-benchtop-token': server.token },
        })
      ).status,
    ).toBe(200);
  });

  it('refuses an upload larger than the upload limit with a one-line message naming the file', async () => {
    const { MAX_UPLOAD_BYTES, uploadBytes } = await import('../core/datasets/uploadLimit.js');
    const base64 = 'A'.repeat(Math.ceil(((MAX_UPLOAD_BYTES + 3) * 4) / 3));
    expect(() => uploadBytes('huge.csv', { content: '', base64 })).toThrow(
      'huge.csv is larger than the 256 MB an upload may be; import it by path instead (benchtop import FILE)',
    );
    expect(uploadBytes('ok.csv', { content: 'a\n1\n' })).toHaveLength(4);
  });

  it('refuses a Host header other than the bound address or localhost (DNS rebinding), before the token is looked at', async () => {
    const { server } = await setup();
    for (const host of [
      `evil.example:${server.port}`,
      `127.0.0.1.evil.example:${server.port}`,
      `127.0.0.1:${server.port + 1}`,
    ]) {
      const reply = await send(server.port, '/api/runs.list', {
        method: 'POST',
        headers: { host, 'x-benchtop-token': server.token },
      });
      expect(reply.status, host).toBe(403);
      expect(JSON.parse(reply.body).error).toBe('wrong host');
    }
    for (const host of [
      `localhost:${server.port}`,
      `LOCALHOST:${server.port}`,
      `[::1]:${server.port}`,
    ]) {
      expect(
        (
          await send(server.port, '/api/runs.list', {
            method: 'POST',
            headers: { host, 'x-benchtop-token': server.token },
          })
        ).status,
        host,
      ).toBe(200);
    }
  });

  it('refuses a cross-origin request even with the token, and accepts its own origin', async () => {
    const { post, server } = await setup();
    for (const origin of [
      'https://evil.example',
      'null',
      `http://localhost:${server.port + 1}`,
      `https://127.0.0.1:${server.port}`,
    ]) {
      const reply = await post('runs.list', '{}', { origin });
      expect(reply.status, origin).toBe(403);
      expect(JSON.parse(reply.body).error).toBe('cross-origin request refused');
    }
    expect(
      (await post('runs.list', '{}', { origin: `http://127.0.0.1:${server.port}` })).status,
    ).toBe(200);
  });

  it('sends no CORS headers, not even to a preflight', async () => {
    const { post, server } = await setup();
    const replies = [
      await send(server.port, '/api/runs.list', {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      }),
      await post('runs.list', '{}'),
      await send(server.port, '/'),
    ];
    for (const reply of replies)
      expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(replies[0]!.status).toBeGreaterThanOrEqual(400);
  });

  it('binds 127.0.0.1 by default and, bound to every interface, still checks the Host header', async () => {
    const local = await setup();
    expect(local.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    await server!.close();
    await core!.close();
    const wide = await setup({ host: '0.0.0.0' });
    expect(
      (await send(wide.server.port, '/', { headers: { host: `evil.example:${wide.server.port}` } }))
        .status,
    ).toBe(403);
    expect((await wide.post('runs.list', '{}')).status).toBe(200);
  });
});

describe('--host', () => {
  const tempDir = useTempDirs();

  it('knows loopback from the rest', () => {
    for (const h of ['127.0.0.1', '127.8.9.1', 'localhost', '::1', '[::1]'])
      expect(isLoopback(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.4', 'example.com', '128.0.0.1'])
      expect(isLoopback(h), h).toBe(false);
  });

  it('allows, for a wildcard bind, the machine’s own addresses and loopback names, and nothing else', () => {
    const hosts = allowedHosts('0.0.0.0', 80, ['10.1.2.3', 'fe80::1', '127.0.0.1']);
    expect([...hosts].sort()).toEqual([
      '10.1.2.3:80',
      '127.0.0.1:80',
      '[::1]:80',
      '[fe80::1]:80',
      'localhost:80',
    ]);
    expect(allowedHosts('box.lan', 8080).has('box.lan:8080')).toBe(true);
    expect(originAllowed(undefined, 'localhost:80')).toBe(true);
    expect(originAllowed('http://evil.example', 'localhost:80')).toBe(false);
  });

  it('takes an address or a host name, and nothing else', () => {
    expect(checkHost('0.0.0.0')).toBe('0.0.0.0');
    expect(checkHost('box.lan')).toBe('box.lan');
    expect(() => checkHost('http://x/')).toThrow(
      '--host must be an IP address or a host name, got "http://x/"',
    );
  });

  const serve = async (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await main(['--data-dir', tempDir(), 'serve', '--port', '0', ...args], {
      out: (t) => (stdout += `${t}\n`),
      err: (t) => (stderr += `${t}\n`),
      interrupted: () => Promise.resolve(),
    });
    return { code, stdout, stderr };
  };

  it('serves on loopback without a word, and warns in one line when told to listen elsewhere', async () => {
    const local = await serve([]);
    expect(local).toMatchObject({ code: 0, stderr: '' });
    expect(local.stdout).toMatch(/^Benchtop is serving at http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    const wide = await serve(['--host', '0.0.0.0']);
    expect(wide.code).toBe(0);
    expect(wide.stderr).toBe(
      'benchtop: warning: serving on 0.0.0.0, so other machines can reach Benchtop; keep the token secret\n',
    );
    const bad = await serve(['--host', 'not a host']);
    expect(bad).toMatchObject({
      code: 2,
      stderr: 'benchtop: --host must be an IP address or a host name, got "not a host"\n',
    });
  });
});
