import assert from 'node:assert/strict';
import { clientOf, mailboxOf } from '../../../src/ratelimit/client.js';

describe('the client a per-address limit counts', () => {
  it('counts an IPv4 address, written plainly or mapped into IPv6, as itself', () => {
    assert.equal(clientOf('198.51.100.7'), '198.51.100.7');
    assert.equal(clientOf('::ffff:198.51.100.7'), '198.51.100.7');
  });

  it('counts every address of an IPv6 /64 as one client, however it is written', () => {
    const one = clientOf('2001:db8:1:2::1');
    assert.equal(one, '2001:db8:1:2::/64');
    for (const address of [
      '2001:DB8:1:2:ffff:ffff:ffff:ffff',
      '2001:0db8:0001:0002:0:0:0:9',
      '2001:db8:1:2::1%eth0',
      '2001:db8:1:2::',
    ])
      assert.equal(clientOf(address), one, address);
    assert.notEqual(clientOf('2001:db8:1:3::1'), one);
    assert.equal(clientOf('::1'), '0:0:0:0::/64');
    assert.equal(clientOf('2001:db8::'), '2001:db8:0:0::/64');
  });

  it('names a missing address', () => {
    assert.equal(clientOf(undefined), 'unknown');
  });
});

describe('the mailbox a per-address limit counts', () => {
  it('counts an address whatever its case, and a subaddress as its mailbox', () => {
    assert.equal(mailboxOf('Anna.Berzina@Example.org'), 'anna.berzina@example.org');
    for (const address of ['anna+1@example.org', 'ANNA+news+2@example.org', 'anna+@example.org'])
      assert.equal(mailboxOf(address), 'anna@example.org', address);
    // Dots and other mailboxes stay apart: only "+" is a subaddress everywhere it is one.
    assert.notEqual(mailboxOf('a.nna@example.org'), 'anna@example.org');
    assert.notEqual(mailboxOf('anna@example.com'), 'anna@example.org');
  });

  it('keeps a local part that is nothing but a subaddress whole', () => {
    assert.equal(mailboxOf('+1@example.org'), '+1@example.org');
  });
});
