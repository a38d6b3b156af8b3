import assert from 'node:assert/strict';
import { parseDeliveryStatus } from '../../../src/mail/inbound/delivery-status.js';

describe('reading RFC 3464 delivery status', () => {
  it('reads a permanent failure with a folded diagnostic', () => {
    const report = [
      'Reporting-MTA: dns; mx.example.org',
      '',
      'Final-Recipient: rfc822; Kaunata@Example.org',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 <kaunata@example.org>: Recipient address',
      '    rejected: User unknown',
    ].join('\r\n');
    assert.deepEqual(parseDeliveryStatus(report), [
      {
        kind: 'permanent',
        recipient: 'kaunata@example.org',
        status: '5.1.1',
        action: 'failed',
        diagnostic: '550 5.1.1 <kaunata@example.org>: Recipient address rejected: User unknown',
      },
    ]);
  });

  it('calls a delayed delivery temporary even without a status code', () => {
    const [bounce] = parseDeliveryStatus('Final-Recipient: rfc822; a@example.org\nAction: delayed\n');
    assert.equal(bounce?.kind, 'temporary');
    assert.equal(bounce?.status, '');
  });

  it('calls a 4.x.x failure temporary and a bare failed action permanent', () => {
    const report =
      'Final-Recipient: rfc822; a@example.org\nAction: failed\nStatus: 4.2.2\n\n' +
      'Final-Recipient: rfc822; b@example.org\nAction: failed\n';
    assert.deepEqual(
      parseDeliveryStatus(report).map((b) => [b.recipient, b.kind]),
      [
        ['a@example.org', 'temporary'],
        ['b@example.org', 'permanent'],
      ],
    );
  });

  it('falls back to Original-Recipient and leaves out delivered recipients', () => {
    const report =
      'Original-Recipient: rfc822;<c@example.org>\nAction: failed\nStatus: 5.2.2 (mailbox full)\n\n' +
      'Final-Recipient: rfc822; d@example.org\nAction: delivered\nStatus: 2.0.0\n';
    assert.deepEqual(parseDeliveryStatus(report), [
      { kind: 'permanent', recipient: 'c@example.org', status: '5.2.2', action: 'failed', diagnostic: '' },
    ]);
  });

  it('ignores blocks without a recipient and text that is not a report', () => {
    assert.deepEqual(parseDeliveryStatus('Hello,\n\nAction: failed\nStatus: 5.0.0\n'), []);
    assert.deepEqual(parseDeliveryStatus(''), []);
  });
});
