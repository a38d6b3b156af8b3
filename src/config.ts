import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  ConfigError,
  count,
  defaultInboundDomain,
  requireInboundDomain,
  isLocalHost,
  namesDatabase,
  parseInboundAuth,
  parseMetricsAllow,
  parsePhotoStorage,
  parseTrustProxy,
  port,
  secret,
  tileUrl,
  url,
  type InboundAuth,
  type PhotoStorageConfig,
} from './config-rules.js';

export { ConfigError, parseInboundAuth, type InboundAuth, type PhotoStorageConfig };

const schema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { error: 'must be development, production or test' })
    .default('development'),
  PORT: port.default(3000),
  PUBLIC_URL: url(['http:', 'https:']).optional(),
  DATABASE_URL: url(['postgres:', 'postgresql:'])
    .refine(namesDatabase, 'must name its database (postgres://user@host:5432/tilts)')
    .optional(),
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
  INBOUND_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  INBOUND_SMTP_MAX_CLIENTS: count(1, 1000).default(20),
  INBOUND_SMTP_PER_IP_HOUR: count(1, 100_000).default(600),
  INBOUND_AUTH: z.string().optional(),
  REPLY_ADDRESS_DAYS: count(1, 3650).default(60),
  HELP_FOLLOWUP_DAYS: count(1, 365).default(14),
  TRUST_PROXY: z.string().optional(),
  INBOUND_RETENTION_DAYS: count(1, 3650).default(90),
  OUTBOX_RETENTION_DAYS: count(1, 3650).default(90),
  RATE_LIMIT_RETENTION_HOURS: count(1, 24 * 365).default(24),
  REPORT_RETENTION_DAYS: count(30, 36_500).default(1095),
  AUDIT_IP_RETENTION_DAYS: count(30, 36_500).default(365),
  INBOUND_TLS_KEY: z.string().min(1).optional(),
  INBOUND_TLS_CERT: z.string().min(1).optional(),
  MAP_TILE_URL: tileUrl.default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  MAP_ATTRIBUTION: z.string().default('© OpenStreetMap contributors'),
  PAGE_CACHE_SECONDS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 or more')
    .max(300, 'must be at most 300')
    .default(5),
  SEED_DEMO: z.enum(['auto', 'yes', 'no'], { error: 'must be auto, yes or no' }).default('auto'),
  PHOTO_STORAGE: z.enum(['local', 's3'], { error: 'must be local or s3' }).default('local'),
  S3_ENDPOINT: url(['http:', 'https:']).optional(),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')
    .optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  S3_PREFIX: z
    .string()
    .regex(/^(?:[A-Za-z0-9_-]+\/)*$/, 'must be empty or end with / (letters, digits, - and _)')
    .default('photos/'),
  UPLOAD_MB_PER_IP_HOUR: count(1, 100_000).default(500),
  UPLOAD_FILES_PER_IP_HOUR: count(1, 100_000).default(150),
  METRICS_ALLOW: z.string().optional(),
  METRICS_TOKEN: secret.optional(),
});

type Env = z.infer<typeof schema>;

