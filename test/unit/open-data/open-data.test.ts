import assert from 'node:assert/strict';
import { XMLValidator } from 'fast-xml-parser';
import { robotsTxt } from '../../../src/open-data/robots.js';
import { PublicWords, type Writer } from '../../../src/reports/public-words.js';
import {
  sitemapIndex,
  urlEntry,
  URLSET_END,
  URLSET_START,
  xmlEscape,
} from '../../../src/open-data/sitemap.js';
import { csvDocument, csvRows } from '../../../src/web/csv.js';

const settings = { publicUrl: 'https://tilts.example.org', inboundDomain: 'tilts.example.org' };
const writer = { name: 'Anna  Liepa', email: 'anna@example.org', phone: '+371 2912 3456' };
/** The words as every public surface masks them (PublicWords, with this installation's settings). */
const scrubText = (text: string, who: Writer, where: typeof settings) => new PublicWords(where).of(text, who);

describe('the words open data publishes', () => {
  it('masks email addresses, phone numbers and the reporter’s own number in any spacing', () => {
    assert.equal(
      scrubText(
        'Rakstiet anna@example.org vai ziņu@example.org, zvaniet 29-123-456 vai 64 612 345.',
        writer,
        settings,
      ),
      'Rakstiet […] vai […], zvaniet […] vai […].',
    );
  });

  it('masks the reporter’s full name however it is declined, cased or spaced, and leaves other words alone', () => {
    assert.equal(scrubText('Es, ANNA LIEPA, un anna\nliepa.', writer, settings), 'Es, […], un […].');
    assert.equal(
      scrubText('Annas Liepas iela, Annai Liepai, Liepa pie skolas, Anna no Liepājas', writer, settings),
      '[…] iela, […], Liepa pie skolas, Anna no Liepājas',
    );
    const janis = { name: 'Jānis Kalniņš', email: null, phone: null };
    assert.equal(
      scrubText(
        'Es esmu Jānis Kalniņš. Pie Jāņa Kalniņa mājas, JĀNIM KALNIŅAM zināms. Kalniņš zina.',
        janis,
        settings,
      ),
      'Es esmu […]. Pie […] mājas, […] zināms. Kalniņš zina.',
    );
    // A name given in capitals on the form is found declined all the same.
    assert.equal(
      scrubText('Pie Jāņa Kalniņa mājas', { ...janis, name: 'JĀNIS KALNIŅŠ' }, settings),
      'Pie […] mājas',
    );
    // Other people's names, and words that only begin like the name, stay.
    assert.equal(
      scrubText('Jānis Ozols un Pēteris Kalniņš; janvārī Kalnina ielā', janis, settings),
      'Jānis Ozols un Pēteris Kalniņš; janvārī Kalnina ielā',
    );
    // One word alone is too common a word to mask everywhere.
    assert.equal(scrubText('Liepa nokrita', { ...writer, name: 'Liepa' }, settings), 'Liepa nokrita');
    assert.equal(scrubText('Kaut kas (x+y)', { ...writer, name: 'x+y (z)' }, settings), 'Kaut kas (x+y)');
  });

  it('masks a name whose stem changes when declined, a double surname, and the surname written first', () => {
    const words = new PublicWords(settings);
    const named = (name: string) => ({ name, email: null, phone: null });
    for (const [name, text] of [
      ['Dāvis Gulbis', 'Pie Dāvja Gulbja mājas'],
      ['Jānis Briedis', 'Pie Jāņa Brieža mājas'],
      ['Pēteris Kalnietis', 'Pie Pētera Kalnieša mājas'],
      ['Ilze Kalniņa-Ozola', 'Pie Ilzes Kalniņas-Ozolas mājas'],
      ['Ilze Kalniņa', 'Pie Kalniņas Ilzes mājas'],
      // A stem of three letters whose last one changes: the pre-check must not miss it.
      ['Dīdis Ozols', 'Pie Dīža Ozola mājas'],
      // The same writer again, and a name that only differs in case: each is its own.
      ['Dāvis Gulbis', 'Pie DĀVJA GULBJA mājas'],
      ['dāvis gulbis', 'Pie Dāvja Gulbja mājas'],
    ])
      assert.equal(words.of(text!, named(name!)), 'Pie […] mājas', `${name}: ${text}`);
    // Others of the same family, or a first name alone, stay.
    assert.equal(words.of('Pie Annas Gulbjas mājas', named('Dāvis Gulbis')), 'Pie Annas Gulbjas mājas');
    assert.equal(words.of('Dāvis palīdzēja', named('Dāvis Gulbis')), 'Dāvis palīdzēja');
  });

  it('keeps sums, dates and report numbers', () => {
    const text = 'Remonts 2026-05-01 par 22 000 000 EUR, skat. RZN-2026-00042.';
    assert.equal(scrubText(text, { name: null, email: null, phone: null }, settings), text);
  });
});

describe('the sitemap and robots.txt', () => {
  it('escapes addresses so any query or odd character stays valid XML', () => {
    assert.equal(xmlEscape(`/a?b=1&c='"<>`), '/a?b=1&amp;c=&apos;&quot;&lt;&gt;');
    const xml = `${URLSET_START}${urlEntry('https://x.example/r?a=1&b=2', new Date(Date.UTC(2026, 0, 2)))}${URLSET_END}`;
    assert.equal(XMLValidator.validate(xml), true);
    assert.match(xml, /<lastmod>2026-01-02T00:00:00\.000Z<\/lastmod>/);
    assert.equal(XMLValidator.validate(sitemapIndex('https://x.example', 2)), true);
  });

  it('names the sitemap by its absolute address and disallows no public page', () => {
    const robots = robotsTxt('https://tilts.example.org');
    assert.match(robots, /^Sitemap: https:\/\/tilts\.example\.org\/sitemap\.xml$/m);
    for (const open of ['/reports', '/help', '/open-data', '/reports/RZN-2026-00001'])
      assert.ok(!robots.split('\n').some((line) => line === `Disallow: ${open}`), open);
  });
});

describe('a CSV written in parts', () => {
  it('is the same document as written at once', () => {
    const rows = [
      ['=1+1', '+371 20000000', 'a "quote"'],
      ['x', null, 3],
    ];
    assert.equal(
      csvDocument(['a', 'b', 'c'], []) + csvRows(rows.slice(0, 1)) + csvRows(rows.slice(1)),
      csvDocument(['a', 'b', 'c'], rows),
    );
    assert.equal(csvRows([]), '');
  });
});
