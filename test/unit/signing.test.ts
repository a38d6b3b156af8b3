import assert from 'node:assert/strict';
import { Signer } from '../../src/security/signing.js';

describe('signed tokens', () => {
  const signer = new Signer('a-secret-of-enough-length');
  const now = new Date('2026-11-23T10:00:00Z');
  const later = (days: number) => new Date(now.getTime() + days * 86_400_000);

  it('read back the subject before they expire', () => {
    const token = signer.expiring('confirm-report', '42', later(7));
    assert.deepEqual(signer.readExpiring('confirm-report', token, later(6)), {
      ok: true,
      subject: '42',
      expiresAt: later(7),
    });
  });

  it('say expired after their time, still naming the subject', () => {
    const token = signer.expiring('confirm-report', '42', later(7));
    assert.deepEqual(signer.readExpiring('confirm-report', token, later(8)), {
      ok: false,
      reason: 'expired',
      subject: '42',
    });
  });

  it('are invalid when forged, altered, made for another purpose or by another secret', () => {
    const token = signer.expiring('confirm-report', '42', later(7));
    const [, expires, signature] = token.split('.');
    assert.equal(signer.readExpiring('confirm-report', `43.${expires}.${signature}`, now).ok, false);
    assert.equal(signer.readExpiring('confirm-subscription', token, now).ok, false);
    assert.equal(new Signer('another-secret-of-enough').readExpiring('confirm-report', token, now).ok, false);
    assert.equal(signer.readExpiring('confirm-report', 'garbage', now).ok, false);
    assert.equal(signer.readExpiring('confirm-report', 42, now).ok, false);
  });

  it('verify plain signatures only for the same payload and purpose', () => {
    const signature = signer.sign('reporter', 'RZN-2026-00001');
    assert.ok(signer.verify('reporter', 'RZN-2026-00001', signature));
    assert.ok(!signer.verify('reporter', 'RZN-2026-00002', signature));
    assert.ok(!signer.verify('photo', 'RZN-2026-00001', signature));
    assert.ok(!signer.verify('reporter', 'RZN-2026-00001', undefined));
  });
});