export interface Config {
  readonly env: Env['NODE_ENV'];
  /**
   * A developer's own machine: PUBLIC_URL on localhost, no SMTP server, NODE_ENV not production.
   * Only then do the local mailbox, the development secret, unauthenticated replies and error
   * details exist; anything else is production, whatever NODE_ENV says.
   */
  readonly development: boolean;
  readonly production: boolean;
  readonly port: number;
  readonly publicUrl: string;
  /** PUBLIC_URL is https: cookies are Secure, HSTS is sent, insecure requests are upgraded. */
  readonly https: boolean;
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
  readonly inboundAuth: InboundAuth;
  readonly inboundSmtpPort: number;
  /** The SMTP door listens here only (the mail server in front is usually on the same machine). */
  readonly inboundSmtpHost: string;
  readonly inboundSmtpMaxClients: number;
  /** Messages one client address may hand the SMTP door in an hour. */
  readonly inboundSmtpPerIpHour: number;
  /** Key and certificate files for STARTTLS on the SMTP door; without them it speaks plain SMTP. */
  readonly inboundTls: { keyPath: string; certPath: string } | undefined;
  /** How long after a report is resolved or closed its reply addresses still take answers. */
  readonly replyAddressDays: number;
  /** Days after a match's contacts were shared that both sides are asked "how did it go?". */
  readonly helpFollowupDays: number;
  /** Express `trust proxy`: the proxies whose X-Forwarded-For is believed; false for none. */
  readonly trustProxy: string[] | false;
  readonly retention: {
    /** Raw inbound messages (the parsed outcome stays). */
    readonly inboundDays: number;
    /** Bodies of sent emails (who, when and the subject stay). */
    readonly outboxDays: number;
    /** Counters of the rate limits (they hold addresses). */
    readonly rateLimitHours: number;
    /**
     * Personal data of a report resolved or closed this long ago (its reporter, its followers; all
     * of a private one's person), and of a volunteer who withdrew this long ago.
     */
    readonly reportDays: number;
    /** Staff members' IP addresses in the audit log (the entries themselves stay). */
    readonly auditIpDays: number;
  };
  readonly mapTileUrl: string;
  readonly mapAttribution: string;
  readonly seedDemo: 'auto' | 'yes' | 'no';
  /** How long the busiest public pages are served from rendered HTML; 0 turns it off. */
  readonly pageCacheSeconds: number;
  /** Where a photo is written as it arrives, before it is re-encoded; emptied after each request. */
  readonly uploadTempDir: string;
  /** Where photos are kept: `uploadDir` on this machine, or an S3-compatible bucket shared by several. */
  readonly photoStorage: PhotoStorageConfig;
  /** What one client address may upload in an hour (photos of every form together). */
  readonly uploadBudget: { readonly bytesPerHour: number; readonly filesPerHour: number };
  /** Who may read /metrics: client addresses and subnets (as TRUST_PROXY determines them), or the token. */
  readonly metrics: { readonly allow: readonly string[]; readonly token: string | undefined };
}

// On a developer's machine a fixed development secret keeps `npm start` zero-configuration;
// anywhere else the secret must be set, or every emailed link would be forgeable by anyone who
// reads this file.
const DEVELOPMENT_SECRET = 'tilts-development-secret-not-for-production';

function parseEnvironment(environment: NodeJS.ProcessEnv): Env {
  const input = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  return parsed.data;
}

// deploy/tilts.env.example marks each value to replace with this. Its text is public, so a real
// installation left with one (a SECRET that signs every emailed link and seals the staff's
// authenticator keys, a password) is open to anyone who has read the example.
const PLACEHOLDER = 'CHANGE-ME';

/** What production cannot run without; each missing one stops the start naming it. */
function requireProductionSettings(env: Env, development: boolean, environment: NodeJS.ProcessEnv): void {
  if (development) return;
  for (const name of Object.keys(schema.shape)) {
    if (environment[name]?.includes(PLACEHOLDER))
      throw new ConfigError(
        name,
        `still holds the ${PLACEHOLDER} placeholder of deploy/tilts.env.example: replace it with the real value`,
      );
  }
  if (env.SECRET === DEVELOPMENT_SECRET)
    throw new ConfigError(
      'SECRET',
      'is the built-in development secret: set one of your own (openssl rand -hex 32)',
    );
  // Say what made this a real installation, so the fix is obvious.
  const why =
    env.NODE_ENV === 'production'
      ? 'in production'
      : env.SMTP_URL
        ? 'once SMTP_URL is set (a real installation)'
        : 'when PUBLIC_URL is not on localhost (a real installation)';
  if (!env.SECRET) throw new ConfigError('SECRET', `must be set ${why}`);
  if (!env.PUBLIC_URL) throw new ConfigError('PUBLIC_URL', `must be set ${why}`);
  if (!env.SMTP_URL)
    throw new ConfigError('SMTP_URL', `must be set ${why} (there is no local mailbox there)`);
  requireInboundDomain(env.PUBLIC_URL, env.INBOUND_DOMAIN);
}

