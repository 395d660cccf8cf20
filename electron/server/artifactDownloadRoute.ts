import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { CoreHandle } from '../core/core.js';
import { isUserError, NotFound } from '../core/userError.js';
import { attachmentHeader } from './downloadRoute.js';

/**
 * `GET /api/artifact?run=<id>&path=<path>`: streams one artifact as an attachment (never shown
 * inline, so an HTML or SVG file cannot run in the app's origin). The core resolves the path and
 * refuses anything outside the run's folder.
 */
export async function serveArtifact(
  call: CoreHandle['call'],
  url: URL,
  res: ServerResponse,
): Promise<void> {
  let found;
  try {
    found = await call('artifacts.file', {
      runId: Number(url.searchParams.get('run')),
      path: url.searchParams.get('path') ?? '',
    });
  } catch (e) {
    if (!isUserError(e)) throw e;
    res.writeHead(e instanceof NotFound ? 404 : 400, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(JSON.stringify({ ok: false, error: e.message }));
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': found.size,
    'content-disposition': attachmentHeader(found.fileName),
    'cache-control': 'no-store',
  });
  await pipeline(createReadStream(found.file), res);
}
