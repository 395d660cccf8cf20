import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { UserError } from '../core/userError.js';

export const DEFAULT_HOST = '127.0.0.1';

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || (isIP(h) === 4 && h.startsWith('127.'));
}

const isWildcard = (host: string) => host === '0.0.0.0' || host === '::';

/** `--host`: an IP address or a plain host name; anything else is a one-line usage error. */
export function checkHost(host: string): string {
  const h = host.trim();
  if (isIP(h) || /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(h))
    return h;
  throw new UserError(`--host must be an IP address or a host name, got "${host}"`);
}

/** `addr:port` as a browser writes it in the Host header (IPv6 in brackets). */
const hostPort = (addr: string, port: number) =>
  `${isIP(addr) === 6 ? `[${addr}]` : addr}:${port}`.toLowerCase();

/**
 * The Host header values a request may carry: the bound address and the loopback names; for a
 * wildcard bind, every address of this machine. A page on another name (a DNS-rebinding attack
 * points evil.example at 127.0.0.1) is refused even though its packets reach us.
 */
export function allowedHosts(
  bound: string,
  port: number,
  interfaces = localAddresses(),
): Set<string> {
  const names = ['127.0.0.1', 'localhost', '::1', bound, ...(isWildcard(bound) ? interfaces : [])];
  return new Set(names.filter((n) => !isWildcard(n)).map((n) => hostPort(n, port)));
}

function localAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((i) => (i && !i.address.includes('%') ? [i.address] : []));
}

/** A browser sends Origin on cross-origin requests (and same-origin POSTs); only our own origin may call. */
export function originAllowed(origin: string | undefined, host: string): boolean {
  return origin === undefined || origin.toLowerCase() === `http://${host.toLowerCase()}`;
}
