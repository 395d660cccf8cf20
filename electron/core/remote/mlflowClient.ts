import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { UserError } from '../userError.js';

/**
 * A small client for MLflow's REST wire (see MLFLOW_WIRE.md): JSON in and out, MLflow's
 * `{error_code, message}` errors turned into one-line user errors, and artifacts streamed
 * through the artifact proxy. It speaks to any MLflow tracking server, Benchtop's included.
 */

/** A failure talking to the server; a UserError, so the CLI shows it as one line and exits 2. */
export class RemoteError extends UserError {
  constructor(
    message: string,
    readonly code: string | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

export const isMissing = (e: unknown) =>
  e instanceof RemoteError && e.code === 'RESOURCE_DOES_NOT_EXIST';

export interface ClientOptions {
  /** The tracking URI, as `mlflow` takes it: `http(s)://host[:port][/prefix]`. */
  url: string;
  /** The Authorization header's value, if any (see authorizationFromEnv). */
  authorization?: string | undefined;
  /** How often a 429/5xx is retried; the wait doubles from `backoffMs`. */
  retries?: number;
  backoffMs?: number;
  /** How long one JSON request may take; transfers of artifacts have no limit. */
  timeoutMs?: number;
}

/** The tracking URI checked and without a trailing slash; anything else is a usage error. */
export function trackingUrl(raw: string, flag: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserError(
      `${flag} must be an http(s) URL such as http://127.0.0.1:5000, got "${raw}"`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(
      `${flag} must be an http(s) URL such as http://127.0.0.1:5000, got "${raw}"`,
    );
  }
  if (url.search || url.hash)
    throw new UserError(`${flag} must not carry a query or fragment: "${raw}"`);
  return url.href.replace(/\/+$/, '');
}

/** The same credentials MLflow's own client reads: a bearer token, else basic auth. */
export function authorizationFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  if (env.MLFLOW_TRACKING_TOKEN) return `Bearer ${env.MLFLOW_TRACKING_TOKEN}`;
  if (env.MLFLOW_TRACKING_USERNAME && env.MLFLOW_TRACKING_PASSWORD) {
    return `Basic ${Buffer.from(`${env.MLFLOW_TRACKING_USERNAME}:${env.MLFLOW_TRACKING_PASSWORD}`).toString('base64')}`;
  }
  return undefined;
}

// When the error body is not MLflow's JSON, the code follows from the status, as in MLflow's client.
const CODE_OF_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'ENDPOINT_NOT_FOUND',
  429: 'REQUEST_LIMIT_EXCEEDED',
};
const retriable = (status: number) => status === 429 || status >= 500;
const short = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 300);

export type MlflowClient = ReturnType<typeof createMlflowClient>;

