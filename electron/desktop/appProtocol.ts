import { readFile, realpath } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { contentTypeOf } from '../server/contentTypes.js';

/**
 * The desktop app loads its renderer from `app://benchtop/…` rather than file://: a file:// page
 * could read any local file its links name, and every file:// URL looks alike to an IPC sender
 * check. main.ts registers this scheme (protocol.handle); the logic lives here, free of Electron.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://benchtop';
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;
/** Standard and secure, so the page has a real origin for CSP 'self'; no CORS, no service workers. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
} as const;

/** The header CSP, stricter than the page's own meta tag (frame-ancestors only works as a header). */
export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** True for a URL of our own app (the only frames whose IPC calls are answered). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'benchtop';
  } catch {
    return false;
  }
}

/**
 * The file under `root` a URL names, or null: another host, an undecodable path, a NUL, a
 * backslash or any `..` (even percent-encoded) is refused rather than cleaned up.
 */
export function appFilePath(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\') || path.split('/').includes('..')) return null;
  const relative = normalize(path === '/' ? '/index.html' : path).replace(/^\/+/, '');
  const file = join(root, relative);
  return file.startsWith(root + sep) ? file : null;
}

const reply = (
  status: number,
  body: Uint8Array | string | null,
  type = 'text/plain; charset=utf-8',
) =>
  new Response(body, {
    status,
    headers: {
      'content-type': type,
      'content-security-policy': APP_CSP,
      'x-content-type-options': 'nosniff',
    },
  });

/** The handler for protocol.handle: reads files of the built renderer, nothing outside it (symlinks included). */
export function createAppProtocolHandler(
  root: string,
): (request: { url: string; method: string }) => Promise<Response> {
  const realRoot = realpath(root).catch(() => root);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return reply(405, 'method not allowed');
    const file = appFilePath(root, request.url);
    if (!file) return reply(404, 'not found');
    try {
      const real = await realpath(file);
      if (!real.startsWith((await realRoot) + sep)) return reply(404, 'not found');
      const body = await readFile(real);
      return reply(
        200,
        request.method === 'HEAD' ? null : new Uint8Array(body),
        contentTypeOf(real),
      );
    } catch {
      return reply(404, 'not found');
    }
  };
}
