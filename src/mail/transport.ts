import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { composeMail } from './compose.js';
import { makeBounceAddress } from './inbound/bounce-address.js';
import type { DeliveredVia, OutboxMessage } from './outbox-repository.js';

/** Where the worker hands a claimed outbox row; resolves once the email is accepted. */
export interface MailTransport {
  readonly name: DeliveredVia;
  send(message: OutboxMessage): Promise<void>;
  close(): void;
}

export interface SmtpTimeouts {
  connectionMs: number;
  greetingMs: number;
  /** Inactivity on an open connection. */
  socketMs: number;
}

// nodemailer waits up to 2 minutes for a connection and 10 for a silent socket; a worker that
// holds a lease on its batch should learn sooner that the server is away.
const DEFAULT_TIMEOUTS: SmtpTimeouts = { connectionMs: 20_000, greetingMs: 20_000, socketMs: 60_000 };

/** Sends through the SMTP server of `SMTP_URL` (`smtp://user:pass@host:587`, `smtps://…:465`). */
export class SmtpTransport implements MailTransport {
  readonly name = 'smtp';
  private readonly transporter: Transporter;

  constructor(
    private readonly options: {
      smtpUrl: string;
      mailFrom: string;
      /** Signed VERP envelope senders, so bounces can be told from forged ones. */
      bounceAddress?: (outboxId: number) => string;
      timeouts?: Partial<SmtpTimeouts>;
    },
  ) {
    const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.transporter = nodemailer.createTransport({
      url: options.smtpUrl,
      connectionTimeout: timeouts.connectionMs,
      greetingTimeout: timeouts.greetingMs,
      socketTimeout: timeouts.socketMs,
    });
  }

  async send(message: OutboxMessage): Promise<void> {
    await this.transporter.sendMail(
      composeMail(message, { mailFrom: this.options.mailFrom, bounceAddress: this.options.bounceAddress }),
    );
  }

  close(): void {
    this.transporter.close();
  }
}

/**
 * Development without an SMTP server: nothing leaves the machine. The outbox rows are the
 * mailbox, read at /dev/mailbox; "sending" only marks a row as delivered there.
 */
export class MailboxTransport implements MailTransport {
  readonly name = 'mailbox';

  constructor(private readonly logger?: Logger) {}

  send(message: OutboxMessage): Promise<void> {
    this.logger?.info({ outboxId: message.id, kind: message.kind }, 'email kept in the local mailbox');
    return Promise.resolve();
  }

  close(): void {}
}

/** SMTP when `SMTP_URL` is set; otherwise the local mailbox, which production never uses. */
export function createMailTransport(
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'production'> &
    Partial<Pick<Config, 'inboundSecret' | 'inboundDomain'>>,
  logger?: Logger,
): MailTransport {
  const { inboundSecret, inboundDomain } = config;
  if (config.smtpUrl)
    return new SmtpTransport({
      smtpUrl: config.smtpUrl,
      mailFrom: config.mailFrom,
      ...(inboundSecret && inboundDomain
        ? {
            bounceAddress: (id: number) =>
              makeBounceAddress(id, { secret: inboundSecret, domain: inboundDomain }),
          }
        : {}),
    });
  if (config.production) throw new Error('SMTP_URL must be set in production: emails would go nowhere');
  return new MailboxTransport(logger);
}
