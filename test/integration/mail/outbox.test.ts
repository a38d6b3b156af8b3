import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import { UnsafeHeaderError } from '../../../src/mail/address.js';
import { listUnsubscribeHeaders, type Outbox } from '../../../src/mail/outbox.js';
import { emailData } from '../../unit/mail-out/email-fixtures.js';
import { confirmationEmail, makeOutbox, outboxRows } from './support.js';

describe('putting an email in the outbox', () => {
  let knex: Knex;
  let outbox: Outbox;
  beforeEach(async () => {
    ({ knex, outbox } = await makeOutbox());
  });

  it('writes one pending row, rendered in the recipient’s language, with a stable Message-ID', async () => {
    const { id, messageId } = await knex.transaction((trx) =>
      outbox.enqueue(
        trx,
        confirmationEmail('anna@example.lv', { to: { email: 'anna@example.lv', name: 'Anna Bērziņa' } }),
      ),
    );
    const [row] = await outboxRows(knex);
    assert.equal(row!.id, id);
    assert.equal(row!.message_id, messageId);
    assert.match(messageId, /^<[\w-]+@tilts\.test>$/);
    assert.equal(row!.status, 'pending');
    assert.equal(row!.attempts, 0);
    assert.equal(row!.to_email, 'anna@example.lv');
    assert.equal(row!.to_name, 'Anna Bērziņa');
    assert.equal(row!.language, 'lv');
    assert.equal(row!.kind, 'report-confirm');
    assert.equal(row!.subject, 'Apstipriniet savu ziņojumu „Bedre ceļā pie skolas”');
    assert.match(String(row!.text_body), /Labdien!/);
    assert.match(String(row!.html_body), /<html lang="lv"/);
    assert.ok((row!.next_attempt_at as Date).getTime() <= Date.now() + 1000);
  });

  it('leaves no row when the transaction that caused the email rolls back', async () => {
    await assert.rejects(
      knex.transaction(async (trx) => {
        await outbox.enqueue(trx, confirmationEmail('anna@example.lv'));
        throw new Error('the report could not be saved');
      }),
      /could not be saved/,
    );
    assert.deepEqual(await outboxRows(knex), []);
  });

  it('gives every email its own Message-ID', async () => {
    const a = await outbox.enqueue(knex, confirmationEmail('anna@example.lv'));
    const b = await outbox.enqueue(knex, confirmationEmail('anna@example.lv'));
    assert.notEqual(a.messageId, b.messageId);
  });

  it('stores Reply-To and extra headers such as one-click List-Unsubscribe', async () => {
    await outbox.enqueue(
      knex,
      confirmationEmail('anna@example.lv', {
        replyTo: 'r-rzn-2026-00042-abcdefghijklmnop@tilts.test',
        headers: listUnsubscribeHeaders('http://tilts.test/unsubscribe/tok'),
      }),
    );
    const [row] = await outboxRows(knex);
    assert.equal(row!.reply_to, 'r-rzn-2026-00042-abcdefghijklmnop@tilts.test');
    assert.deepEqual(row!.headers, {
      // With the reader's language, like every link to the site in the email.
      'List-Unsubscribe': '<http://tilts.test/unsubscribe/tok?lang=lv>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('refuses header injection in an address, a name, a Reply-To or a header, and writes nothing', async () => {
    const attempts = [
      confirmationEmail('anna@example.lv\r\nBcc: everyone@example.lv'),
      confirmationEmail('anna@example.lv, janis@example.lv'),
      confirmationEmail('Anna <anna@example.lv>'),
      confirmationEmail('anna@example.lv', {
        to: { email: 'anna@example.lv', name: 'Anna\r\nBcc: x@example.lv' },
      }),
      confirmationEmail('anna@example.lv', { replyTo: 'x@example.lv\nBcc: y@example.lv' }),
      confirmationEmail('anna@example.lv', { headers: { 'X-Note': 'a\r\nBcc: y@example.lv' } }),
      confirmationEmail('anna@example.lv', { headers: { Bcc: 'y@example.lv' } }),
    ];
    for (const email of attempts) await assert.rejects(outbox.enqueue(knex, email), UnsafeHeaderError);
    assert.deepEqual(await outboxRows(knex), []);
  });

  it('keeps a subject on one line whatever the data holds', async () => {
    await outbox.enqueue(
      knex,
      confirmationEmail('anna@example.lv', {
        data: {
          ...emailData['report-confirm'],
          report: { ...emailData['report-confirm'].report, title: 'Bedre\r\nBcc: everyone@example.lv' },
        },
      }),
    );
    const [row] = await outboxRows(knex);
    // One line; the address is hidden too, as in every email to an address still to be proven.
    assert.equal(row!.subject, 'Apstipriniet savu ziņojumu „Bedre Bcc: [paslēpts]”');
  });
});
