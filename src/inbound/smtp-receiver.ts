import fs from 'node:fs';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { InboundService } from './service.js';

export const MAX_INBOUND_BYTES = 25 * 1024 * 1024;

export interface SmtpReceiverOptions {
  port: number;
  host?: string;
  domain: string;
  tls?: { keyPath: string; certPath: string } | undefined;
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
 * The SMTP door: a mail server (or a provider) forwards replies here. Accepts mail for our
 * domain only, enforces the size limit itself while reading, and hands each message to the same
 * pipeline as the webhook.
 */
export class SmtpReceiver {
  private server: SMTPServer | undefined;

  constructor(
    private readonly inbound: Pick<InboundService, 'process'>,
    private readonly logger: Logger,
    private readonly options: SmtpReceiverOptions,
  ) {}

  start(): Promise<number> {
    const { domain, tls } = this.options;
    const server = new SMTPServer({
      name: domain,
      banner: 'Tilts',
      size: MAX_INBOUND_BYTES,
      authOptional: true,
      disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      ...(tls ? { key: fs.readFileSync(tls.keyPath), cert: fs.readFileSync(tls.certPath) } : {}),
      logger: false,
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
        this.receive(stream, session)
          .then(() => callback())
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
      },
    });
    server.on('error', (error) => this.logger.warn({ err: error }, 'inbound SMTP connection error'));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.options.port, this.options.host ?? '0.0.0.0', () => {
        const address = server.server.address();
        resolve(typeof address === 'object' && address ? address.port : this.options.port);
      });
    });
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      // Keep reading to the end (the client waits for our answer) but stop keeping the bytes.
      if (size <= MAX_INBOUND_BYTES) chunks.push(chunk);
    }
    if (stream.sizeExceeded || size > MAX_INBOUND_BYTES) {
      throw new SmtpError('5.3.4 Message too big: the limit is 25 MB', 552);
    }
    // The envelope sender is only known here; mail servers record it as Return-Path on delivery,
    // and an empty one marks a bounce or an automatic message.
    const mailFrom = session.envelope.mailFrom;
    const returnPath = Buffer.from(`Return-Path: <${mailFrom ? mailFrom.address : ''}>\r\n`);
    const result = await this.inbound.process(Buffer.concat([returnPath, ...chunks]), 'smtp');
    this.logger.info({ outcome: result.outcome, ref: result.reportRef }, 'inbound mail');
  }

  stop(): Promise<void> {
    const server = this.server;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }
}
