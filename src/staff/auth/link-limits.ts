import { staffLinkEmailIpKey, staffLinkEmailKey } from '../../ratelimit/address-keys.js';
import { clientOf } from '../../ratelimit/client.js';
import type { RateLimiter } from '../../ratelimit/limiter.js';

/*
 * How often a sign-in link may be asked for in an hour. The network's own limits come first, and
 * a refused ask stops there: one network's asks beyond them never count toward the address's
 * limit, which would lock its owner out everywhere.
 */

const HOUR_MS = 60 * 60_000;
const LINKS_PER_IP = 20;
// One address asked for from one network: a member who lost a link or two, or a stranger.
const LINKS_PER_ADDRESS_AND_IP = 5;
// One address from every network together: an inbox is not flooded, and a stranger cannot lock
// a member out by asking for her address from one network (it takes many).
const LINKS_PER_ADDRESS = 30;

/** Counts an ask for a link to `email` from `ip`: whether every limit still lets it through. */
export async function mayAskForLink(
  limiter: Pick<RateLimiter, 'hit'>,
  email: string,
  ip: string,
  now: Date,
): Promise<boolean> {
  const client = clientOf(ip);
  const limits: [string, number][] = [
    [`staff-link:ip:${client}`, LINKS_PER_IP],
    [staffLinkEmailIpKey(client, email), LINKS_PER_ADDRESS_AND_IP],
    [staffLinkEmailKey(email), LINKS_PER_ADDRESS],
  ];
  for (const [key, limit] of limits) if (!(await limiter.hit(key, limit, HOUR_MS, now)).allowed) return false;
  return true;
}
