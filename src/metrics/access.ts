import crypto from 'node:crypto';
import net from 'node:net';

/**
 * Who may read /metrics: pure rules, no I/O. The figures say nothing personal, but they tell a
 * stranger how busy the municipality's mail is and which routes fail, so only the monitoring
 * server reads them: from an address of METRICS_ALLOW, or with METRICS_TOKEN.
 */
export interface MetricsAccessSettings {
  /** Addresses and subnets (`10.0.0.0/8`, `fd00::/8`); empty lets no address in without the token. */
  allow: readonly string[];
  token: string | undefined;
  /** Whether TRUST_PROXY names a proxy, so the client address Express gives is the client's own. */
  trustsProxy: boolean;
}

/** What the rule reads of a request. */
export interface MetricsRequest {
  /** The client address as Express determined it (TRUST_PROXY applied). */
  ip: string | undefined;
  authorization: string | undefined;
  /** Whether it carries X-Forwarded-For, Forwarded or X-Real-IP. */
  forwarded: boolean;
}

/** `::ffff:127.0.0.1` (an IPv4 client on a dual-stack socket) is 127.0.0.1. */
export function plainAddress(ip: string | undefined): string | undefined {
  if (!ip) return undefined;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  const address = mapped ? mapped[1]! : ip;
  return net.isIP(address) === 0 ? undefined : address;
}

function allowList(entries: readonly string[]): net.BlockList {
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const type = net.isIPv4(address) ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

// Both sides are hashed first, so the comparison takes the same time whatever the length of
// what was sent, and timingSafeEqual always gets two buffers of one length.
function sameToken(given: string, expected: string): boolean {
  const digest = (value: string) => crypto.createHash('sha256').update(value).digest();
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

/** Builds the check once from the settings; it answers whether a request may read /metrics. */
export function metricsAccess(settings: MetricsAccessSettings): (request: MetricsRequest) => boolean {
  const list = allowList(settings.allow);
  return (request) => {
    // A request that brings credentials is judged by them alone: a wrong token is refused even
    // from an allowed address, so a misconfigured scraper is noticed rather than let through.
    if (request.authorization !== undefined) {
      const bearer = /^Bearer (\S+)$/.exec(request.authorization.trim());
      return Boolean(settings.token && bearer && sameToken(bearer[1]!, settings.token));
    }
    // Through a proxy Tilts was not told to trust, the socket address is the proxy's (often
    // 127.0.0.1): believing it would show /metrics to everyone the proxy serves.
    if (request.forwarded && !settings.trustsProxy) return false;
    const address = plainAddress(request.ip);
    if (!address) return false;
    return list.check(address, net.isIPv4(address) ? 'ipv4' : 'ipv6');
  };
}
