import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type CoreHandle } from '../core/core.js';
import { useTempDirs } from '../testing/tempDir.js';
import { startTrackingListener, type TrackingListener } from './trackingListener.js';

/** A port nothing listens on right now (the OS hands out a free one, which is then let go). */
async function freePort(): Promise<number> {
  const probe = await holdPort(0);
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function holdPort(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** `POST /api/2.0/mlflow/experiments/search` as MLflow's client sends it: the status, or the connection error's code. */
function searchExperiments(port: number, token: string): Promise<number | string> {
  return new Promise((resolve) => {
    const body = JSON.stringify({ max_results: 10 });
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/2.0/mlflow/experiments/search',
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    req.end(body);
  });
}

describe('the desktop app listens for scripts', () => {
  const tempDir = useTempDirs();
  let core: CoreHandle | undefined;
  let listener: TrackingListener | undefined;
  const held: Server[] = [];
  afterEach(async () => {
    await listener?.close();
    await core?.close();
    for (const s of held.splice(0)) await new Promise((resolve) => s.close(resolve));
    listener = core = undefined;
  });

  const setup = async (port: number) => {
    core = openCore({ dataDir: tempDir() });
    await core.call('tracking.setPort', { port });
    const lines: string[] = [];
    listener = startTrackingListener({
      core,
      staticDir: tempDir(),
      log: (line) => lines.push(line),
    });
    await listener.settled();
    const { token } = await core.call('tracking.token', {});
    return { core, listener, lines, token };
  };

  it('answers MLflow requests with the tracking token on 127.0.0.1 at the settings port', async () => {
    const port = await freePort();
    const { listener, lines, token } = await setup(port);
    expect(listener.status()).toEqual({ listening: true, port, error: null });
    expect(await searchExperiments(port, token)).toBe(200);
    expect(await searchExperiments(port, 'not-the-token')).toBe(401);
    expect(lines).toEqual([]);
  });

  it('moves to the new port when the port is changed', async () => {
    const { core, listener, token } = await setup(await freePort());
    const before = listener.status().port;
    const after = await freePort();
    await core.call('tracking.setPort', { port: after });
    await listener.settled();
    expect(listener.status()).toEqual({ listening: true, port: after, error: null });
    expect(await searchExperiments(after, token)).toBe(200);
    expect(await searchExperiments(before, token)).toBe('ECONNREFUSED');
  });

  it('takes up a rotated token when it restarts', async () => {
    const { core, listener, token } = await setup(await freePort());
    const port = listener.status().port;
    const { token: rotated } = await core.call('tracking.token', { rotate: true });
    await core.call('tracking.setPort', { port });
    await listener.settled();
    expect(await searchExperiments(port, rotated)).toBe(200);
    expect(await searchExperiments(port, token)).toBe(401);
  });

  it('stays stopped with one line when the port is busy, and starts once a free port is chosen', async () => {
    const busy = await freePort();
    held.push(await holdPort(busy));
    const { core, listener, lines, token } = await setup(busy);
    expect(listener.status()).toEqual({
      listening: false,
      port: busy,
      error: `port ${busy} is already in use`,
    });
    expect(lines).toEqual([
      `benchtop: scripts cannot log to the desktop app: port ${busy} is already in use; choose another port in Settings`,
    ]);

    const free = await freePort();
    await core.call('tracking.setPort', { port: free });
    await listener.settled();
    expect(listener.status()).toEqual({ listening: true, port: free, error: null });
    expect(await searchExperiments(free, token)).toBe(200);
  });

  it('stops listening and following the settings once closed', async () => {
    const { core, listener, token } = await setup(await freePort());
    const port = listener.status().port;
    await listener.close();
    expect(listener.status().listening).toBe(false);
    expect(await searchExperiments(port, token)).toBe('ECONNREFUSED');
    await core.call('tracking.setPort', { port: await freePort() });
    await listener.settled();
    expect(listener.status().listening).toBe(false);
  });
});
