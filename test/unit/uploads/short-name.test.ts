import assert from 'node:assert/strict';
import { shortName } from '../../../src/photos/messages.js';

describe('shortName', () => {
  it('keeps a name of up to 80 characters as it is', () => {
    assert.equal(shortName('Ūdens ielā.jpg'), 'Ūdens ielā.jpg');
    assert.equal(shortName('a'.repeat(80)), 'a'.repeat(80));
  });

  it('cuts a longer one to 79 characters and an ellipsis, never in the middle of an emoji', () => {
    assert.equal(shortName('a'.repeat(81)), `${'a'.repeat(79)}…`);
    const cut = shortName(`${'a'.repeat(78)}📷📷📷.jpg`);
    assert.equal(cut, `${'a'.repeat(78)}📷…`);
    assert.equal(Buffer.from(cut).toString(), cut, 'no lone surrogate, which UTF-8 cannot carry');
  });

  it('leaves out control characters and the marks that turn the text around', () => {
    assert.equal(shortName('bilde\u202Egpj.exe'), 'bildegpj.exe');
    assert.equal(shortName('a\u0000b\u0007\u2066c\u2069\u200F.jpg'), 'abc.jpg');
  });
});
