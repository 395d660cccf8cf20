import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Browser mode's session: the page is opened once as `/?token=…` (the address `benchtop serve`
 * prints); the server answers with a session cookie, so a reload, a bookmark or a second tab —
 * which no longer have `?token=` (the app strips it from the address bar) — still get in.
 *
 * The cookie holds a value derived from the token (an HMAC keyed by it, bound to the port), never
 * the token itself: cookies ignore ports, so every other service on this host is sent it, and the
 * token is also the MLflow API's lasting credential. Rotating the token ends every session.
 *
 * The cookie is HttpOnly (no script reads it), SameSite=Strict (no other site's page or link
 * sends it) and Path=/; a session cookie, gone when the browser closes. Its name carries the port:
 * cookies ignore ports, and two `benchtop serve` on one machine have different tokens.
 */
export const cookieName = (port: number): string => `benchtop_session_${port}`;

/** The session value for `token` on `port`: opens this server's page and API, and nothing else. */
export const sessionValue = (token: string, port: number): string =>
  createHmac('sha256', token).update(`benchtop browser session ${port}`).digest('base64url');

export const sessionCookie = (port: number, token: string): string =>
  `${cookieName(port)}=${sessionValue(token, port)}; HttpOnly; SameSite=Strict; Path=/`;

/** Every value of one cookie in a request's Cookie header (another path's cookie may share its name). */
export function cookieValues(req: IncomingMessage, name: string): string[] {
  const values: string[] = [];
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
  }
  return values;
}

/** Whether the request carries this server's session cookie (compared in constant time). */
export function hasSession(req: IncomingMessage, token: string, port: number): boolean {
  const expected = Buffer.from(sessionValue(token, port));
  return cookieValues(req, cookieName(port)).some((value) => {
    const given = Buffer.from(value);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/**
 * Whether a request may use the cookie for the API: a browser that says where a request comes from
 * (Sec-Fetch-Site) must say our own origin. SameSite=Strict already keeps other sites' requests
 * bare; this also refuses another port on this host (same site, other origin) and simple GETs from
 * other origins, which carry no Origin header for hostCheck's `originAllowed` to refuse.
 */
export const sameOrigin = (req: IncomingMessage): boolean => {
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin';
};
