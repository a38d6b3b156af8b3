import assert from 'node:assert/strict';
import { escapeHtml } from '../../../src/web/compile-template.js';
import { maskWhole } from '../../../src/mail/erasure.js';

/**
 * One masking for every place an erased person is taken out of mail: their address as a whole
 * address only (another person's address may end as theirs), their name and phone as whole words.
 */
describe('maskWhole: an erased person out of a text, and no one else', () => {
  const ANNA = 'anna.berzina@example.org';

  it('masks the address whole, whatever its capitals, with a full stop after it', () => {
    assert.equal(
      maskWhole('Rakstīja Anna.Berzina@Example.org. Atbildi <anna.berzina@example.org>', [ANNA]),
      'Rakstīja […]. Atbildi <[…]>',
    );
  });

  it('leaves alone an address that only ends or begins as hers', () => {
    for (const other of [
      'dianna.berzina@example.org',
      'd.anna.berzina@example.org',
      'di-anna.berzina@example.org',
      'di_anna.berzina@example.org',
      'di+anna.berzina@example.org',
      'anna.berzina@example.org.lv',
    ])
      assert.equal(maskWhole(`Kopija: ${other}`, [ANNA, 'Anna Bērziņa']), `Kopija: ${other}`, other);
  });

  it('masks her name, address and phone together, the address not split by the name in it', () => {
    const said = ['anna', ANNA, '+371 26660002'];
    assert.equal(
      maskWhole(
        'Anna (anna.berzina@example.org, +371 26660002) raksta; kopija d.anna.berzina@example.org',
        said,
      ),
      '[…] ([…], […]) raksta; kopija d.anna.berzina@example.org',
    );
    assert.equal(maskWhole('Joprojām gaida Jo.', ['Jo']), 'Joprojām gaida […].');
  });

  it('leaves her name alone inside the domain of someone else’s address', () => {
    for (const other of ['info@anna.lv', 'pasts@sveiki.anna.lv', 'pasts@anna-berzina.lv'])
      assert.equal(maskWhole(`Kopija: ${other}; Anna`, ['Anna']), `Kopija: ${other}; […]`, other);
  });

  it('masks the HTML-escaped forms in an email’s HTML', () => {
    const address = "o'anna@example.org";
    const html = `<a href="mailto:${escapeHtml(address)}">${escapeHtml(address)}</a>, d.${escapeHtml(address)}`;
    assert.equal(
      maskWhole(html, [escapeHtml(address)]),
      `<a href="mailto:[…]">[…]</a>, d.${escapeHtml(address)}`,
    );
  });
});
