import assert from 'node:assert/strict';
import {
  findBounceAddress,
  makeBounceAddress,
  readBounceAddress,
} from '../../../src/mail/inbound/bounce-address.js';

const options = { secret: 'bounce-test-secret', domain: 'tilts.example.org' };

describe('signed VERP bounce addresses', () => {
  it('name the outbox row an email came from, in any letter case', () => {
    const address = makeBounceAddress(4242, options);
    assert.match(address, /^b-[0-9a-z]+-[a-z2-7]{16}@tilts\.example\.org$/);
    assert.equal(readBounceAddress(address, options), 4242);
    assert.equal(readBounceAddress(address.toUpperCase(), options), 4242);
  });

  it('cannot be made for another row, another secret or another domain', () => {
    const address = makeBounceAddress(7, options);
    const otherRow = address.replace(/^b-7-/, 'b-8-');
    assert.equal(readBounceAddress(otherRow, options), undefined);
    assert.equal(readBounceAddress(address, { ...options, secret: 'another-secret' }), undefined);
    assert.equal(
      readBounceAddress(address.replace('tilts.example.org', 'evil.example.net'), options),
      undefined,
    );
    assert.equal(
      readBounceAddress('r-rzn-2026-00042-aaaaaaaaaaaaaaaa@tilts.example.org', options),
      undefined,
    );
  });

  it('is found among the recipients of a delivery report', () => {
    const address = makeBounceAddress(12, options);
    assert.deepEqual(findBounceAddress(['postmaster@example.org', address], options), {
      address,
      outboxId: 12,
    });
    assert.equal(findBounceAddress(['postmaster@example.org'], options), undefined);
  });
});
