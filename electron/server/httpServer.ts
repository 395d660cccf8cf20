import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMethod } from '../../shared/api.js';
import { MAX_UPLOAD_BYTES } from '../../shared/uploadLimit.js';
import { stringifyKeepingNonFinite } from '../../shared/nonFiniteJson.js';
import {
  BINARY_CONTENT_TYPE,
  encodeBinaryReply,
  isBinaryMethod,
} from '../../shared/binaryReply.js';
import type { CoreHandle } from '../core/core.js';
import { InvalidInput, isUserError, oneLine, UserError } from '../core/userError.js';
import { serveStatic } from './staticFiles.js';
import { allowedHosts, DEFAULT_HOST, originAllowed } from './hostCheck.js';
import { serveDownload } from './downloadRoute.js';
import { serveArtifact } from './artifactDownloadRoute.js';
import { createMlflowApi, isMlflowPath } from './mlflow/mlflowApi.js';
import { tokenFromAuthorization } from './mlflow/authorization.js';
import { hasSession, sameOrigin, sessionCookie } from './browserSession.js';
import { tokenPage } from './tokenPage.js';

export interface ServeOptions {
  core: CoreHandle;
  port: number;
  /** The address to listen on; 127.0.0.1 unless `--host` says otherwise (see hostCheck.ts). */
  host?: string;
  staticDir: string;
  token?: string;
  /** Largest request body accepted (uploads in browser mode). */
  maxBodyBytes?: number;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** HTTP + server-sent events on 127.0.0.1 only; every /api/ request needs the session token. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const {
    core,
    staticDir,
    maxBodyBytes = MAX_BODY_BYTES,
    log = () => {},
    host: bindHost = DEFAULT_HOST,
  } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const expected = Buffer.from(token);
  const tokenOk = (given: string | null | undefined) => {
    const buf = Buffer.from(given ?? '');
    return buf.length === expected.length && timingSafeEqual(buf, expected);
  };
  let port = options.port;
  let hosts = new Set<string>();
  const mlflow = createMlflowApi((method, input) => core.call(method, input), log);

  const server = createServer((req, res) => {
    try {
      route(req, res);
    } catch (e) {
      failed(req.url ?? '', e, res); // a request must never take the server down
    }
  });

