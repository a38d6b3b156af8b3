import assert from 'node:assert/strict';
import type { Express } from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import type { Services } from '../../src/services.js';
import type { CloseReason, Report, Status } from '../../src/reports/types.js';

export interface OutboxRow {
  kind: string;
  to_email: string;
  language: string;
  subject: string;
  text_body: string;
  html_body: string;
  headers: Record<string, string> | string;
  report_id: number | null;
}

/** Asks for an alert through the form, as a resident would. */
export function askForAlert(app: Express, fields: Record<string, string>, lang = 'lv') {
  return request(app)
    .post(`/alerts/new?lang=${lang}`)
    .type('form')
    .send({ frequency: 'immediate', ...fields });
}

/** Every email to an address, oldest first. */
export async function mailTo(knex: Knex, email: string): Promise<OutboxRow[]> {
  return (await knex('outbox').whereRaw('lower(to_email) = lower(?)', [email]).orderBy('id')) as OutboxRow[];
}

export function headersOf(row: OutboxRow): Record<string, string> {
  return typeof row.headers === 'string' ? (JSON.parse(row.headers) as Record<string, string>) : row.headers;
}

/** The path of a link in an email's text, e.g. `/alerts/confirm/…`. */
export function linkIn(row: OutboxRow, prefix: string): string {
  const match = new RegExp(`https?://[^/\\s]+(${prefix}[^\\s>]*)`).exec(row.text_body);
  if (!match) throw new Error(`no ${prefix} link in:\n${row.text_body}`);
  return match[1]!;
}

/** Asks for and confirms an alert; answers the address. */
export async function confirmedAlert(
  app: Express,
  knex: Knex,
  email: string,
  fields: Record<string, string> = {},
  lang = 'lv',
): Promise<string> {
  await askForAlert(app, { email, ...fields }, lang).expect(303);
  const [confirmation] = await mailTo(knex, email);
  await request(app).post(linkIn(confirmation!, '/alerts/confirm/')).expect(200);
  return email;
}

/**
 * A parish clerk's public answer, as the reply pipeline records it (`maskedReply`: not refused as a
 * typed answer would be, so a test may put a contact in it and see it masked wherever it is read).
 */
export async function publicAnswer(
  services: Services,
  report: Report,
  text: string,
  change: { toStatus: Status; closeReason?: CloseReason } = { toStatus: 'in_progress' },
): Promise<void> {
  const [recipient] = await services.routing.recipients(report.id);
  assert.ok(recipient, `report ${report.ref} has a recipient`);
  await services.knex.transaction(async (trx) => {
    await services.reportUpdates.recordRecipientUpdate(trx, report.id, {
      recipient: { ...recipient, language: 'lv' },
      channel: 'email',
      ...change,
      publicText: text,
      publicTextFrom: 'maskedReply',
    });
  });
}
