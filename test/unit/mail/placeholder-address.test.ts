import assert from 'node:assert/strict';
import { isPlaceholderAddress } from '../../../src/mail/address.js';

describe('placeholder addresses (RFC 2606 / RFC 6761 reserved names)', () => {
  it('knows the reserved example domains and their subdomains, in any case', () => {
    for (const address of [
      'kaunatas.parvalde@example.org',
      'tilts@rezeknesnovads.example.org',
      'a@example.com',
      'a@deep.sub.example.net',
      'A@EXAMPLE.ORG',
      'a@Rezeknesnovads.Example.Org',
      'a@example.org.',
    ])
      assert.equal(isPlaceholderAddress(address), true, address);
  });

  it('knows the reserved top-level names .example, .invalid, .test and .localhost', () => {
    for (const address of [
      'a@tilts.example',
      'a@nowhere.invalid',
      'a@tilts.test',
      'a@localhost',
      'a@x.LOCALHOST',
    ])
      assert.equal(isPlaceholderAddress(address), true, address);
  });

  it('takes real domains that merely look alike for real', () => {
    for (const address of [
      'parvalde@rezeknesnovads.lv',
      'a@notexample.org',
      'a@example.org.lv',
      'a@example.co',
      'a@examples.com',
      'a@test.lv',
      'example.org@rezeknesnovads.lv',
      'a@invalid.lv',
      'a@mytest',
      'not-an-address',
      '',
    ])
      assert.equal(isPlaceholderAddress(address), false, address);
  });
});
