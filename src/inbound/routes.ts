import crypto from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { limitClient } from '../ratelimit/client.js';
import type { RateLimiter } from '../ratelimit/limiter.js';
import { MessageTooLargeError } from './raw-store.js';
import type { InboundService } from './service.js';
import { MAX_INBOUND_BYTES } from './smtp-receiver.js';

const HOUR_MS = 60 * 60 * 1000;
// Failed attempts to authenticate, per client address (an IPv6 client by its /64) and hour: guessing
// the secret is hopeless, and each try with a made-up HMAC has its body (up to 25 MB) streamed to
// disk and hashed before it is refused. Past them, a post without the bearer token is refused unread.
export const REFUSALS_PER_HOUR = 30;
/** The most of a refused body read to let a proxy finish sending it: nginx's limit (deploy/nginx.conf) and more. */
const DRAIN_LIMIT_BYTES = 128 * 1024 * 1024;

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/** The bearer token, checked from the headers alone: nothing of the body is read without it. */
export function hasBearer(req: Request, secret: string): boolean {
  const authorization = req.get('authorization') ?? '';
  return authorization.startsWith('Bearer ') && safeEqual(authorization.slice(7).trim(), secret);
}

/** Reads the body while computing its HMAC, so a signed post is checked without holding it whole. */
async function* hashing(req: Request, hmac: crypto.Hmac): AsyncIterable<Buffer> {
  for await (const chunk of req as AsyncIterable<Buffer>) {
    hmac.update(chunk);
    yield chunk;
  }
}

/**
 * Reads and drops what is left of a request's body, up to `limit` bytes; false when more came (or
 * it was cut). A proxy in front (nginx) passes our refusal on only once it has sent the whole body:
 * closing on it mid-body makes it answer 502 instead, which a mail provider takes as "try again".
 */
async function drained(req: Request, limit: number): Promise<boolean> {
  let seen = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > limit) return false;
    }
    return true;
  } catch {
    return false;
  }
}

const refusedKey = (req: Request) => `inbound-webhook:refused:${limitClient(req)}`;

/**
 * The HTTP door: `POST /inbound/email` with a raw RFC 5322 message as the body. A provider proves
 * itself with `Authorization: Bearer <INBOUND_SECRET>`, checked before the body is read; or with
 * `X-Tilts-Signature: sha256=<HMAC of the body>`, checked as the body streams to storage (a wrong
 * one leaves nothing behind). A request with neither is refused unread; a proven one that is too
 * large has its body read and dropped first, so a proxy in front passes the 413 on.
 */
export function inboundRoutes(
  inbound: Pick<InboundService, 'store' | 'process'>,
  limiter: Pick<RateLimiter, 'hit' | 'full'>,
  secret: string,
): Router {
  const router = Router();
  const refuse = async (req: Request, res: Response, status: number, error: string, drain = false) => {
    // Only a provider that proved itself has its oversized body read (and dropped) before the answer.
    if (drain && !(await drained(req, DRAIN_LIMIT_BYTES))) {
      req.socket.destroy();
      return;
    }
    if (status === 401) await limiter.hit(refusedKey(req), REFUSALS_PER_HOUR, HOUR_MS, new Date());
    res.set('Connection', 'close');
    if (status === 401) res.set('WWW-Authenticate', 'Bearer');
    res.status(status).json({ error });
  };

  router.post('/inbound/email', async (req, res) => {
    // Every post, proven or not, per client (an IPv6 one by its /64, as every limit counts it).
    const posts = await limiter.hit(`inbound-webhook:ip:${limitClient(req)}`, 10_000, HOUR_MS, new Date());
    const bearer = hasBearer(req, secret);
    const signature = req.get('x-tilts-signature') ?? '';
    if (!posts.allowed) return refuse(req, res, 429, 'too many requests');
    if (!bearer && (await limiter.full(refusedKey(req), REFUSALS_PER_HOUR, HOUR_MS, new Date())))
      return refuse(req, res, 429, 'too many requests');
    if (!bearer && !signature.startsWith('sha256=')) return refuse(req, res, 401, 'unauthorised');
    const declared = Number(req.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > MAX_INBOUND_BYTES)
      return refuse(req, res, 413, 'message too large', bearer);
    if (declared === 0) return refuse(req, res, 400, 'empty message');

    const hmac = crypto.createHmac('sha256', secret);
    // A signed post is checked once its body is written and before it is recorded.
    const proven = () => safeEqual(signature, `sha256=${hmac.digest('hex')}`);
    let stored;
    try {
      stored = bearer
        ? await inbound.store('webhook', req as AsyncIterable<Buffer>)
        : await inbound.store('webhook', hashing(req, hmac), { proven });
    } catch (error) {
      if (error instanceof MessageTooLargeError) return refuse(req, res, 413, 'message too large');
      throw error;
    }
    if ('refused' in stored) return refuse(req, res, 401, 'unauthorised');
    if (stored.duplicate) return res.status(202).json({ outcome: 'duplicate' });
    // One delivery per reply address its headers name (InboundService.store), each read in turn:
    // the answer is the first's, and every delivery's when there are more.
    const first = await inbound.process(stored.id);
    if (stored.more.length === 0) return res.status(202).json(first);
    const deliveries = [first];
    for (const id of stored.more) deliveries.push(await inbound.process(id));
    res.status(202).json({ ...first, deliveries });
  });
  return router;
}
