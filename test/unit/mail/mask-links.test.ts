import assert from 'node:assert/strict';
import { MASK, holdsContactOrLink, maskLinks } from '../../../src/mail/inbound/mask.js';
import { assertLinearGrowth } from '../../support/growth.js';

describe('an organisation’s public name: no link, no contact', () => {
  it('masks every link, public ones too, and a bare domain with or without a path', () => {
    assert.equal(maskLinks('Kaimiņi https://evil.example/pay.'), `Kaimiņi ${MASK}.`);
    assert.equal(maskLinks('Kaimiņi www.kaimini.lv, Rēzekne'), `Kaimiņi ${MASK}, Rēzekne`);
    assert.equal(maskLinks('Kaimiņi kaimini.lv/par-mums'), `Kaimiņi ${MASK}`);
    assert.equal(maskLinks('Kaimiņi ｈｔｔｐｓ：／／evil.example'), `Kaimiņi ${MASK}`);
  });

  it('leaves a name with initials, dots and numbers alone', () => {
    for (const name of ['Biedrība “R.Blaumaņa 2000”', 'Sv. Jāņa draudze', 'SIA Palīgs 2.0', 'Kaimiņi ārā'])
      assert.equal(maskLinks(name), name);
  });

  it('tells a name holding a phone number, an email address or a link from one that holds none', () => {
    for (const name of [
      'Zvaniet 29123456',
      'Palīgi, tālr. 6460 0000',
      'janis@example.org',
      'janis (at) example (dot) org',
      'https://evil.example',
      'kaimini.lv',
    ])
      assert.equal(holdsContactOrLink(name), true, name);
    for (const name of ['Biedrība Kaimiņi', 'Sv. Jāņa draudze', 'Biedrība “R.Blaumaņa 2000”'])
      assert.equal(holdsContactOrLink(name), false, name);
  });

  it('takes time in proportion to the text, however it is crafted', () => {
    // 4,000 and 40,000 characters: the bare-address pattern backtracks over every label, and what
    // it keeps for 200,000 of them no longer fits the core's own cache (read at 400,000, linear
    // work measured 73× after heavy tests while the collector marked their heap).
    assertLinearGrowth('labels', (scale) => 'a.'.repeat(2_000 * scale) + 'x', maskLinks);
    assertLinearGrowth('words', (scale) => 'a- '.repeat(20_000 * scale) + '.lv', holdsContactOrLink);
    // Every word an address: each is hidden once, not the whole text copied for each.
    assertLinearGrowth('addresses', (scale) => 'x:a.click '.repeat(500 * scale), maskLinks);
  });
});
