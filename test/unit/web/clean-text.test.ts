import assert from 'node:assert/strict';
import { cleanAddress, cleanLine, cleanText } from '../../../src/web/clean-text.js';

describe('cleanText and cleanLine: what a person typed, safe to keep', () => {
  it('takes out control characters and bidi overrides, and unifies line ends', () => {
    assert.equal(cleanText('a\u0000b\u202ec\r\nd\u2028e'), 'abc\nd\ne');
    assert.equal(cleanLine('  Jānis \n Bērziņš\t'), 'Jānis Bērziņš');
  });

  it('takes out U+FFFE and U+FFFF, which an XML feed cannot carry', () => {
    assert.equal(cleanText('Bedre\uffff pie\ufffe skolas'), 'Bedre pie skolas');
  });

  it('makes text with nothing visible in it empty, so a required field refuses it', () => {
    for (const blank of [
      '\u200b\u200b\u200b',
      '\u200b\u00a0',
      '\u2060',
      '\u00ad',
      '\u200d \u200c',
      '\u3164',
      '\u2800\u2800',
      '\ufeff',
    ])
      assert.equal(cleanText(blank), '', JSON.stringify(blank));
  });

  it('keeps visible text as typed, invisible characters within it included', () => {
    assert.equal(cleanText('Bedre\u200b pie skolas'), 'Bedre\u200b pie skolas');
    assert.equal(cleanText('👩\u200d👩\u200d👧'), '👩\u200d👩\u200d👧');
    assert.equal(cleanText('Дерево'), 'Дерево');
    assert.equal(cleanText('.'), '.');
  });

  it('takes control characters out of an email address but keeps a line break, to be refused', () => {
    assert.equal(cleanAddress(' anna\u0000@example.lv\u0007 '), 'anna@example.lv');
    assert.equal(cleanAddress('anna@example.lv\r\nBcc: x@example.lv'), 'anna@example.lv\nBcc: x@example.lv');
    assert.equal(cleanAddress('anna\u2028@example.lv'), 'anna\u2028@example.lv');
  });
});
