import assert from 'node:assert/strict';
import path from 'node:path';
import nodemailer from 'nodemailer';
import request from 'supertest';
import { rawMailDir } from '../../src/inbound/raw-store.js';
import type { TestContext } from '../support/app.js';
import { startSmtpDoor } from '../support/smtp-door.js';
import { rawFixture } from '../unit/mail/load-fixture.js';

/*
 * The mail that comes in from or about a person who is then erased, as the erasure tests of
 * inbound mail build it: her address, as she and her mail server write it, a neighbour's, and
 * the rows and raw files they leave.
 */

export const EMAIL = 'anna.berzina@example.org';
/** The address as her mail server writes it, with its own capitals. */
export const WRITTEN = 'Anna.Berzina@Example.org';
export const NEIGHBOUR = 'kaimins@example.org';

/** An inbound message's row, as these tests read it. */
export interface InboundRow {
  id: number;
  outcome: string;
  report_id: number | null;
  detail: string | null;
  subject: string | null;
  from_email: string | null;
  raw_key: string | null;
}

export async function inboundRow(context: TestContext, id: number): Promise<InboundRow> {
  return (await context.services
    .knex('inbound_messages')
    .where({ id })
    .first('id', 'outcome', 'report_id', 'detail', 'subject', 'from_email', 'raw_key')) as InboundRow;
}

/** The newest inbound message's row. */
export async function newestInbound(context: TestContext): Promise<InboundRow> {
  const { id } = (await context.services.knex('inbound_messages').orderBy('id', 'desc').first('id')) as {
    id: number;
  };
  return inboundRow(context, id);
}

/** Where the raw file of `key` lies. */
export function rawFile(context: TestContext, key: string): string {
  return path.join(rawMailDir(context.config.dataDir), key.slice(0, 2), `${key}.eml`);
}

/** `raw` (text as UTF-8) handed to the inbound webhook; answers what the door did with it. */
export async function postInbound(context: TestContext, raw: string | Buffer): Promise<string> {
  const res = await request(context.app)
    .post('/inbound/email')
    .set('Authorization', `Bearer ${context.config.inboundSecret}`)
    .set('Content-Type', 'message/rfc822')
    .send(typeof raw === 'string' ? Buffer.from(raw) : raw)
    .expect(202);
  return (res.body as { outcome: string }).outcome;
}

/** `raw` (text as UTF-8) sent through the SMTP door with `envelope`, as a mail server hands it on. */
export async function sendBySmtpDoor(
  context: TestContext,
  envelope: { from: string; to: string },
  raw: string | Buffer,
): Promise<void> {
  const { port, receiver } = await startSmtpDoor(context);
  try {
    await nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }).sendMail({
      envelope: { from: envelope.from, to: [envelope.to] },
      raw: typeof raw === 'string' ? Buffer.from(raw) : raw,
    });
  } finally {
    await receiver.stop();
  }
}

let answers = 0;

/**
 * An out-of-office answer from `from` to our address `to`, its subject naming `from`: answering
 * the email whose Message-ID is `inReplyTo`, or none of ours (`null`).
 */
export function outOfOffice(from: string, to: string, inReplyTo: string | null): Buffer {
  const raw = rawFixture('out-of-office.eml', { to })
    .toString('latin1')
    .replace(/^Subject:.*\r?\n(?:[ \t].*\r?\n)*/m, `Subject: Prombutne: ${from}\r\n`)
    .replaceAll('socdienests@example.org', from)
    .replace(/^Message-ID: <[^>]+>/m, `Message-ID: <away-${(answers += 1)}@mail.example.org>`);
  const answering =
    inReplyTo === null
      ? raw.replace(/^In-Reply-To:.*\r?\n/m, '')
      : raw.replace('<outbox-119@tilts.example.org>', inReplyTo);
  return Buffer.from(answering, 'latin1');
}

/** An out-of-office answer from `from` to `to` answering nothing of ours, by the webhook: its row. */
export async function untiedAnswer(context: TestContext, from: string, to: string): Promise<InboundRow> {
  assert.equal(await postInbound(context, outOfOffice(from, to, null)), 'auto_reply');
  return newestInbound(context);
}
