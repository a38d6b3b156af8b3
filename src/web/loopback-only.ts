import type { NextFunction, Request, Response } from 'express';
import { NotFoundError } from './errors.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** An address of this machine's loopback interface (127.0.0.0/8, ::1, and IPv4 in IPv6 form). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return LOOPBACK.has(address) || /^(?:::ffff:)?127\.\d+\.\d+\.\d+$/i.test(address);
}

/**
 * The development pages (/dev/mailbox holds every email: confirmation links, staff sign-in links)
 * answer only to a browser on this machine, as a 404 to anyone else. `npm start` listens on every
 * interface, so a developer's laptop on a café's network would hand them to the whole network.
 * Read from the socket, never from X-Forwarded-For, which any client writes; a request that came
 * through a proxy (one on this machine forwarding someone else's) must name loopback there too.
 */
export function loopbackOnly(req: Request, _res: Response, next: NextFunction) {
  const forwarded = req.headers['x-forwarded-for'];
  const forwardedFor = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (isLoopback(req.socket.remoteAddress) && forwardedFor.every(isLoopback)) next();
  else next(new NotFoundError());
}
