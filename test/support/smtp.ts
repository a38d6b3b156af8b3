import net from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface CapturedMessage {
  envelope: { mailFrom: string | undefined; rcptTo: string[] };
  parsed: ParsedMail;
  /** The message exactly as it arrived (CRLF line ends). */
  raw: string;
}

/** accept: 250; temporary: 451 (try again later); permanent: 550 (never). */
export type SmtpAnswer = 'accept' | 'temporary' | 'permanent';

export interface SmtpCapture {
  readonly host: string;
  readonly port: number;
  /** For SMTP_URL: `smtp://127.0.0.1:<port>`. */
  readonly url: string;
  /** Every message accepted, in order. */
  readonly messages: CapturedMessage[];
  /** How many messages were refused with 451 or 550. */
  readonly refused: number;
  answerWith(answer: SmtpAnswer): void;
  /** Resolves once `predicate(messages)` holds; rejects after `timeoutMs`. */
  waitFor(
    predicate: (messages: CapturedMessage[]) => boolean,
    timeoutMs?: number,
  ): Promise<CapturedMessage[]>;
  /** "SMTP is down": nothing listens on the port any more (connections are refused). */
  goDown(): Promise<void>;
  /** Back up on the same port. */
  comeBack(): Promise<void>;
  close(): Promise<void>;
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * A real SMTP server on 127.0.0.1 (any free port, no TLS, no login needed) that keeps every
 * message it accepts, parsed by mailparser, so tests assert on what really went over the wire.
 */
export async function startSmtpCapture(): Promise<SmtpCapture> {
  const messages: CapturedMessage[] = [];
  const waiters = new Set<() => void>();
  let answer: SmtpAnswer = 'accept';
  let refused = 0;
  let server: SMTPServer | undefined;
  let port = 0;

  const onData = (
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (err?: Error | null) => void,
  ) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      if (answer !== 'accept') {
        refused += 1;
        callback(
          answer === 'temporary'
            ? smtpError('4.3.0 Mailbox busy, try again later', 451)
            : smtpError('5.1.1 No such user here', 550),
        );
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      simpleParser(raw).then(
        (parsed) => {
          messages.push({
            envelope: {
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
              rcptTo: session.envelope.rcptTo.map((recipient) => recipient.address),
            },
            parsed,
            raw,
          });
          callback();
          for (const wake of waiters) wake();
        },
        (error: Error) => callback(error),
      );
    });
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const instance = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        closeTimeout: 200,
        onData,
      });
      instance.on('error', () => {
        // A client hanging up mid-session is not the test's concern.
      });
      instance.server.once('error', reject);
      instance.listen(port, '127.0.0.1', () => {
        const address = instance.server.address();
        port = typeof address === 'object' && address ? address.port : port;
        server = instance;
        resolve();
      });
    });

  const shutDown = () =>
    new Promise<void>((resolve) => {
      const current = server;
      server = undefined;
      if (!current) return resolve();
      current.close(() => resolve());
    });

  await listen();

  return {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    messages,
    get refused() {
      return refused;
    },
    answerWith(next) {
      answer = next;
    },
    waitFor(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(messages)) return;
          cleanup();
          resolve(messages);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(`SMTP capture: condition not met within ${timeoutMs} ms (${messages.length} messages)`),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    goDown: shutDown,
    comeBack: listen,
    close: shutDown,
  };
}

/** An SMTP URL where nothing listens: every connection is refused. */
export function unreachableSmtpUrl(): Promise<string> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        resolve(`smtp://127.0.0.1:${typeof address === 'object' && address ? address.port : 1}`),
      );
    });
  });
}
