import request from 'supertest';
import { Signer } from '../../src/security/signing.js';
import type { NewReportInput } from '../../src/reports/service.js';
import type { Report } from '../../src/reports/types.js';
import type { TestContext } from './app.js';

/** The address the mail fixtures come from: the Kaunata parish clerk. */
export const CLERK = 'kaunata@example.org';

/**
 * A confirmed public road report in Kaunata whose parish administration is the fixtures' clerk,
 * routed and ready to be answered by email.
 */
export async function routedReport(
  context: TestContext,
  overrides: Partial<NewReportInput> = {},
): Promise<Report> {
  const { services, config } = context;
  await services.knex('contacts').where({ code: 'kaunatas-admin' }).update({ email: CLERK });
  const report = await services.reports.create(
    {
      categoryCode: 'roads',
      parishCode: 'kaunatas',
      title: 'Bedre Rēzeknes ielā',
      description: 'Dziļa bedre pie pasta.',
      location: 'Kaunata, Rēzeknes iela 3',
      lat: null,
      lon: null,
      name: 'Jānis Ozols',
      email: 'janis@example.org',
      phone: '+371 20000000',
      showName: true,
      language: 'en',
      ...overrides,
    },
    [],
  );
  const token = new Signer(config.secret).expiring(
    'confirm-report',
    String(report.id),
    new Date(Date.now() + 86_400_000),
  );
  const result = await services.reports.confirm(token);
  if (result.outcome !== 'confirmed') throw new Error(`could not confirm: ${result.outcome}`);
  return result.report;
}

/** Makes `email` one more recipient of the report, as if routing had chosen it. */
export async function addRecipient(context: TestContext, report: Report, email: string): Promise<void> {
  await context.services.knex('report_recipients').insert({
    report_id: report.id,
    role: 'parish_admin',
    name: email,
    email,
  });
}

let sequence = 0;

/**
 * A reply as a clerk's mail client writes it: new text above the quoted notification (`quote`
 * false: the text alone). Unsigned; a test signs it with DKIM where the sender must be proven.
 */
export function clerkReply(options: {
  from: string;
  to: string;
  text: string;
  headers?: string[];
  quote?: boolean;
}): string {
  sequence += 1;
  const quote =
    options.quote === false
      ? []
      : ['pirmdien, 2026. gada 30. novembrī Tilts rakstīja:', '> Dziļa bedre pie pasta.', ''];
  return [
    ...(options.headers ?? []),
    `From: ${options.from}`,
    `To: ${options.to}`,
    'Subject: Re: [Tilts] Bedre Rēzeknes ielā',
    `Message-ID: <reply-${sequence}-${Date.now()}@example.org>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    options.text,
    '',
    ...quote,
  ].join('\r\n');
}

/** A raw message handed to the app's inbound webhook door; answers what the door did with it (`outcome`). */
export async function postRawMail(context: TestContext, raw: Buffer | string): Promise<{ outcome: string }> {
  const res = await request(context.app)
    .post('/inbound/email')
    .set('Authorization', `Bearer ${context.config.inboundSecret}`)
    .set('Content-Type', 'message/rfc822')
    .send(Buffer.isBuffer(raw) ? raw : Buffer.from(raw))
    .expect(202);
  return res.body as { outcome: string };
}

/**
 * A reply from `from` to the report's reply address of the contact `to`, signed by the mail server
 * in front (the test's DKIM) and handed to the inbound door; answers what it did (`outcome`).
 */
export async function postSignedReply(
  context: TestContext,
  options: { ref: string; from: string; to: string; text: string },
): Promise<{ outcome: string }> {
  const to = context.services.links.replyAddress(options.ref, options.to);
  return postRawMail(context, await context.sign(clerkReply({ from: options.from, to, text: options.text })));
}

/** The clerk's reply to a report with `text`, signed; answers what the door did with it (`outcome`). */
export function postClerkReply(
  context: TestContext,
  report: Pick<Report, 'ref'>,
  text: string,
): Promise<{ outcome: string }> {
  return postSignedReply(context, { ref: report.ref, from: CLERK, to: CLERK, text });
}

/**
 * The clerk's reply to a new routed report, unsigned: no DKIM proves its sender, so it is held
 * for staff. Answers the held message's id (its page is /staff/inbound/:id).
 */
export async function heldReply(context: TestContext, text = 'Salabosim rīt.'): Promise<number> {
  const report = await routedReport(context);
  const { outcome } = await postUnsignedReply(context, {
    ref: report.ref,
    from: CLERK,
    to: CLERK,
    text,
    quote: false,
  });
  if (outcome !== 'held') throw new Error('the reply was not held');
  return ((await context.services.knex('inbound_messages').max({ id: 'id' }).first()) as { id: number }).id;
}

/**
 * A reply from `from` to the report's reply address of the contact `to`, handed to the inbound
 * door unsigned (no DKIM proves its sender); answers what the door did with it (`outcome`).
 */
export async function postUnsignedReply(
  context: TestContext,
  options: { ref: string; from: string; to: string; text: string; quote?: boolean },
): Promise<{ outcome: string }> {
  const raw = clerkReply({
    from: options.from,
    to: context.services.links.replyAddress(options.ref, options.to),
    text: options.text,
    ...(options.quote === undefined ? {} : { quote: options.quote }),
  });
  return postRawMail(context, raw);
}

/** The clerk's reply with images attached, as a mail client sends them (multipart/mixed). */
export function clerkReplyWithImages(
  to: string,
  text: string,
  files: { name: string; data: Buffer }[],
): string {
  const parts = files.flatMap((file) => [
    '--b1',
    `Content-Type: image/jpeg; name="${file.name}"`,
    `Content-Disposition: attachment; filename="${file.name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    file.data.toString('base64'),
  ]);
  return [
    `From: ${CLERK}`,
    `To: ${to}`,
    'Subject: Re: [Tilts] Bedre Rēzeknes ielā',
    `Message-ID: <images-${Date.now()}-${Math.random().toString(36).slice(2)}@example.org>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    text,
    '',
    ...parts,
    '--b1--',
    '',
  ].join('\r\n');
}
