import type { Request } from 'express';
import type { Services } from '../services.js';
import { followEmailKey } from '../ratelimit/address-keys.js';
import { limitClient } from '../ratelimit/client.js';

const HOUR_MS = 60 * 60 * 1000;
// As on the report form: generous per IP (a village may share one), strict per address.
const PER_IP = 20;
const PER_EMAIL = 5;

/**
 * Whether this address (and this visitor's IP) may ask to follow a report once more this hour:
 * each ask sends a confirmation email. Counted when an ask is sent, not for a form to correct.
 */
export async function withinFollowLimits(
  { limiter, clock }: Pick<Services, 'limiter' | 'clock'>,
  req: Request,
  email: string,
): Promise<boolean> {
  const now = clock();
  const ipAllowed = (await limiter.hit(`subscribe:ip:${limitClient(req)}`, PER_IP, HOUR_MS, now)).allowed;
  return ipAllowed && (await limiter.hit(followEmailKey(email), PER_EMAIL, HOUR_MS, now)).allowed;
}
