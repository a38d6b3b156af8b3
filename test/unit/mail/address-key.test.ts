import assert from 'node:assert/strict';
import {
  addressKey,
  addressSpellings,
  asciiDomain,
  sameAddress,
  storedAddress,
} from '../../../src/mail/address-key.js';

describe('addresses compared in one form, whatever the spelling of their domain', () => {
  it('spells a domain with non-Latin letters in punycode, lower case', () => {
    assert.equal(asciiDomain('Rēzekne.Example.'), 'xn--rzekne-p3a.example');
    assert.equal(asciiDomain('example.org'), 'example.org');
    assert.equal(addressKey('Pagasts@RĒZEKNE.example'), 'pagasts@xn--rzekne-p3a.example');
  });

  it('takes the two spellings of one address as one, and no other address', () => {
    assert.equal(sameAddress('pagasts@rēzekne.example', 'PAGASTS@xn--rzekne-p3a.example'), true);
    assert.equal(sameAddress('pagasts@rēzekne.example', 'pagasts@rezekne.example'), false);
    assert.equal(sameAddress('', ''), true);
  });

  it('lists the spellings a stored address may have', () => {
    assert.deepEqual(addressSpellings('Pagasts@xn--rzekne-p3a.example').sort(), [
      'pagasts@rēzekne.example',
      'pagasts@xn--rzekne-p3a.example',
    ]);
    assert.deepEqual(addressSpellings('kaunata@example.org'), ['kaunata@example.org']);
  });

  it('keeps an address in one form: lower case by JavaScript, its domain in Unicode letters', () => {
    for (const typed of [
      'Ārija@ĀBOLS.Example.org',
      'ārija@ābols.example.org.',
      ' ĀRIJA@xn--bols-psa.EXAMPLE.org ',
    ])
      assert.equal(storedAddress(typed), 'ārija@ābols.example.org');
    assert.equal(storedAddress('Anna@Example.org'), 'anna@example.org');
    // A domain IDNA refuses is only lower-cased.
    assert.equal(storedAddress('Anna@Bad_Domain.Example'), 'anna@bad_domain.example');
  });
});
