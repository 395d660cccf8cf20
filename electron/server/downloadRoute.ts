import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { CoreHandle } from '../core/core.js';
import { isUserError } from '../core/userError.js';

/** `Content-Disposition` for any file name: a plain ASCII fallback and the exact UTF-8 name. */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** `GET /api/download/<id>`: streams a prepared file once (downloads.take), then lets the core remove it (downloads.release). */
export async function serveDownload(
  call: CoreHandle['call'],
  id: string,
  res: ServerResponse,
): Promise<void> {
  let download;
  try {
    download = /^[0-9a-f-]{36}$/.test(id)
      ? await call('downloads.take', { downloadId: id })
      : undefined;
  } catch (e) {
    if (!isUserError(e)) throw e;
  }
  if (!download) {
    res.writeHead(404, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(
      JSON.stringify({ ok: false, error: 'no such download (each one can be fetched once)' }),
    );
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
  // 'finish': every byte handed to the socket; a 'close' before it is a download cut short.
  let complete = false;
  res.once('finish', () => (complete = true));
  const done = () =>
    void call('downloads.release', { downloadId: id, complete }).catch(() => undefined); // the core closing removes it anyway
  res.once('close', done);
  stream.once('error', () => res.destroy());
}
