import crypto from 'node:crypto';
import type { MailQueue } from '../../src/reports/service.js';

/**
 * Interim stand-in for the outbox while its renderer is being built: writes a real outbox row in
 * the caller's transaction, with the template's data as JSON in the text body.
 */
export const recordingMailQueue: MailQueue = {
  async enqueue(trx, message) {
    await trx('outbox').insert({
      message_id: `<${crypto.randomUUID()}@tilts.test>`,
      kind: message.kind,
      report_id: message.reportId ?? null,
      to_email: message.to.email,
      to_name: message.to.name ?? null,
      language: message.language,
      subject: message.template,
      text_body: JSON.stringify(message.data),
      html_body: '',
      headers: JSON.stringify(message.headers ?? {}),
      reply_to: message.replyTo ?? null,
    });
  },
};
