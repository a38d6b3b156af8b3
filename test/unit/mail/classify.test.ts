import assert from 'node:assert/strict';
import { classifyMail, isAutoReplySubject } from '../../../src/mail/inbound/classify.js';
import type { ClassifiableMail } from '../../../src/mail/inbound/classify.js';

function mail(overrides: Partial<ClassifiableMail> = {}): ClassifiableMail {
  return {
    headers: { 'return-path': '<kaunata@example.org>' },
    subject: 'Re: [Tilts] RZN-2026-00042: Bedre Rēzeknes ielā',
    from: 'kaunata@example.org',
    attachments: [],
    text: '#procesā Darbi uzsākti.',
    ...overrides,
  };
}

describe('classifying inbound mail', () => {
  it('treats an ordinary reply as normal', () => {
    assert.deepEqual(classifyMail(mail()), { kind: 'normal' });
  });

  it('treats Auto-Submitted: no as written by a person', () => {
    assert.deepEqual(classifyMail(mail({ headers: { 'auto-submitted': 'No' } })), { kind: 'normal' });
  });

  it('does not mistake Outlook X-Auto-Response-Suppress on a normal reply for an auto-reply', () => {
    assert.deepEqual(classifyMail(mail({ headers: { 'x-auto-response-suppress': 'All' } })), {
      kind: 'normal',
    });
  });

  for (const [name, headers] of [
    ['Auto-Submitted: auto-replied', { 'auto-submitted': 'auto-replied' }],
    ['Auto-Submitted with parameters', { 'auto-submitted': 'auto-replied; owner-email="a@example.org"' }],
    ['Auto-Submitted: auto-generated with a comment', { 'auto-submitted': 'auto-generated (vacation)' }],
  ] as const) {
    it(`recognises ${name} as an auto-reply`, () => {
      assert.deepEqual(classifyMail(mail({ headers })), { kind: 'auto-reply', signal: 'auto-submitted' });
    });
  }

  it('recognises X-Autoreply and X-Autorespond headers', () => {
    assert.deepEqual(classifyMail(mail({ headers: { 'x-autoreply': 'yes' } })), {
      kind: 'auto-reply',
      signal: 'x-autoreply',
    });
    assert.deepEqual(classifyMail(mail({ headers: { 'x-autorespond': 'Out of office' } })), {
      kind: 'auto-reply',
      signal: 'x-autorespond',
    });
  });

  for (const precedence of ['auto_reply', 'bulk', 'junk', 'Bulk']) {
    it(`recognises Precedence: ${precedence} as an auto-reply`, () => {
      assert.deepEqual(classifyMail(mail({ headers: { precedence } })), {
        kind: 'auto-reply',
        signal: 'precedence',
      });
    });
  }

  it('leaves Precedence: list alone, since a person can write to a list', () => {
    assert.deepEqual(classifyMail(mail({ headers: { precedence: 'list' } })), { kind: 'normal' });
  });

  it('recognises an empty Return-Path as an automatic message', () => {
    assert.deepEqual(classifyMail(mail({ headers: { 'return-path': '<>' } })), {
      kind: 'auto-reply',
      signal: 'empty-return-path',
    });
  });

  it('recognises a mailer daemon that sends a non-standard bounce', () => {
    const result = classifyMail(
      mail({ headers: {}, from: 'mailer-daemon@mx.example.org', subject: 'failure notice' }),
    );
    assert.deepEqual(result, { kind: 'auto-reply', signal: 'mailer-daemon' });
  });

  for (const subject of [
    'Automatic reply: [Tilts] RZN-2026-00042',
    'Auto-Reply: Re: [Tilts] RZN-2026-00042',
    'AutoReply: RZN-2026-00042',
    'Out of Office: RZN-2026-00042',
    'Out of the office until Monday',
    'Automātiskā atbilde: [Tilts] RZN-2026-00042',
    'Automatiska atbilde: [Tilts] RZN-2026-00042',
    'PROMBŪTNĒ: [Tilts] RZN-2026-00042',
    'Prombutne līdz 16.03.',
    'Atvaļinājumā līdz 16. martam',
    'Автоответ: [Tilts] RZN-2026-00042',
    'Автоматический ответ: [Tilts] RZN-2026-00042',
    'Нет на месте: [Tilts] RZN-2026-00042',
    'Вне офиса: RZN-2026-00042',
    '[EXTERNAL] Automatic reply: RZN-2026-00042',
  ]) {
    it(`recognises the out-of-office subject "${subject}"`, () => {
      assert.equal(isAutoReplySubject(subject), true);
      assert.deepEqual(classifyMail(mail({ subject })), { kind: 'auto-reply', signal: 'subject' });
    });
  }

  for (const subject of [
    'Re: [Tilts] RZN-2026-00042: Out of office hours the street light is off',
    'Atb.: [Tilts] RZN-2026-00042: Automātiskā atbilde nedarbojas',
    'Re: Автоответчик в администрации не работает',
    'Prombūtnes dienas pagasta bibliotēkā',
  ]) {
    it(`does not mistake the subject "${subject}" for an out-of-office one`, () => {
      assert.equal(isAutoReplySubject(subject), false);
    });
  }

  it('reads a delivery-status attachment as a bounce with its failed recipient', () => {
    const report =
      'Reporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; kaunata@example.org\nAction: failed\nStatus: 5.1.1\n';
    const result = classifyMail(
      mail({
        headers: { 'return-path': '<>', 'auto-submitted': 'auto-replied' },
        attachments: [{ contentType: 'message/delivery-status', content: Buffer.from(report) }],
      }),
    );
    assert.deepEqual(result, {
      kind: 'bounce',
      bounces: [
        {
          kind: 'permanent',
          recipient: 'kaunata@example.org',
          status: '5.1.1',
          action: 'failed',
          diagnostic: '',
        },
      ],
    });
  });

  it('finds the delivery-status fields in the body when the parser inlined them', () => {
    const result = classifyMail(
      mail({
        headers: { 'content-type': 'multipart/report; report-type="delivery-status"; boundary="x"' },
        text: 'Your message was delayed.\n\nFinal-Recipient: rfc822;a@example.org\nAction: delayed\nStatus: 4.4.7\n',
      }),
    );
    assert.equal(result.kind, 'bounce');
    assert.equal(result.kind === 'bounce' && result.bounces[0]?.kind, 'temporary');
  });

  it('counts a success report as a bounce with no failed recipients, so it is never published', () => {
    const report = 'Final-Recipient: rfc822; kaunata@example.org\nAction: delivered\nStatus: 2.0.0\n';
    const result = classifyMail(
      mail({ attachments: [{ contentType: 'message/delivery-status', content: Buffer.from(report) }] }),
    );
    assert.deepEqual(result, { kind: 'bounce', bounces: [] });
  });
});
