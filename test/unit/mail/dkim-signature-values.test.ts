import assert from 'node:assert/strict';
import { agedProof } from '../../../src/inbound/signature-age.js';
import { dkimSignatureTimes, dkimSignatureValues, signatureDigest } from '../../../src/inbound/signatures.js';

describe('the DKIM signatures a message carries, to know a replay by', () => {
  it('reads the b= of every DKIM-Signature header, folded or not, and nothing of the body', () => {
    const raw = Buffer.from(
      [
        'DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=s1; bh=AAAA; h=from:to;',
        '\tb=abc',
        ' def=',
        'dkim-signature: v=1; d=other.example; bh=BBBB; b=xyz=',
        'From: kaunata@example.org',
        '',
        'DKIM-Signature: b=body',
      ].join('\r\n'),
    );
    assert.deepEqual(dkimSignatureValues(raw), ['abcdef=', 'xyz=']);
  });

  it('digests a signature the same however it was folded', () => {
    assert.equal(signatureDigest('abc def='), signatureDigest('abcdef='));
    assert.notEqual(signatureDigest('abcdef='), signatureDigest('abcdeg='));
  });

  it('reads the t= of every DKIM-Signature header, null where it has none', () => {
    const raw = Buffer.from(
      'DKIM-Signature: v=1; d=example.org; t=1700000000; b=abc\r\nDKIM-Signature: v=1; d=x.example; b=xyz\r\n\r\n',
    );
    assert.deepEqual(dkimSignatureTimes(raw), [1_700_000_000_000, null]);
  });

  it('believes a signature younger than the retention window less a day, or of no known age, and no other', () => {
    const now = new Date('2027-03-01T12:00:00Z');
    const day = 24 * 60 * 60 * 1000;
    const proof = (signedAt: (number | null)[]) =>
      agedProof({ proven: true, summary: 'x', signedAt }, now, 90);
    assert.equal(proof([now.getTime() - 88 * day]).proven, true);
    assert.equal(proof([now.getTime() - 89 * day - 1000]).summary, 'dkim.t=old');
    assert.equal(proof([now.getTime(), null]).proven, true, 'one of no known age proves as before');
    assert.equal(proof([null]).proven, true);
    assert.equal(proof([now.getTime() - 89 * day - 1000, null]).summary, 'dkim.t=old');
    assert.equal(proof([]).proven, true, 'proven without DKIM (SPF at the border)');
  });
});