  function route(req: IncomingMessage, res: ServerResponse): void {
    for (const [k, v] of Object.entries(HEADERS)) res.setHeader(k, v);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Refuse other host names: a DNS-rebinding page must not reach the API through the browser.
    const host = (req.headers.host ?? '').toLowerCase();
    if (!hosts.has(host)) return sendJson(res, 403, { ok: false, error: 'wrong host' });
    // A page of another origin may not call us, even with a token it somehow holds; no CORS headers are ever sent.
    if (!originAllowed(req.headers.origin, host))
      return sendJson(res, 403, { ok: false, error: 'cross-origin request refused' });
    // MLflow's wire: a script's client sends the token as `Authorization: Bearer` (MLFLOW_TRACKING_TOKEN) or basic auth.
    if (isMlflowPath(url.pathname)) {
      if (!tokenOk(tokenFromAuthorization(req.headers.authorization))) {
        req.resume();
        return sendJson(res, 401, {
          error_code: 'UNAUTHENTICATED',
          message:
            'missing or wrong token: set MLFLOW_TRACKING_TOKEN to the token `benchtop token` prints',
        });
      }
      void mlflow(req, res, url);
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return sendJson(res, 405, { ok: false, error: 'method not allowed' });
      // The app's assets are public; the page that runs them opens only with the token.
      return serveStatic(staticDir, url.pathname, res, (page) => openPage(req, url, page, host));
    }
    const given = req.headers['x-benchtop-token'];
    const explicit = typeof given === 'string' ? given : url.searchParams.get('token');
    if (!tokenOk(explicit) && !(sameOrigin(req) && hasSession(req, token, port))) {
      return sendJson(res, 401, { ok: false, error: 'missing or wrong token' });
    }
    if (url.pathname === '/api/events' && req.method === 'GET') return streamEvents(core, req, res);
    if (url.pathname.startsWith('/api/download/') && req.method === 'GET') {
      serveDownload(core.call, url.pathname.slice('/api/download/'.length), res).catch(
        (e: unknown) => failed(req.url ?? '', e, res),
      );
      return;
    }
    if (url.pathname === '/api/artifact' && req.method === 'GET') {
      serveArtifact(core.call, url, res).catch((e: unknown) => failed(req.url ?? '', e, res));
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    if (!isMethod(method))
      return sendJson(res, 404, { ok: false, error: `no API method ${method}` });
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: 'use POST' });
    void handleCall(method, req, res);
  }

  /**
   * Before index.html: `?token=` right → the session cookie is set and the app loads; no `?token=`
   * but the cookie right → the app loads; anything else → the token page (401), never an app whose
   * every call would fail.
   */
  function openPage(req: IncomingMessage, url: URL, res: ServerResponse, host: string): boolean {
    const given = url.searchParams.get('token');
    if (given !== null ? tokenOk(given) : hasSession(req, token, port)) {
      if (given !== null) res.setHeader('set-cookie', sessionCookie(port, token));
      return true;
    }
    res.writeHead(401, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      req.method === 'HEAD'
        ? undefined
        : tokenPage(given !== null ? 'wrong' : 'missing', `http://${host}`),
    );
    return false;
  }

  /** An internal fault after routing: logged with its stack, answered 500 in one line (or the connection dropped). */
  function failed(what: string, e: unknown, res: ServerResponse): void {
    log(
      `benchtop: internal error serving ${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    );
    if (!res.headersSent) sendJson(res, 500, { ok: false, error: `internal error: ${oneLine(e)}` });
    else res.destroy();
  }

  async function handleCall(
    method: Parameters<CoreHandle['call']>[0],
    req: IncomingMessage,
    res: ServerResponse,
  ) {
    try {
      const body = await readBody(req, maxBodyBytes);
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body) : {};
      } catch {
        throw new InvalidInput('the request body is not valid JSON');
      }
      if (isBinaryMethod(method))
        sendBinary(
          res,
          encodeBinaryReply((await core.call(method, input)) as { bytes: Uint8Array }),
        );
      else if (core.callJson) sendData(res, await core.callJson(method, input));
      else sendData(res, stringifyKeepingNonFinite(await core.call(method, input)));
    } catch (e) {
      if (e instanceof TooLarge) {
        log(`benchtop: refused ${method}: ${e.message}`);
        return sendJson(res, 413, { ok: false, error: e.message });
      }
      if (e instanceof InvalidInput) log(`benchtop: rejected ${method}: ${e.message}`);
      if (isUserError(e)) return sendJson(res, 400, { ok: false, error: e.message });
      log(
        `benchtop: internal error in ${method}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      sendJson(res, 500, { ok: false, error: `internal error: ${oneLine(e)}` });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE')
        reject(new UserError(`port ${port} is already in use; choose another with --port`));
      else if (e.code === 'EACCES')
        reject(new UserError(`port ${port} needs privileges; choose a port above 1023`));
      else reject(e);
    });
    server.listen(port, bindHost, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(bindHost, port);
  const shown =
    bindHost === '0.0.0.0' || bindHost === '::'
      ? DEFAULT_HOST
      : bindHost.includes(':')
        ? `[${bindHost}]`
        : bindHost;
  return {
    url: `http://${shown}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

/** `{ ok: true, data }` around data already serialised (by the read worker, for the heavy reads). */
function sendData(res: ServerResponse, json: Uint8Array | string): void {
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.write('{"ok":true,"data":');
  res.write(json);
  res.end('}');
}

/** An answer with a block of bytes, as shared/binaryReply.ts frames it. */
function sendBinary(res: ServerResponse, pieces: Uint8Array[]): void {
  res.writeHead(200, {
    'content-type': BINARY_CONTENT_TYPE,
    'content-length': pieces.reduce((n, p) => n + p.length, 0),
    'cache-control': 'no-store',
  });
  for (const piece of pieces) res.write(piece);
  res.end();
}

/** The largest request body: an upload of MAX_UPLOAD_BYTES as base64 (4/3 larger) with room for its JSON. */
export const MAX_BODY_BYTES = Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + (1 << 20);

/** A body over the limit: answered 413, with the limit in the message. */
class TooLarge extends UserError {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const tooLarge = () =>
    new TooLarge(`the request is larger than ${Math.max(1, Math.round(limit / 1024 / 1024))} MB`);
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume(); // refused before reading: drain the rest so the reply can be read
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > limit) return; // already refused: drain the rest so the reply can be read
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        req.resume();
        reject(tooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function streamEvents(core: CoreHandle, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const unsubscribe = core.events.subscribe((event) =>
    res.write(`data: ${stringifyKeepingNonFinite(event)}\n\n`),
  );
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000);
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
