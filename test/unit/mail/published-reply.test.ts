import assert from 'node:assert/strict';
import { maskPrivateDetails } from '../../../src/mail/inbound/mask.js';
import type { MaskContext } from '../../../src/mail/inbound/mask.js';
import { extractReplyText } from '../../../src/mail/inbound/quotes.js';
import { readReplyParts } from '../../../src/mail/inbound/reply-parts.js';
import { parseStatusWord } from '../../../src/mail/inbound/status-words.js';
import { parseFixture, readFixture } from './load-fixture.js';

/*
 * From raw message to the words on the public page, for the fixtures in which the quoted
 * notification once leaked: the reporter's address and phone and a working action link.
 */

const context: MaskContext = {
  publicUrl: 'https://tilts.example.org',
  inboundDomain: 'tilts.example.org',
  reporter: { email: 'janis@example.org', phone: '+371 29 123 456', name: 'Jānis Kalniņš' },
};
const LEAKS = [
  'janis@example.org',
  '29 123 456',
  '/actions/RZN-2026-00042',
  'abcdefghijklmnopqrstuvwxyz012345',
];

async function publish(name: string, source: 'text' | 'html' = 'text') {
  const parts = await readReplyParts(readFixture(name));
  const { command, text } = parseStatusWord(extractReplyText({ [source]: parts[source] }));
  return { command, ...maskPrivateDetails(text, context), images: parts.images };
}

describe('what a reply publishes, from the raw message to the masked text', () => {
  it('shows that mailparser reads the inline original of inline-original-rfc822.eml into the text', async () => {
    const mail = await parseFixture('inline-original-rfc822.eml');
    for (const leak of LEAKS) assert.ok(mail.text?.includes(leak), leak);
  });

  it('publishes only the answer above an inline message/rfc822, from either alternative', async () => {
    for (const source of ['text', 'html'] as const) {
      const result = await publish('inline-original-rfc822.eml', source);
      assert.deepEqual(result.command, { kind: 'status', status: 'resolved' });
      assert.deepEqual(
        { text: result.text, masked: result.masked, images: result.images },
        { text: 'Bedre aizbērta šorīt, paldies par ziņu.', masked: [], images: [] },
        source,
      );
    }
  });

  it('shows that mailparser joins the second text part of second-text-part.eml to the first', async () => {
    const mail = await parseFixture('second-text-part.eml');
    assert.ok(mail.text?.includes('janis@example.org'));
  });

  it('publishes only the first text part, decoded from iso-8859-13', async () => {
    const result = await publish('second-text-part.eml');
    assert.deepEqual(result.command, { kind: 'status', status: 'in_progress' });
    assert.equal(result.text, 'Brigāde brauks rīt no rīta, bedri aizbērsim līdz piektdienai.');
  });

  it('stops at an Outlook header block in Lithuanian, in the text part and in the HTML part', async () => {
    for (const source of ['text', 'html'] as const) {
      const result = await publish('outlook-unknown-language-header.eml', source);
      assert.deepEqual(result.command, { kind: 'status', status: 'resolved' }, source);
      assert.equal(result.text, 'Bedre aizbērta šorīt.', source);
    }
    const viaMailparser = await parseFixture('outlook-unknown-language-header.eml');
    assert.equal(extractReplyText(viaMailparser), '#atrisināts\n\nBedre aizbērta šorīt.');
  });

  it('still masks every detail of the notification when a whole quoted original gets through', async () => {
    for (const name of [
      'inline-original-rfc822.eml',
      'second-text-part.eml',
      'outlook-unknown-language-header.eml',
    ]) {
      const mail = await parseFixture(name);
      assert.ok(mail.text?.includes('Iedzīvotājs raksta'), `${name} quotes the notification`);
      const { text, masked } = maskPrivateDetails(mail.text ?? '', context);
      for (const leak of LEAKS) assert.equal(text.includes(leak), false, `${name}: ${leak}`);
      for (const kind of ['reporter-contact', 'own-link'] as const) {
        assert.ok(masked.includes(kind), `${name}: ${kind}`);
      }
    }
  });
});
