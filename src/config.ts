import path from 'node:path';
import { z } from 'zod';

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

const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const url = (protocols: string[]) =>
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

const secret = z.string().min(16, 'must be at least 16 characters');

const schema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { error: 'must be development, production or test' })
    .default('development'),
  PORT: port.default(3000),
  PUBLIC_URL: url(['http:', 'https:']).optional(),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.email('must be an email address').default('tilts@rezeknesnovads.example.org'),
  CONTACT_EMAIL: z.email('must be an email address').default('tilts@rezeknesnovads.example.org'),
  SECRET: secret.optional(),
  INBOUND_SECRET: secret.optional(),
  INBOUND_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, 'must be a domain name')
    .optional(),
  INBOUND_SMTP_PORT: port.default(2525),
  INBOUND_TLS_KEY: z.string().min(1).optional(),
  INBOUND_TLS_CERT: z.string().min(1).optional(),
  MAP_TILE_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  MAP_ATTRIBUTION: z.string().default('© OpenStreetMap contributors'),
  PAGE_CACHE_SECONDS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(300, 'must be at most 300')
    .default(5),
  SEED_DEMO: z.enum(['auto', 'yes', 'no'], { error: 'must be auto, yes or no' }).default('auto'),
});

type Env = z.infer<typeof schema>;

export interface Config {
  readonly env: Env['NODE_ENV'];
  readonly production: boolean;
  readonly port: number;
  readonly publicUrl: string;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly uploadDir: string;
  readonly logLevel: Env['LOG_LEVEL'];
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** Where residents write about the site itself (accessibility, privacy). */
  readonly contactEmail: string;
  /** Signs links in emails (confirmation, actions); required in production so they survive restarts. */
  readonly secret: string;
  readonly inboundSecret: string;
  readonly inboundDomain: string;
  readonly inboundSmtpPort: number;
  /** Key and certificate files for STARTTLS on the SMTP door; without them it speaks plain SMTP. */
  readonly inboundTls: { keyPath: string; certPath: string } | undefined;
  readonly mapTileUrl: string;
  readonly mapAttribution: string;
  readonly seedDemo: 'auto' | 'yes' | 'no';
  /** How long the busiest public pages are served from rendered HTML; 0 turns it off. */
  readonly pageCacheSeconds: number;
}

// Outside production a fixed development secret keeps `npm start` zero-configuration; production
// must set its own, or every emailed link would be forgeable by anyone who reads this file.
const DEVELOPMENT_SECRET = 'tilts-development-secret-not-for-production';

/**
 * Reply addresses need a domain with a dot to be valid in mail headers; on a developer's machine
 * (`localhost`, an IP) they use `tilts.localhost`, a name reserved for local use (RFC 6761).
 */
function defaultInboundDomain(hostname: string): string {
  const local = hostname === 'localhost' || /^[\d.]+$/.test(hostname) || hostname.startsWith('[');
  return local ? 'tilts.localhost' : hostname;
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const input = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  if (production && !env.SECRET) throw new ConfigError('SECRET', 'must be set in production');
  if (production && !env.PUBLIC_URL) throw new ConfigError('PUBLIC_URL', 'must be set in production');
  if (production && !env.SMTP_URL)
    throw new ConfigError('SMTP_URL', 'must be set in production (there is no local mailbox there)');
  if (Boolean(env.INBOUND_TLS_KEY) !== Boolean(env.INBOUND_TLS_CERT)) {
    throw new ConfigError(
      env.INBOUND_TLS_KEY ? 'INBOUND_TLS_CERT' : 'INBOUND_TLS_KEY',
      'must be set together with the other',
    );
  }
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  const dataDir = path.resolve(env.DATA_DIR);
  const secretValue = env.SECRET ?? DEVELOPMENT_SECRET;
  return Object.freeze({
    env: env.NODE_ENV,
    production,
    port: env.PORT,
    publicUrl,
    databaseUrl: env.DATABASE_URL,
    dataDir,
    uploadDir: path.join(dataDir, 'uploads'),
    logLevel: env.LOG_LEVEL,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    contactEmail: env.CONTACT_EMAIL,
    secret: secretValue,
    inboundSecret: env.INBOUND_SECRET ?? secretValue,
    inboundDomain: env.INBOUND_DOMAIN ?? defaultInboundDomain(new URL(publicUrl).hostname),
    inboundSmtpPort: env.INBOUND_SMTP_PORT,
    inboundTls:
      env.INBOUND_TLS_KEY && env.INBOUND_TLS_CERT
        ? { keyPath: env.INBOUND_TLS_KEY, certPath: env.INBOUND_TLS_CERT }
        : undefined,
    mapTileUrl: env.MAP_TILE_URL,
    mapAttribution: env.MAP_ATTRIBUTION,
    seedDemo: env.SEED_DEMO,
    pageCacheSeconds: env.PAGE_CACHE_SECONDS,
  });
}
