import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseKeepingNonFinite } from '../../shared/nonFiniteJson.js';
import { useTempDirs } from '../testing/tempDir.js';
import { openCore, type CoreHandle } from '../core/core.js';
import { startServer, type RunningServer } from './httpServer.js';

function send(port: number, path: string, token: string, body: unknown): Promise<string> {
  return new Promise((resolve, reject) => {
    const headers = { 'x-benchtop-token': token };
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** The event stream: resolves `open` once connected, `first` with the first event's JSON. */
function firstEvent(port: number, token: string) {
  let opened!: () => void;
  const open = new Promise<void>((resolve) => (opened = resolve));
  const first = new Promise<string>((resolve, reject) => {
    const headers = { 'x-benchtop-token': token };
    const req = request({ host: '127.0.0.1', port, path: '/api/events', headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString();
        opened();
        const event = /\ndata: (.*)\n\n/.exec(text);
        if (event) {
          resolve(event[1]!);
          req.destroy();
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
  return { open, first };
}

/** A diverged loss (±Infinity) and a NaN cross `benchtop serve`'s JSON as the numbers they are. */
describe('benchtop serve: non-finite metric values', () => {
  const tempDir = useTempDirs();
  let core: CoreHandle | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    await core?.close();
  });

  it('answers runs.get, runs.metrics, runs.table (read worker) and events with ±Infinity and NaN intact', async () => {
    const staticDir = tempDir();
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
    core = openCore({ dataDir: tempDir() });
    const experiment = await core.call('experiments.create', { name: 'e' });
    const run = await core.call('runs.start', { experimentId: experiment.id });
    core.start();
    server = await startServer({ core, port: 0, staticDir });
    const { port, token } = server;
    const event = firstEvent(port, token);
    await event.open;
    const time = Date.now();
    await core.call('runs.log', {
      uid: run.uid,
      metrics: [
        { key: 'loss', value: -Infinity, time, step: 0 },
        { key: 'loss', value: Infinity, time, step: 1 },
        { key: 'acc', value: Number.NaN, time, step: 1 },
      ],
    });
    const call = async (method: string, input: object) =>
      (parseKeepingNonFinite(await send(port, `/api/${method}`, token, input)) as { data: unknown })
        .data;

    const got = (await call('runs.get', { id: run.id })) as { metrics: Record<string, number> };
    // NaN points are kept in the full history (runs.history), not as a latest value or a series point.
    expect(got.metrics).toEqual({ loss: Infinity });
    const history = (await call('runs.history', { uid: run.uid, key: 'acc' })) as {
      points: { value: number }[];
    };
    expect(history.points.map((p) => p.value)).toEqual([Number.NaN]);
    const series = (await call('runs.metrics', { id: run.id, keys: ['loss'] })) as {
      values: number[];
    }[];
    expect(series[0]!.values).toEqual([-Infinity, Infinity]);
    const table = (await call('runs.table', {})) as { metrics: Record<string, number> }[];
    expect(table[0]!.metrics).toMatchObject({ loss: Infinity });
    const pushed = parseKeepingNonFinite(await event.first) as { points: { value: number }[] };
    expect(pushed.points.map((p) => p.value)).toEqual([-Infinity, Infinity]);
  });
});
