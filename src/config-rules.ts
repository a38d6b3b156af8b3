import net from 'node:net';
import { z } from 'zod';

/**
 * The rules that read single settings: validators for the schema in config.ts and the parsers of
 * settings whose values are more than a string or a number. No I/O; config.ts puts them together.
 */

/** Thrown when the environment holds a value Tilts cannot start with; server.ts prints it as one line. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

export const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

export const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
  );

/**
 * A map tile URL template as Leaflet reads it: http(s), or a path on this site, with `{z}`, `{x}`
 * and `{y}` (`{s}` and `{r}` allowed). Without them every tile is the same image; with another
 * scheme the page's security policy, which admits the tiles' origin, would block them all. A
 * `data:image/` URL is one image for every tile, meant so (the browser tests' grey tile).
 */
export const tileUrl = z.string().refine((value) => {
  if (value.startsWith('data:image/')) return true;
  if (!['{z}', '{x}', '{y}'].every((part) => value.includes(part))) return false;
  if (/^\/(?!\/)/.test(value)) return true;
  try {
    const { protocol } = new URL(value.replace(/\{[a-z]\}/g, 'a'));
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an http:// or https:// URL (or a path on this site) with {z}, {x} and {y}');

export const secret = z.string().min(16, 'must be at least 16 characters');

export const count = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`);

/** How the sender of a reply is proven; see `parseInboundAuth`. */
export type InboundAuth = { mode: 'dkim' } | { mode: 'header'; authservId: string } | { mode: 'none' };

// Express's own names for address ranges (proxy-addr); anything else must be an address or a subnet.
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * An IPv4 or IPv6 address, with an optional prefix length its family allows (`10.0.0.0/8`,
 * `fd00::/8`). What passes here Express (proxy-addr) compiles too: a `999.1.1.1` or a `/99` must stop
 * the start with one line, not with proxy-addr's stack after the migrations.
 */
function isAddressOrSubnet(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = net.isIP(address);
  const bits = family === 4 ? 32 : 128;
  const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
  return family !== 0 && prefixOk && rest.length === 0;
}

export type PhotoStorageConfig =
  | { readonly kind: 'local' }
  | {
      readonly kind: 's3';
      /** Unset for AWS itself; the URL of MinIO, Garage, Ceph or a provider otherwise. */
      readonly endpoint: string | undefined;
      readonly bucket: string;
      readonly region: string;
      /** Unset to use the SDK's own chain (environment, instance role). Never logged. */
      readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined;
      readonly forcePathStyle: boolean;
      /** Every key lives under it, so the orphan sweep never touches anything else in the bucket. */
      readonly prefix: string;
    };

export function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127(?:\.\d{1,3}){3}$/.test(host) ||
    host === '::1'
  );
}

/**
 * Reply addresses need a domain with a dot to be valid in mail headers; on a developer's machine
 * (`localhost`, an IP) they use `tilts.localhost`, a name reserved for local use (RFC 6761).
 */
export function defaultInboundDomain(hostname: string): string {
  const local = hostname === 'localhost' || /^[\d.]+$/.test(hostname) || hostname.startsWith('[');
  return local ? 'tilts.localhost' : hostname;
}

/**
 * A real installation's reply addresses and every email's bounce address (its envelope sender)
 * are at INBOUND_DOMAIN, by default PUBLIC_URL's host. An IP address is no mail domain: they would
 * fall back to tilts.localhost, which no mail server routes and relays refuse as a sender. A trial
 * on this machine (localhost, 127.0.0.1) keeps it: nothing there is routed anyway.
 */
export function requireInboundDomain(publicUrl: string, inboundDomain: string | undefined): void {
  const host = new URL(publicUrl).hostname;
  if (!inboundDomain && !isLocalHost(host) && defaultInboundDomain(host) !== host)
    throw new ConfigError(
      'INBOUND_DOMAIN',
      `must be set when PUBLIC_URL is an IP address (${host}): reply and bounce addresses need a mail domain routed to Tilts`,
    );
}

/** `dkim`, `header:<authserv-id>` or `none`; undefined picks dkim, or none on a developer's machine. */
export function parseInboundAuth(value: string | undefined, development: boolean): InboundAuth {
  if (value === undefined) return development ? { mode: 'none' } : { mode: 'dkim' };
  if (value === 'dkim') return { mode: 'dkim' };
  if (value === 'none') {
    if (!development)
      throw new ConfigError(
        'INBOUND_AUTH',
        // All three: a trial with NODE_ENV=production or SMTP_URL on localhost is refused too.
        'none is for a developer machine only (PUBLIC_URL on localhost, no SMTP_URL and no NODE_ENV=production)',
      );
    return { mode: 'none' };
  }
  const header = /^header:([A-Za-z0-9.-]{1,253})$/.exec(value);
  if (header) return { mode: 'header', authservId: header[1]!.toLowerCase() };
  throw new ConfigError('INBOUND_AUTH', 'must be dkim, header:<authserv-id> or none');
}

/**
 * With `header:<authserv-id>`, the SMTP door believes the `Authentication-Results` header it is
 * handed: whoever can connect to it can write one. On loopback only the mail server in front can;
 * on any other address the firewall must make it so, which start-up says in its log.
 */
export function doorTrustsAnyClient(auth: InboundAuth, smtpHost: string, smtpPort: number): boolean {
  return auth.mode === 'header' && smtpPort > 0 && !isLocalHost(smtpHost);
}

export function parseTrustProxy(value: string | undefined): string[] | false {
  if (value === undefined) return false;
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (!PROXY_NAMES.has(entry) && !isAddressOrSubnet(entry))
      throw new ConfigError(
        'TRUST_PROXY',
        `"${entry}" is not an address, a subnet or loopback/linklocal/uniquelocal`,
      );
  }
  return entries.length > 0 ? entries : false;
}

/** The settings that choose and reach the photo storage, as the schema has read them. */
export interface PhotoStorageEnv {
  PHOTO_STORAGE: 'local' | 's3';
  S3_ENDPOINT?: string | undefined;
  S3_BUCKET?: string | undefined;
  S3_REGION: string;
  S3_ACCESS_KEY_ID?: string | undefined;
  S3_SECRET_ACCESS_KEY?: string | undefined;
  S3_FORCE_PATH_STYLE: 'true' | 'false';
  S3_PREFIX: string;
}

export function parsePhotoStorage(env: PhotoStorageEnv): PhotoStorageConfig {
  if (env.PHOTO_STORAGE === 'local') return { kind: 'local' };
  if (!env.S3_BUCKET) throw new ConfigError('S3_BUCKET', 'must be set when PHOTO_STORAGE is s3');
  if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError(
      env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID',
      'must be set together with the other',
    );
  }
  return {
    kind: 's3',
    endpoint: env.S3_ENDPOINT,
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    credentials:
      env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
        : undefined,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
    prefix: env.S3_PREFIX,
  };
}

/** Who may read /metrics without a token when METRICS_ALLOW is unset: this machine only. */
export const DEFAULT_METRICS_ALLOW: readonly string[] = ['127.0.0.1', '::1'];

/** METRICS_ALLOW: addresses and subnets (`10.0.0.0/8`, `fd00::/8`), comma-separated, or `none`. */
export function parseMetricsAllow(value: string | undefined): string[] {
  if (value === undefined) return [...DEFAULT_METRICS_ALLOW];
  if (value.trim() === 'none') return [];
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (!isAddressOrSubnet(entry))
      throw new ConfigError('METRICS_ALLOW', `"${entry}" is not an IP address or subnet (or none)`);
  }
  return entries;
}

/**
 * Whether a postgres:// URL names its database (the path: `/tilts`). Without one, the driver
 * connects to the database named after the user (`postgres`), and Tilts would create its tables
 * there without a word. (`pg` reads no `?database=`: the path is the only place.)
 */
export function namesDatabase(value: string): boolean {
  try {
    return decodeURIComponent(new URL(value).pathname.replace(/^\/+|\/+$/g, '')) !== '';
  } catch {
    return true; // not a URL: the URL rule says so
  }
}
