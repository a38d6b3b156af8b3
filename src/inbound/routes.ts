import crypto from 'node:crypto';
import express, { Router, type Request } from 'express';
import { MAX_INBOUND_BYTES } from './smtp-receiver.js';
import type { InboundService } from './service.js';

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/** A mail provider proves itself by the shared secret, or by an HMAC of the body made with it. */
export function isAuthorised(req: Request, body: Buffer, secret: string): boolean {
  const authorization = req.get('authorization') ?? '';
  if (authorization.startsWith('Bearer ') && safeEqual(authorization.slice(7).trim(), secret)) return true;
  const signature = req.get('x-tilts-signature') ?? '';
  const expected = `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
  return signature !== '' && safeEqual(signature, expected);
}

/** The HTTP door: `POST /inbound/email` with a raw RFC 5322 message as the body. */
export function inboundRoutes(inbound: Pick<InboundService, 'process'>, secret: string): Router {
  const router = Router();
  router.post(
    '/inbound/email',
    express.raw({ type: () => true, limit: MAX_INBOUND_BYTES }),
    async (req, res) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (!isAuthorised(req, body, secret)) {
        res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'unauthorised' });
        return;
      }
      if (body.length === 0) {
        res.status(400).json({ error: 'empty message' });
        return;
      }
      const result = await inbound.process(body, 'webhook');
      res.status(202).json(result);
    },
  );
  return router;
}
