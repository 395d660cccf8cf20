import type { IncomingMessage, ServerResponse } from 'node:http';
import { oneLine } from '../../core/userError.js';
import {
  deleteArtifact,
  downloadArtifact,
  listArtifacts,
  uploadArtifact,
} from './artifactRoutes.js';
import { MlflowError, toMlflowError } from './mlflowErrors.js';
import { registryRoutes } from './registryRoutes.js';
import { loggedModelRoute, loggedModelRoutes } from './loggedModelRoutes.js';
import { experimentRoutes } from './experimentRoutes.js';
import type { Call, Route } from './routeSupport.js';
import { trackingRoutes } from './trackingRoutes.js';

/** JSON request bodies (log-batch at its limits is well under 1 MB). */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

const ROUTES: Record<string, Route> = {
  ...experimentRoutes,
  ...trackingRoutes,
  ...registryRoutes,
  ...loggedModelRoutes,
};

/** `/api/2.0/mlflow/…`, `/ajax-api/2.0/mlflow/…` (the MLflow UI's prefix) and the artifact proxy. */
export const isMlflowPath = (pathname: string): boolean =>
  /^\/(ajax-)?api\/[23]\.0\/mlflow(-artifacts)?\//.test(pathname);

/**
 * MLflow's REST wire as a transport: each request is read as MLflow sends it (GET messages as
 * query parameters, the rest as JSON), translated onto contract calls, and answered in MLflow's
 * shapes and error format. It keeps no state of its own.
 */
export function createMlflowApi(call: Call, log: (line: string) => void) {
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    try {
      // The raw path, not URL's normalised one: a `..` in it is refused, not silently resolved.
      const raw = (req.url ?? '').split('?')[0] ?? '';
      const artifacts = /^\/(?:ajax-)?api\/2\.0\/mlflow-artifacts\/artifacts(?:\/(.*))?$/.exec(raw);
      if (artifacts) {
        const rest = artifacts[1] ?? '';
        if (method === 'GET' && !rest)
          return sendJson(res, 200, await listArtifacts(call, url.searchParams.get('path') ?? ''));
        if (method === 'GET') return await downloadArtifact(call, rest, res);
        if (method === 'PUT') return sendJson(res, 200, await uploadArtifact(call, rest, req));
        if (method === 'DELETE') return sendJson(res, 200, await deleteArtifact(call, rest));
        throw new MlflowError('ENDPOINT_NOT_FOUND', `No endpoint ${method} ${url.pathname}`);
      }
      const endpoint = url.pathname.replace(/^\/(?:ajax-)?api\/[23]\.0\/mlflow\//, '');
      const verb = method === 'HEAD' ? 'GET' : method;
      const route = ROUTES[`${verb} ${endpoint}`];
      const message =
        method === 'GET' || method === 'HEAD' ? queryMessage(url) : await jsonMessage(req);
      const answer = route
        ? await route(call, message)
        : await loggedModelRoute(call, verb, endpoint, message);
      if (!answer)
        throw new MlflowError('ENDPOINT_NOT_FOUND', `No endpoint ${method} ${url.pathname}`);
      sendJson(res, 200, answer);
    } catch (e) {
      const error = toMlflowError(e);
      if (error.code === 'INTERNAL_ERROR')
        log(
          `benchtop: internal error in MLflow ${method} ${url.pathname}: ${e instanceof Error ? (e.stack ?? e.message) : oneLine(e)}`,
        );
      if (res.headersSent) {
        res.destroy();
        return;
      }
      // An unread upload must be drained so the client can read the answer.
      if (!req.readableEnded) req.resume();
      sendJson(res, error.status, { error_code: error.code, message: error.message });
    }
  };
}

/** A GET message: every query parameter, repeated keys as lists. */
function queryMessage(url: URL): Record<string, unknown> {
  const message: Record<string, unknown> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    message[key] = values.length > 1 ? values : values[0];
  }
  return message;
}

async function jsonMessage(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_MESSAGE_BYTES)
    throw new MlflowError('INVALID_PARAMETER_VALUE', 'the request is larger than 16 MB');
  const text = await readText(req);
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MlflowError('BAD_REQUEST', 'the request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new MlflowError('BAD_REQUEST', 'the request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** Plain listeners, not the stream's async iterator: that costs about a millisecond a request in Node 20. */
function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_MESSAGE_BYTES)
        reject(new MlflowError('INVALID_PARAMETER_VALUE', 'the request is larger than 16 MB'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
