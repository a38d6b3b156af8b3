import assert from 'node:assert/strict';
import { generateKey, hashKey, looksLikeKey, prefixOf } from '../../../src/open311/keys/secret.js';

describe('Open311 API keys', () => {
  it('are 32 random bytes behind a prefix, different every time', () => {
    const one = generateKey();
    assert.match(one, /^tilts_[A-Za-z0-9_-]{43}$/);
    assert.notEqual(one, generateKey());
    assert.ok(looksLikeKey(one));
  });

  it('are kept as a SHA-256 and their first characters only', () => {
    const key = generateKey();
    assert.match(hashKey(key), /^[0-9a-f]{64}$/);
    assert.equal(hashKey(key), hashKey(key));
    assert.equal(prefixOf(key), key.slice(0, 12));
  });

  it('are not looked up when they cannot be one', () => {
    for (const value of [
      undefined,
      42,
      '',
      'tilts_short',
      `TILTS_${'a'.repeat(43)}`,
      `tilts_${'a'.repeat(43)}!`,
      ['x'],
    ])
      assert.ok(!looksLikeKey(value), String(value));
  });
});
