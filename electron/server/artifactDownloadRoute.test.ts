import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type CoreHandle } from '../core/core.js';
import { createSaver } from '../desktop/saveFiles.js';
import { useTempDirs } from '../testing/tempDir.js';
import { startServer, type RunningServer } from './httpServer.js';

function get(port: number, path: string, token?: string) {
  return new Promise<{ status: number; body: Buffer; headers: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path, headers: token ? { 'x-benchtop-token': token } : {} },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks),
              headers: res.headers,
            }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

/** Downloading one artifact: browser mode over HTTP, the desktop app through its save dialog. */
describe('artifact downloads', () => {
  const tempDir = useTempDirs();
  let core: CoreHandle;
  let server: RunningServer | undefined;
  let dataDir: string;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await core?.close();
  });

  async function setup() {
    dataDir = tempDir();
    core = openCore({ dataDir });
    const experiment = await core.call('experiments.create', { name: 'e' });
    const run = await core.call('runs.start', { experimentId: experiment.id });
    const root = join(dataDir, 'artifacts', 'runs', String(run.id));
    mkdirSync(join(root, 'pages'), { recursive: true });
    writeFileSync(join(root, 'pages', 'report ü.html'), '<script>alert(1)</script>');
    writeFileSync(join(dataDir, 'secret.txt'), 'secret');
    symlinkSync(join(dataDir, 'secret.txt'), join(root, 'leak.txt'));
    return { runId: run.id, root };
  }

  it('streams a file as an attachment (never inline), with its name', async () => {
    const { runId } = await setup();
    server = await startServer({ core, port: 0, staticDir: tempDir() });
    const path = encodeURIComponent('pages/report ü.html');
    const reply = await get(server.port, `/api/artifact?run=${runId}&path=${path}`, server.token);
    expect(reply.status).toBe(200);
    expect(reply.body.toString()).toBe('<script>alert(1)</script>');
    expect(reply.headers['content-type']).toBe('application/octet-stream');
    expect(reply.headers['content-disposition']).toBe(
      `attachment; filename="report _.html"; filename*=UTF-8''report%20%C3%BC.html`,
    );
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses, in one line, paths out of the run (plain, encoded, absolute, symlinked) and a missing token', async () => {
    const { runId } = await setup();
    server = await startServer({ core, port: 0, staticDir: tempDir() });
    const ask = (path: string) =>
      get(server!.port, `/api/artifact?run=${runId}&path=${path}`, server!.token);
    for (const path of [
      '../../../secret.txt',
      '%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret.txt',
      '%2Fetc%2Fpasswd',
    ]) {
      const reply = await ask(path);
      expect(reply.status).toBe(400);
      expect(JSON.parse(reply.body.toString()).error).toMatch(/^invalid artifact path "[^"\n]+"/);
    }
    const leak = await ask('leak.txt');
    expect(leak.status).toBe(400);
    expect(JSON.parse(leak.body.toString())).toEqual({
      ok: false,
      error: 'the artifact "leak.txt" points outside the run',
    });
    expect((await ask('nothing.txt')).status).toBe(404);
    expect(
      (await get(server.port, `/api/artifact?run=${runId}&path=pages`, server.token)).status,
    ).toBe(400);
    expect((await get(server.port, `/api/artifact?run=${runId}&path=leak.txt`)).status).toBe(401);
  });

  it('the desktop save helper copies the artifact where the user picks, and refuses a symlink out before asking', async () => {
    const { runId } = await setup();
    const target = join(tempDir(), 'saved.html');
    const asked: string[] = [];
    const save = createSaver({
      core,
      pickSavePath: async (name) => {
        asked.push(name);
        return target;
      },
      printToPdf: async () => Buffer.from(''),
    });
    expect(await save({ kind: 'artifact', runId, path: 'pages/report ü.html' })).toEqual({
      saved: true,
      path: target,
      bytes: 25,
    });
    expect(readFileSync(target, 'utf8')).toBe('<script>alert(1)</script>');
    await expect(save({ kind: 'artifact', runId, path: 'leak.txt' })).rejects.toThrow(
      'points outside the run',
    );
    expect(asked).toEqual(['report ü.html']);
  });
});