export function createMlflowClient({
  url,
  authorization,
  retries = 3,
  backoffMs = 250,
  timeoutMs = 60_000,
}: ClientOptions) {
  const headers = (extra: Record<string, string> = {}) => ({
    ...(authorization ? { authorization } : {}),
    ...extra,
  });

  /** One request with bounded retries on 429/5xx; `init` is a factory so a streamed body can be sent again. */
  async function send(target: string, what: string, init: () => RequestInit): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(target, init());
      } catch (e) {
        throw unreachable(target, e);
      }
      if (res.ok) return res;
      if (!retriable(res.status) || attempt >= retries) throw await remoteError(res, what);
      await res.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** attempt));
    }
  }

  function unreachable(target: string, e: unknown): RemoteError {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    if (err.name === 'TimeoutError')
      return new RemoteError(
        `the MLflow server at ${url} did not answer within ${timeoutMs / 1000} s (${target})`,
      );
    const cause = err.cause?.code ?? err.cause?.message ?? err.message;
    return new RemoteError(
      `cannot reach the MLflow server at ${url}: ${short(String(cause))} (${target})`,
    );
  }

  async function remoteError(res: Response, what: string): Promise<RemoteError> {
    const text = await res.text().catch(() => '');
    let code =
      CODE_OF_STATUS[res.status] ?? (res.status >= 500 ? 'INTERNAL_ERROR' : `HTTP_${res.status}`);
    let message = short(text) || res.statusText;
    try {
      const body = JSON.parse(text) as { error_code?: unknown; message?: unknown; error?: unknown };
      if (typeof body.error_code === 'string') code = body.error_code;
      const said =
        typeof body.message === 'string'
          ? body.message
          : typeof body.error === 'string'
            ? body.error
            : null;
      if (said !== null) message = short(said);
    } catch {
      // Not MLflow's JSON: an HTML or plain-text page, most often from something that is no MLflow server.
      message =
        res.status === 404
          ? 'no such endpoint (is this an MLflow tracking server?)'
          : short(text.replace(/<[^>]*>/g, ' ')) || res.statusText;
    }
    const hint =
      (res.status === 401 || res.status === 403) && !message.includes('MLFLOW_TRACKING_')
        ? ' (set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD)'
        : '';
    return new RemoteError(
      `the MLflow server at ${url} refused ${what}: ${res.status} ${code}: ${message}${hint}`,
      code,
      res.status,
    );
  }

  async function json<T>(res: Response, what: string): Promise<T> {
    const text = await res.text();
    if (!text.trim()) return {} as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new RemoteError(
        `${url} answered ${what} with something that is not JSON (is it an MLflow tracking server?): ${short(text).slice(0, 80)}`,
      );
    }
  }

  const api = (endpoint: string) => `${url}/api/2.0/mlflow/${endpoint}`;
  const withQuery = (target: string, query: Record<string, string | number>) =>
    `${target}?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`;

  return {
    url,
    /** A GET endpoint: the request message travels as query parameters. */
    async get<T>(endpoint: string, query: Record<string, string | number> = {}): Promise<T> {
      const what = `GET ${endpoint}`;
      const res = await send(withQuery(api(endpoint), query), what, () => ({
        headers: headers(),
        signal: AbortSignal.timeout(timeoutMs),
      }));
      return json<T>(res, what);
    },
    async post<T>(endpoint: string, body: object): Promise<T> {
      const what = `POST ${endpoint}`;
      const res = await send(api(endpoint), what, () => ({
        method: 'POST',
        headers: headers({ 'content-type': 'application/json' }),
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      }));
      return json<T>(res, what);
    },
    /** One artifact folder's entries (names relative to it); an empty or missing folder has none. */
    async listArtifacts(listing: { endpoint: string; root: string }, path: string) {
      const what = `GET ${listing.endpoint}?path=…`;
      const target = withQuery(listing.endpoint, {
        path: [listing.root, path].filter(Boolean).join('/'),
      });
      const res = await send(target, what, () => ({
        headers: headers(),
        signal: AbortSignal.timeout(timeoutMs),
      }));
      const body = await json<{
        files?: { path: string; is_dir?: boolean; file_size?: number | string }[];
      }>(res, what);
      return body.files ?? [];
    },
    /**
     * Streams a local file up. The length is always declared: the real `mlflow server` stores
     * an empty file for a chunked (length-less) upload.
     */
    async putFile(target: string, file: string, size: number): Promise<void> {
      const res = await send(target, `PUT ${target}`, () => ({
        method: 'PUT',
        headers: headers({
          'content-type': 'application/octet-stream',
          'content-length': String(size),
        }),
        body: Readable.toWeb(createReadStream(file)) as ReadableStream,
        duplex: 'half',
      }));
      await res.body?.cancel();
    },
    /** Streams a file down into `file`; returns its size. */
    async download(target: string, file: string): Promise<number> {
      const res = await send(target, `GET ${target}`, () => ({ headers: headers() }));
      let size = 0;
      const body = res.body ? Readable.fromWeb(res.body as NodeReadableStream) : Readable.from([]);
      await pipeline(
        body,
        async function* count(source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            size += chunk.length;
            yield chunk;
          }
        },
        createWriteStream(file),
      );
      return size;
    },
  };
}