function readable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.R_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The files a configuration names can be read: a missing STARTTLS key or certificate is one line
 * at start-up, not a stack later. Apart from loadConfig, which only reads the settings themselves
 * (the example settings file names files of the server it is meant for).
 */
export function checkConfigFiles(config: Pick<Config, 'inboundTls'>): void {
  if (!config.inboundTls) return;
  for (const [name, file] of [
    ['INBOUND_TLS_KEY', config.inboundTls.keyPath],
    ['INBOUND_TLS_CERT', config.inboundTls.certPath],
  ] as const) {
    if (!readable(file)) throw new ConfigError(name, `cannot read ${file}`);
  }
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const env = parseEnvironment(environment);
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  const development =
    env.NODE_ENV !== 'production' && isLocalHost(new URL(publicUrl).hostname) && !env.SMTP_URL;
  requireProductionSettings(env, development, environment);
  if (Boolean(env.INBOUND_TLS_KEY) !== Boolean(env.INBOUND_TLS_CERT)) {
    throw new ConfigError(
      env.INBOUND_TLS_KEY ? 'INBOUND_TLS_CERT' : 'INBOUND_TLS_KEY',
      'must be set together with the other',
    );
  }
  const dataDir = path.resolve(env.DATA_DIR);
  const secretValue = env.SECRET ?? DEVELOPMENT_SECRET;
  return Object.freeze({
    env: env.NODE_ENV,
    development,
    production: !development,
    port: env.PORT,
    publicUrl,
    https: publicUrl.startsWith('https:'),
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
    inboundAuth: parseInboundAuth(env.INBOUND_AUTH, development),
    inboundSmtpPort: env.INBOUND_SMTP_PORT,
    inboundSmtpHost: env.INBOUND_SMTP_HOST,
    inboundSmtpMaxClients: env.INBOUND_SMTP_MAX_CLIENTS,
    inboundSmtpPerIpHour: env.INBOUND_SMTP_PER_IP_HOUR,
    inboundTls:
      env.INBOUND_TLS_KEY && env.INBOUND_TLS_CERT
        ? { keyPath: env.INBOUND_TLS_KEY, certPath: env.INBOUND_TLS_CERT }
        : undefined,
    replyAddressDays: env.REPLY_ADDRESS_DAYS,
    helpFollowupDays: env.HELP_FOLLOWUP_DAYS,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    retention: Object.freeze({
      inboundDays: env.INBOUND_RETENTION_DAYS,
      outboxDays: env.OUTBOX_RETENTION_DAYS,
      rateLimitHours: env.RATE_LIMIT_RETENTION_HOURS,
      reportDays: env.REPORT_RETENTION_DAYS,
      auditIpDays: env.AUDIT_IP_RETENTION_DAYS,
    }),
    mapTileUrl: env.MAP_TILE_URL,
    mapAttribution: env.MAP_ATTRIBUTION,
    seedDemo: env.SEED_DEMO,
    pageCacheSeconds: env.PAGE_CACHE_SECONDS,
    uploadTempDir: path.join(dataDir, 'upload-tmp'),
    photoStorage: Object.freeze(parsePhotoStorage(env)),
    uploadBudget: Object.freeze({
      bytesPerHour: env.UPLOAD_MB_PER_IP_HOUR * 1024 * 1024,
      filesPerHour: env.UPLOAD_FILES_PER_IP_HOUR,
    }),
    metrics: Object.freeze({
      allow: Object.freeze(parseMetricsAllow(env.METRICS_ALLOW)),
      token: env.METRICS_TOKEN,
    }),
  });
}
