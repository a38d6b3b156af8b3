import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import sharp from 'sharp';
import { classifyMail } from '../../../src/mail/inbound/classify.js';
import { toInboundMail } from '../../../src/mail/inbound/inbound-mail.js';
import type { InboundMail } from '../../../src/mail/inbound/inbound-mail.js';
import { extractReplyText } from '../../../src/mail/inbound/quotes.js';
import {
  findReplyAddress,
  makeReplyAddress,
  verifyReplyAddress,
} from '../../../src/mail/inbound/reply-address.js';
import { parseStatusWord } from '../../../src/mail/inbound/status-words.js';
import { parseFixture, rawFixture, readFixture } from './load-fixture.js';

const secret = 'fixture-secret';
const domain = 'tilts.example.org';
const clerk = 'kaunata@example.org';
const replyAddressFor = (recipient: string): string =>
  makeReplyAddress({ ref: 'RZN-2026-00042', recipient, secret, domain });

function interpret(mail: InboundMail) {
  const reply = extractReplyText(mail);
  return { classification: classifyMail(mail), reply, ...parseStatusWord(reply) };
}

describe('real-looking replies parsed by mailparser', () => {
  it('reads a Latvian Outlook reply: #procesā, ending before the sign-off, header block and quoted report', async () => {
    const mail = await parseFixture('outlook-lv-reply.eml', { to: replyAddressFor(clerk) });
    const result = interpret(mail);
    assert.deepEqual(result.classification, { kind: 'normal' });
    assert.deepEqual(result.command, { kind: 'status', status: 'in_progress' });
    assert.equal(
      result.text,
      'Labdien!\n\nBedri Rēzeknes ielā aizbērsim līdz piektdienai, darbi jau uzsākti.',
    );
    assert.equal(mail.fromName, 'Kaunatas pagasta pārvalde');
    assert.equal(mail.subject, 'RE: [Tilts] RZN-2026-00042: Bedre Rēzeknes ielā');
    const address = findReplyAddress(mail.recipients, domain)!;
    assert.deepEqual(verifyReplyAddress(address, { secret, domain, recipients: [mail.from] }), {
      ok: true,
      ref: 'RZN-2026-00042',
      recipient: clerk,
    });
  });

  it('gets the same answer from the Outlook HTML part as from its text part', async () => {
    const mail = await parseFixture('outlook-lv-reply.eml');
    assert.equal(extractReplyText({ html: mail.html }), extractReplyText({ text: mail.text }));
  });

  it('reads a Gmail reply in English from either part, without the gmail_quote or the signature', async () => {
    const mail = await parseFixture('gmail-en-reply.eml');
    const expected =
      '#resolved The pothole was filled this morning.\n\nThanks for reporting it, and sorry it took a week.';
    assert.equal(extractReplyText({ text: mail.text }), expected);
    assert.equal(extractReplyText({ html: mail.html }), expected);
    const result = interpret(mail);
    assert.deepEqual(result.command, { kind: 'status', status: 'resolved' });
    assert.equal(
      result.text,
      'The pothole was filled this morning.\n\nThanks for reporting it, and sorry it took a week.',
    );
  });

  it('reads a bottom-posted Thunderbird reply in Russian, format=flowed lines joined', async () => {
    const result = interpret(await parseFixture('thunderbird-ru-reply.eml'));
    assert.deepEqual(result.classification, { kind: 'normal' });
    assert.deepEqual(result.command, { kind: 'status', status: 'resolved' });
    assert.equal(result.text, 'Яму засыпали сегодня утром. Спасибо, что сообщили, и извините за задержку.');
  });

  it('turns an HTML-only reply into plain text and reads #atrisinats typed without diacritics', async () => {
    const mail = await parseFixture('html-only-reply.eml');
    assert.equal(mail.text, undefined);
    const result = interpret(mail);
    assert.deepEqual(result.command, { kind: 'status', status: 'resolved' });
    assert.equal(
      result.text,
      'Labdien!\nApgaismojums Mākoņkalna pagastā ir salabots – lampa nomainīta 3. martā.\n\n' +
        'Paldies par ziņu & jauku dienu!\n\nPārvaldes vadītājs',
    );
  });

  it('keeps the photo of an iPhone reply as a valid JPEG attachment and drops the iPhone footer', async () => {
    const mail = await parseFixture('reply-with-photo.eml');
    // The reply's photos come from its own part; other attachments are read past, never held.
    assert.equal(mail.reply.images.length, 1);
    assert.equal(mail.attachments.length, 0);
    const photo = mail.reply.images[0]!;
    assert.equal(photo.contentType, 'image/jpeg');
    assert.equal(photo.filename, 'IMG_0042.jpeg');
    const metadata = await sharp(photo.content).metadata();
    assert.deepEqual([metadata.format, metadata.width, metadata.height], ['jpeg', 8, 6]);
    const result = interpret(mail);
    assert.deepEqual(result.command, { kind: 'status', status: 'resolved' });
    assert.equal(result.text, 'Bedre aizbērta, foto pielikumā.');
  });

  it('keeps only the note above a forwarded message, as an internal note', async () => {
    const result = interpret(await parseFixture('forwarded.eml'));
    assert.deepEqual(result.classification, { kind: 'normal' });
    assert.deepEqual(result.command, { kind: 'internal' });
    assert.equal(result.text, 'Pārsūtu ceļu dienesta atbildi: bedri salabos nākamnedēļ.');
  });

  it('recognises a Latvian Exchange out-of-office reply by its headers and by its subject alone', async () => {
    const mail = await parseFixture('out-of-office.eml');
    assert.deepEqual(classifyMail(mail), { kind: 'auto-reply', signal: 'auto-submitted' });
    assert.deepEqual(classifyMail({ ...mail, headers: {} }), { kind: 'auto-reply', signal: 'subject' });
  });

  it('reads a permanent bounce with the recipient that failed', async () => {
    const mail = await parseFixture('bounce-permanent.eml');
    assert.deepEqual(classifyMail(mail), {
      kind: 'bounce',
      bounces: [
        {
          kind: 'permanent',
          recipient: clerk,
          status: '5.1.1',
          action: 'failed',
          diagnostic:
            '550 5.1.1 <kaunata@example.org>: Recipient address rejected: User unknown in virtual mailbox table',
        },
      ],
    });
  });

  it('reads the same bounce when mailparser ran with its default options', async () => {
    const raw = readFixture('bounce-permanent.eml');
    const mail = toInboundMail(await simpleParser(raw), raw);
    assert.equal(
      mail.attachments.some((part) => part.contentType === 'message/delivery-status'),
      false,
    );
    const result = classifyMail(mail);
    assert.equal(result.kind === 'bounce' && result.bounces[0]?.recipient, clerk);
  });

  it('reads a delay warning as a temporary bounce and keeps the returned message out of the text', async () => {
    const mail = await parseFixture('bounce-temporary.eml');
    assert.deepEqual(classifyMail(mail), {
      kind: 'bounce',
      bounces: [
        {
          kind: 'temporary',
          recipient: 'socdienests@example.org',
          status: '4.4.1',
          action: 'delayed',
          diagnostic: '421 4.4.1 Connection timed out',
        },
      ],
    });
    assert.doesNotMatch(mail.text ?? '', /nedrīkst parādīties/);
  });

  it('gives a message without Message-ID a stable key from its content', async () => {
    const first = await parseFixture('no-message-id.eml');
    const again = await parseFixture('no-message-id.eml');
    const other = await parseFixture('no-message-id.eml', { to: replyAddressFor(clerk) });
    assert.equal(first.messageId, undefined);
    assert.match(first.dedupeKey, /^sha256:[0-9a-f]{64}$/);
    assert.equal(first.dedupeKey, again.dedupeKey);
    assert.notEqual(first.dedupeKey, other.dedupeKey);
    const result = interpret(first);
    assert.deepEqual(result.command, { kind: 'status', status: 'acknowledged' });
    assert.equal(result.text, 'Paldies, ziņojumu saņēmām un nodevām komunālajam dienestam.');
  });

  it('uses the Message-ID without angle brackets as the key when there is one', async () => {
    const mail = await parseFixture('gmail-en-reply.eml');
    assert.equal(mail.dedupeKey, 'CAJ8x9kYd=4F+q2mN0pQvW7sT3uR5eA1bC6dE8fG9hI0jK1lM2n@mail.example.org');
  });

  it('never lets script, frames, SVG or bidi tricks of an HTML reply into the text', async () => {
    const result = interpret(await parseFixture('script-in-html.eml'));
    assert.deepEqual(result.command, { kind: 'status', status: 'acknowledged' });
    for (const unwanted of [
      'alert',
      'injected',
      'iframe',
      'svg text',
      'noscript',
      'javascript',
      '\u202e',
      '\u0000',
    ]) {
      assert.equal(result.reply.includes(unwanted), false, unwanted);
    }
    assert.match(result.reply, /Formulā 5 < 7 un <b>tas nav treknraksts<\/b>\./);
    assert.match(result.reply, /Karte: skatīt karti/);
  });

  it("shows that a stranger answering with the clerk's address does not pass as the clerk", async () => {
    const mail = await parseFixture('stranger-reply.eml', { to: replyAddressFor(clerk) });
    const address = findReplyAddress(mail.recipients, domain)!;
    assert.deepEqual(verifyReplyAddress(address, { secret, domain, recipients: [mail.from] }), {
      ok: false,
      reason: 'bad-signature',
      ref: 'RZN-2026-00042',
    });
    const notified = verifyReplyAddress(address, {
      secret,
      domain,
      recipients: [clerk, 'socdienests@example.org'],
    });
    assert.deepEqual(notified, { ok: true, ref: 'RZN-2026-00042', recipient: clerk });
    assert.notEqual(mail.from, clerk);
    assert.equal(interpret(mail).text, 'Es pats aizbēru to bedri, var slēgt.');
  });

  it('reads #ProCESĀ and an upper-cased reply address and sender', async () => {
    const mail = await parseFixture('status-word-wrong-case.eml', { to: replyAddressFor(clerk) });
    assert.equal(mail.from, clerk);
    const address = findReplyAddress(mail.recipients, domain)!;
    assert.equal(verifyReplyAddress(address, { secret, domain, recipients: [mail.from] }).ok, true);
    assert.match(
      rawFixture('status-word-wrong-case.eml', { to: replyAddressFor(clerk) }).toString(),
      /To: Tilts <R-RZN/,
    );
    const result = interpret(mail);
    assert.deepEqual(result.command, { kind: 'status', status: 'in_progress' });
    assert.equal(result.text, 'brigāde izbrauc rīt no rīta.');
  });

  it('uses example.org addresses only', () => {
    const dir = fileURLToPath(new URL('../../fixtures/mail/', import.meta.url));
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.eml'))) {
      // Quoted-printable soft line breaks can split an address; join them first.
      const raw = readFixture(name)
        .toString('latin1')
        .replace(/=\r?\n/g, '');
      for (const [, host] of raw.matchAll(/[\w.%+=-]@([A-Za-z0-9.-]+)/g)) {
        assert.match(host!.toLowerCase(), /(?:^|\.)example\.org$/, `${name}: ${host}`);
      }
    }
  });
});
