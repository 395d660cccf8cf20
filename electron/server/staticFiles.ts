import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { contentTypeOf } from './contentTypes.js';

/**
 * Serves the built renderer; unknown paths get index.html (one-page app); nothing outside `root`.
 * `openPage`, when given, is asked before index.html goes out and may answer instead (returning false).
 */
export function serveStatic(
  root: string,
  urlPath: string,
  res: ServerResponse,
  openPage: (res: ServerResponse) => boolean = () => true,
): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    res.writeHead(400).end();
    return;
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  let file = join(root, relative);
  if (!file.startsWith(root + sep) && file !== root) {
    res.writeHead(403).end();
    return;
  }
  if (!isFile(file)) file = join(root, 'index.html');
  if (file === join(root, 'index.html') && !openPage(res)) return;
  if (!isFile(file)) {
    res
      .writeHead(500, { 'content-type': 'text/plain' })
      .end('the renderer is not built; run npm run build');
    return;
  }
  res.writeHead(200, {
    'content-type': contentTypeOf(file),
    'cache-control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
  });
  createReadStream(file).pipe(res);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
