import { pino } from 'pino';
import { SmtpReceiver, type SmtpReceiverOptions } from '../../src/inbound/smtp-receiver.js';
import type { TestContext } from './app.js';

/** The real SMTP door of a test app, on a free port of 127.0.0.1 unless told otherwise. */
export async function startSmtpDoor(
  context: TestContext,
  options: Partial<SmtpReceiverOptions> = {},
): Promise<{ port: number; receiver: SmtpReceiver }> {
  const receiver = new SmtpReceiver(
    context.services.inbound,
    context.services.limiter,
    pino({ level: 'silent' }),
    {
      port: 0,
      host: '127.0.0.1',
      domain: context.config.inboundDomain,
      maxClients: 5,
      perIpPerHour: 100,
      ...options,
    },
  );
  return { port: await receiver.start(), receiver };
}
