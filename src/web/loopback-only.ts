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

/**
 * The development pages (/dev/mailbox holds every email: confirmation links, staff sign-in links)
 * answer only to a browser on this machine, as a 404 to anyone else. `npm start` listens on every
 * interface, so a developer's laptop on a café's network would hand them to the whole network.
 * Read from the socket, never from X-Forwarded-For, which any client writes; a request that came
 * through a proxy (one on this machine forwarding someone else's) must name loopback there too,
 * and the Host must name this machine, so another site's page whose name points here is refused.
 */
export function loopbackOnly(req: Request, _res: Response, next: NextFunction) {
  const forwarded = req.headers['x-forwarded-for'];
  const forwardedFor = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const local = isLoopback(req.socket.remoteAddress) && forwardedFor.every(isLoopback);
  if (local && isLoopbackHost(req.headers.host)) next();
  else next(new NotFoundError());
}
