import assert from 'node:assert/strict';
import {
  UnsafeHeaderError,
  assertExtraHeaders,
  assertHeaderText,
  isSingleAddress,
  listUnsubscribeHeaders,
  messageIdDomain,
  newMessageId,
  toHeaderLine,
} from '../../../src/mail/address.js';

describe('email addresses and header values', () => {
  it('accepts one plain address, including plus tags, apostrophes and Unicode domains', () => {
    for (const address of [
      'anna@rezeknesnovads.lv',
      'j.berzins+tilts@example.org',
      "o'brien@mail.ie",
      'info@pašvaldība.lv',
    ])
      assert.equal(isSingleAddress(address), true, address);
  });

  it('refuses line breaks, lists, display names and anything that is not one address', () => {
    for (const address of [
      'anna@example.lv\r\nBcc: all@example.lv',
      'anna@example.lv\nBcc: all@example.lv',
      'anna@example.lv%0d%0aBcc:x@y.lv\r',
      'anna@example.lv, janis@example.lv',
      'anna@example.lv;janis@example.lv',
      'Anna <anna@example.lv>',
      '"anna"@example.lv',
      'anna@@example.lv',
      'anna@example.lv@evil.lv',
      'anna@localhost',
      'anna@127.0.0.1',
      ' anna@example.lv',
      'anna @example.lv',
      '.anna@example.lv',
      'anna..b@example.lv',
      `${'a'.repeat(65)}@example.lv`,
      '',
    ])
      assert.equal(isSingleAddress(address), false, JSON.stringify(address));
  });

  it('refuses a display name with a line break or over its length', () => {
    assert.throws(() => assertHeaderText('Anna\r\nBcc: x@y.lv', 'to name'), UnsafeHeaderError);
    assert.throws(() => assertHeaderText('Anna\u2028Bērziņa', 'to name'), UnsafeHeaderError);
    assert.throws(() => assertHeaderText('A'.repeat(201), 'to name', 200), UnsafeHeaderError);
    assert.equal(assertHeaderText('Bērziņa, Anna', 'to name'), 'Bērziņa, Anna');
  });

  it('refuses extra headers that are malformed, multi-line or the composer’s own', () => {
    assert.throws(() => assertExtraHeaders({ 'X-Ok': 'a\r\nBcc: x@y.lv' }), UnsafeHeaderError);
    assert.throws(() => assertExtraHeaders({ 'Bad Name': 'x' }), UnsafeHeaderError);
    assert.throws(() => assertExtraHeaders({ 'X-A:B': 'x' }), UnsafeHeaderError);
    assert.throws(() => assertExtraHeaders({ bcc: 'x@y.lv' }), UnsafeHeaderError);
    assert.throws(() => assertExtraHeaders({ 'Message-ID': '<x@y>' }), UnsafeHeaderError);
    assert.deepEqual(assertExtraHeaders({ 'X-Tilts-Report': 'RZN-2026-00042' }), {
      'X-Tilts-Report': 'RZN-2026-00042',
    });
  });

  it('turns any text into one header line and shortens it with an ellipsis', () => {
    assert.equal(toHeaderLine('Bedre\r\nBcc: x@y.lv\u0000 ceļā', 100), 'Bedre Bcc: x@y.lv ceļā');
    assert.equal(toHeaderLine('abcdefghij', 5), 'abcd…');
  });

  it('builds one-click List-Unsubscribe headers from a URL (RFC 8058)', () => {
    assert.deepEqual(listUnsubscribeHeaders('https://tilts.example.org/unsubscribe/abc?x=1'), {
      'List-Unsubscribe': '<https://tilts.example.org/unsubscribe/abc?x=1>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    assert.throws(() => listUnsubscribeHeaders('javascript:alert(1)'), UnsafeHeaderError);
    assert.throws(() => listUnsubscribeHeaders('/relative'), UnsafeHeaderError);
    const sneaky = listUnsubscribeHeaders('https://tilts.example.org/u/a>\r\nBcc: x@y.lv');
    assert.doesNotMatch(sneaky['List-Unsubscribe']!, /[\r\n]|>.*>/);
  });

  it('takes the Message-ID domain from PUBLIC_URL, or from MAIL_FROM when PUBLIC_URL is localhost', () => {
    assert.equal(messageIdDomain('https://tilts.rezeknesnovads.lv', 'x@other.lv'), 'tilts.rezeknesnovads.lv');
    assert.equal(
      messageIdDomain('http://localhost:3000', 'tilts@rezeknesnovads.example.org'),
      'rezeknesnovads.example.org',
    );
    assert.equal(messageIdDomain('http://127.0.0.1:3000', 'tilts@example.org'), 'example.org');
  });

  it('makes a new, well-formed Message-ID every time', () => {
    const a = newMessageId('tilts.example.org');
    assert.match(a, /^<[A-Za-z0-9_-]{24}@tilts\.example\.org>$/);
    assert.notEqual(a, newMessageId('tilts.example.org'));
  });
});
