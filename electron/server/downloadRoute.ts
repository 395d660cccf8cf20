import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { Downloads } from '../core/transfer/downloads.js';

/** `Content-Disposition` for any file name: a plain ASCII fallback and the exact UTF-8 name. */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** `GET /api/download/<id>`: streams a prepared file once, then removes it. */
export function serveDownload(downloads: Downloads, id: string, res: ServerResponse): void {
  const download = /^[0-9a-f-]{36}$/.test(id) ? downloads.take(id) : undefined;
  if (!download) {
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ ok: false, error: 'no such download (each one can be fetched once)' }));
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/gzip',
    'content-length': statSync(download.path).size,
    'content-disposition': attachmentHeader(download.fileName),
    'cache-control': 'no-store',
  });
  const stream = createReadStream(download.path);
  stream.pipe(res);
  const done = () => downloads.discard(download);
  res.once('close', done);
  stream.once('error', () => res.destroy());
}
