import type { IncomingMessage } from 'node:http';

/**
 * Browser mode's session: the page is opened once as `/?token=…` (the address `benchtop serve`
 * prints); the server answers with a cookie holding the token, so a reload, a bookmark or a second
 * tab — which no longer have `?token=` (the app strips it from the address bar) — still get in.
 *
 * The cookie is HttpOnly (no script reads it), SameSite=Strict (no other site's page or link
 * sends it) and Path=/; a session cookie, gone when the browser closes. Its name carries the port:
 * cookies ignore ports, and two `benchtop serve` on one machine have different tokens.
 */
export const cookieName = (port: number): string => `benchtop_token_${port}`;

export const sessionCookie = (port: number, token: string): string =>
  `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;

/** The value of one cookie in a request's Cookie header, or null. */
export function cookieValue(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
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
