import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/tempDir.js';
import {
  APP_CSP,
  APP_INDEX_URL,
  appFilePath,
  createAppProtocolHandler,
  isAppUrl,
} from './appProtocol.js';

describe('app:// protocol for the renderer', () => {
  const tempDir = useTempDirs();
  const setup = () => {
    const base = tempDir();
    const root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Benchtop</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(base, 'secret.txt'), 'root:x:0:0');
    symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.js'));
    return { root, handle: createAppProtocolHandler(root) };
  };
  const get = async (
    handle: ReturnType<typeof createAppProtocolHandler>,
    url: string,
    method = 'GET',
  ) => {
    const res = await handle({ url, method });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      csp: res.headers.get('content-security-policy'),
      body: await res.text(),
    };
  };

  it('serves the built renderer with its type and a strict CSP header', async () => {
    const { handle } = setup();
    const page = await get(handle, APP_INDEX_URL);
    expect(page).toMatchObject({
      status: 200,
      type: 'text/html; charset=utf-8',
      body: '<!doctype html><title>Benchtop</title>',
    });
    expect(page.csp).toBe(APP_CSP);
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).toContain("frame-ancestors 'none'");
    expect(APP_CSP).not.toContain('unsafe-eval');
    expect(await get(handle, 'app://benchtop/assets/app.js?v=1#x')).toMatchObject({
      status: 200,
      type: 'text/javascript; charset=utf-8',
    });
    expect(await get(handle, 'app://benchtop/')).toMatchObject({
      status: 200,
      body: '<!doctype html><title>Benchtop</title>',
    });
  });

  it('never serves a file outside its folder: encoded .., backslashes, NUL, another host, a symlink out', async () => {
    const { handle } = setup();
    const hostile = [
      'app://benchtop/%2e%2e/secret.txt',
      'app://benchtop/assets/%2E%2E/%2e%2e/secret.txt',
      'app://benchtop/..%2fsecret.txt',
      'app://benchtop/..%5csecret.txt',
      'app://benchtop/assets%5c..%5c..%5csecret.txt',
      'app://benchtop/index.html%00.js',
      'app://benchtop/%E0%A4%A',
      'app://evil/index.html',
      'file:///etc/passwd',
      'app://benchtop/assets/link.js',
      'app://benchtop/missing.js',
    ];
    for (const url of hostile) {
      const reply = await get(handle, url);
      expect(reply.status, url).toBe(404);
      expect(reply.body, url).not.toContain('root:');
    }
    expect((await get(handle, APP_INDEX_URL, 'POST')).status).toBe(405);
  });

  it('maps URLs to paths only inside the root', () => {
    expect(appFilePath('/r', 'app://benchtop/assets/a.js')).toBe('/r/assets/a.js');
    expect(appFilePath('/r', 'app://benchtop/%2e%2e/x')).toBe('/r/x'); // the URL parser drops a leading ..
    expect(appFilePath('/r', 'app://benchtop/..%2fx')).toBeNull();
    expect(appFilePath('/r', 'app://benchtop.evil/a.js')).toBeNull();
  });

  it('trusts only frames of app://benchtop for IPC', () => {
    expect(isAppUrl('app://benchtop/index.html#/runs/3')).toBe(true);
    for (const url of [
      'file:///app/dist/renderer/index.html',
      'https://benchtop/',
      'app://benchtop.evil.example/',
      'app://evil/',
      '',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});
