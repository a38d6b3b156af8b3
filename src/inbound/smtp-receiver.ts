import fs from 'node:fs';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { RateLimiter } from '../ratelimit/limiter.js';
import { MessageTooLargeError } from './raw-store.js';
import type { InboundService } from './service.js';
import { clientOf } from '../ratelimit/client.js';

export const MAX_INBOUND_BYTES = 25 * 1024 * 1024;
const HOUR_MS = 60 * 60 * 1000;

export interface SmtpReceiverOptions {
  port: number;
  /** The address to listen on; the mail server in front is usually on the same machine. */
  host: string;
  domain: string;
  tls?: { keyPath: string; certPath: string } | undefined;
  /** Connections served at once; more wait for a free place (the client retries). */
  maxClients: number;
  /** Messages one client address may hand over in an hour. */
  perIpPerHour: number;
}

class SmtpError extends Error {
  constructor(
    message: string,
    readonly responseCode: number,
  ) {
    super(message);
  }
}

/**
 * The SMTP door: a mail server (or a provider) forwards replies here. It accepts mail for our
 * domain only, from a limited number of clients at once and a limited number of messages per
 * client address and hour, streams each message to storage (never holding it whole in memory),
 * and answers "250" only once the message is stored: a failure before that is a temporary error
 * the sending server retries.
 */
export class SmtpReceiver {
  private server: SMTPServer | undefined;

  constructor(
    private readonly inbound: Pick<InboundService, 'receive'>,
    private readonly limiter: Pick<RateLimiter, 'hit'>,
    private readonly logger: Logger,
    private readonly options: SmtpReceiverOptions,
  ) {}

  start(): Promise<number> {
    const { domain, tls } = this.options;
    const server = new SMTPServer({
      name: domain,
      banner: 'Tilts',
      size: MAX_INBOUND_BYTES,
      maxClients: this.options.maxClients,
      authOptional: true,
      disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      ...(tls ? { key: fs.readFileSync(tls.keyPath), cert: fs.readFileSync(tls.certPath) } : {}),
      logger: false,
      onMailFrom: (_address, session, callback) => {
        this.admit(session).then(
          () => callback(),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      },
      onRcptTo: (address, _session, callback) => {
        const at = address.address.lastIndexOf('@');
        const rcptDomain = address.address.slice(at + 1).toLowerCase();
        if (at < 0 || rcptDomain !== domain.toLowerCase()) {
          callback(new SmtpError(`5.7.1 We accept mail for ${domain} only`, 550));
          return;
        }
        callback();
      },
      onData: (stream, session, callback) => {
        this.receive(stream, session).then(
          () => callback(),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      },
    });
    server.on('error', (error) => this.logger.warn({ err: error }, 'inbound SMTP connection error'));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        const address = server.server.address();
        resolve(typeof address === 'object' && address ? address.port : this.options.port);
      });
    });
  }

  private async admit(session: SMTPServerSession): Promise<void> {
    const key = `smtp-in:ip:${clientOf(session.remoteAddress)}`;
    const { allowed } = await this.limiter.hit(key, this.options.perIpPerHour, HOUR_MS, new Date());
    if (!allowed) throw new SmtpError('4.7.0 Too many messages from your address; try again later', 450);
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    // Mail servers record the envelope sender as Return-Path on delivery; an empty one marks a
    // bounce or an automatic message, and the classifier reads it there.
    const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    const prefix = Buffer.from(`Return-Path: <${mailFrom}>\r\n`);
    const envelope = {
      clientIp: session.remoteAddress,
      helo: session.hostNameAppearsAs,
      mailFrom,
      rcptTo: session.envelope.rcptTo.map((recipient) => recipient.address),
    };
    let result;
    try {
      result = await this.inbound.receive('smtp', stream as AsyncIterable<Buffer>, { envelope, prefix });
    } catch (error) {
      if (error instanceof MessageTooLargeError || stream.sizeExceeded)
        throw new SmtpError('5.3.4 Message too big: the limit is 25 MB', 552);
      this.logger.error({ err: error }, 'inbound mail could not be stored');
      throw new SmtpError('4.3.0 Cannot store the message now; try again later', 451);
    }
    this.logger.info({ outcome: result.outcome, ref: result.reportRef }, 'inbound mail');
  }

  stop(): Promise<void> {
    const server = this.server;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }
}
