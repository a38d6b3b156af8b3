import assert from 'node:assert/strict';
import { dkimSignatureValues, signatureDigest } from '../../../src/inbound/signatures.js';

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
});
