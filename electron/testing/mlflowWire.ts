import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../core/core.js';
import { startServer, type RunningServer } from '../server/httpServer.js';

export interface WireReply {
  status: number;
  body: string;
  json: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

/** A served core and raw HTTP as MLflow's client sends it (GET messages as query parameters). */
export async function startMlflowServer(dataDir: string, staticDir: string) {
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Benchtop</title>');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  const core: Core = createCore({ dataDir });
  const { token } = await core.call('tracking.token', {});
  const server: RunningServer = await startServer({ core, port: 0, token, staticDir });

  function send(
    method: string,
    path: string,
    options: {
      body?: string | Buffer;
      headers?: Record<string, string>;
      auth?: string | null;
    } = {},
  ): Promise<WireReply> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.auth !== null) headers.authorization = options.auth ?? `Bearer ${token}`;
    // Node sends GET/DELETE bodies unframed unless told their length (Python's requests always does).
    if (options.body !== undefined && !headers['transfer-encoding'])
      headers['content-length'] = String(Buffer.byteLength(options.body));
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path, method, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            let json: Record<string, unknown> = {};
            try {
              json = JSON.parse(body) as Record<string, unknown>;
            } catch {
              // raw bytes (an artifact download)
            }
            resolve({ status: res.statusCode ?? 0, body, json, headers: res.headers });
          });
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });
  }
  const post = (endpoint: string, body: unknown) =>
    send('POST', `/api/2.0/mlflow/${endpoint}`, {
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
  const get = (endpoint: string, query: Record<string, string | number | string[]>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query))
      for (const one of Array.isArray(v) ? v : [v]) params.append(k, String(one));
    return send('GET', `/api/2.0/mlflow/${endpoint}?${params}`);
  };
  return {
    core,
    server,
    token,
    send,
    post,
    get,
    close: async () => {
      await server.close();
      await core.close();
    },
  };
}
export type MlflowServer = Awaited<ReturnType<typeof startMlflowServer>>;
