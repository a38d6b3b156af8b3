import type { Knex } from 'knex';
import { pino } from 'pino';
import { createI18n } from '../../../src/i18n/index.js';
import { Outbox, type OutgoingEmail } from '../../../src/mail/outbox.js';
import { EmailRenderer } from '../../../src/mail/renderer.js';
import { emailData } from '../../unit/mail-out/email-fixtures.js';
import { testConfig } from '../../support/app.js';
import { resetDatabase } from '../../support/database.js';

export const silentLogger = pino({ level: 'silent' });

/** A clean database and an outbox writing to it, as server.ts builds them. */
export async function makeOutbox(
  clock?: () => Date,
): Promise<{ knex: Knex; outbox: Outbox; mailFrom: string }> {
  const database = await resetDatabase();
  const config = testConfig();
  const renderer = new EmailRenderer({ i18n: await createI18n(), publicUrl: config.publicUrl });
  return {
    knex: database.knex,
    outbox: new Outbox({
      renderer,
      publicUrl: config.publicUrl,
      mailFrom: config.mailFrom,
      ...(clock ? { clock } : {}),
    }),
    mailFrom: config.mailFrom,
  };
}

/** A confirmation email to `email`, with the parts a test cares about overridable. */
export function confirmationEmail(email: string, overrides: Partial<OutgoingEmail> = {}): OutgoingEmail {
  const data = emailData['report-confirm'];
  return {
    kind: 'report-confirm',
    to: { email },
    language: 'lv',
    template: 'report-confirm',
    data,
    ...overrides,
  };
}

/** The outbox rows, oldest first, as stored. */
export function outboxRows(knex: Knex): Promise<Record<string, unknown>[]> {
  return knex('outbox').orderBy('id') as Promise<Record<string, unknown>[]>;
}
