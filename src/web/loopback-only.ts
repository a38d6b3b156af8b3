import type { NextFunction, Request, Response } from 'express';
import { NotFoundError } from './errors.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** An address of this machine's loopback interface (127.0.0.0/8, ::1, and IPv4 in IPv6 form). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return LOOPBACK.has(address) || /^(?:::ffff:)?127\.\d+\.\d+\.\d+$/i.test(address);
}

/**
 * A Host header that names this machine: `localhost` (and its subdomains), a loopback address. A
 * page on another site whose name it pointed at 127.0.0.1 (DNS rebinding) sends its own name.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host
    .toLowerCase()
    .replace(/:\d+$/, '')
    .replace(/^\[(.*)\]$/, '$1');
  return name === 'localhost' || name.endsWith('.localhost') || isLoopback(name);
}

/** A header's comma-separated entries, however many times it came. */
const entries = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value.join(',') : (value ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

/** A `Forwarded` node as an address: `"[::1]:4711"` is ::1, `127.0.0.1:80` is 127.0.0.1. */
function nodeAddress(node: string): string {
  const bare = node.trim().replace(/^"(.*)"$/, '$1');
  const bracketed = /^\[([^\]]*)\](?::\d+)?$/.exec(bare);
  if (bracketed) return bracketed[1]!;
  return /^[\d.]+:\d+$/.test(bare) ? bare.replace(/:\d+$/, '') : bare;
}

/**
 * Every client address a proxy may have written: X-Forwarded-For, X-Real-IP (nginx's usual
 * `proxy_set_header`) and the standard Forwarded's `for=` (RFC 7239), so a proxy on this machine
 * that names its client in any of them is not taken for a browser here.
 */
function forwardedAddresses(req: Request): string[] {
  const standard = entries(req.headers.forwarded).flatMap((element) =>
    element
      .split(';')
      .map((pair) => pair.trim())
      .filter((pair) => /^for=/i.test(pair))
      .map((pair) => nodeAddress(pair.slice(4))),
  );
  return [...entries(req.headers['x-forwarded-for']), ...entries(req.headers['x-real-ip']), ...standard];
}

/**
 * The development pages (/dev/mailbox holds every email: confirmation links, staff sign-in links)
 * answer only to a browser on this machine, as a 404 to anyone else. `npm start` listens on every
 * interface, so a developer's laptop on a café's network would hand them to the whole network.
 * Read from the socket, never from a forwarding header, which any client writes; a request that
 * came through a proxy (one on this machine forwarding someone else's) must name loopback in every
 * one of them too, and the Host must name this machine, so another site's page whose name points
 * here is refused.
 */
export function loopbackOnly(req: Request, _res: Response, next: NextFunction) {
  const local = isLoopback(req.socket.remoteAddress) && forwardedAddresses(req).every(isLoopback);
  if (local && isLoopbackHost(req.headers.host)) next();
  else next(new NotFoundError());
}
