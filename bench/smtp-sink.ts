import { SMTPServer } from 'smtp-server';
import { freePort } from './processes.js';

/**
 * Production requires SMTP_URL: this swallows whatever the app's outbox worker sends (the
 * confirmation email of the benchmark's report), so the worker runs as it would in production.
 */
export async function startSmtpSink(): Promise<{
  url: string;
  received: () => number;
  stop(): Promise<void>;
}> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => received,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
