import assert from 'node:assert/strict';
import request from 'supertest';
import { makeApp, type TestContext } from '../support/app.js';
import { makeReport } from '../support/reports.js';

/** The address of every link (`<a href>`) on a page whose data-qa is `qa`, entities decoded. */
const hrefOf = (html: string, qa: string): string => {
  const found = new RegExp(`<a [^>]*href="([^"]*)"[^>]*data-qa="${qa}"`).exec(html);
  assert.ok(found, `a link ${qa}`);
  return found[1]!.replaceAll('&amp;', '&');
};

/**
 * The addresses of every link on the page to one of this site's pages: not a file or a feed (their
 * links have their own tests), nor the language switcher's (`hreflang`), which names each language.
 */
const pageLinks = (html: string): string[] =>
  [...html.matchAll(/<a ([^>]*)>/g)]
    .map((match) => match[1]!)
    .filter((attributes) => !attributes.includes('hreflang='))
    .map((attributes) => /href="(\/(?:[^"/][^"]*)?)"/.exec(attributes)?.[1]?.replaceAll('&amp;', '&'))
    .filter((href): href is string => href !== undefined)
    .filter((href) => !/^\/(static|feeds|open-data\/reports\.|map\/|photos)/.test(href))
    .filter((href) => !/\.(csv|json|atom|rss)(\?|$)/.test(href));

describe('a link between public pages carries the language chosen by ?lang=, no cookie needed', () => {
  let context: TestContext;
  let ref: string;
  before(async () => {
    context = await makeApp();
    const made = await makeReport(context.services, { title: 'Bedre Kaunatā', parish: 'kaunatas' });
    ref = made.report.ref;
  });

  // Each request is fresh (no agent): nothing remembers the language between them.
  const page = async (path: string) => (await request(context.app).get(path).expect(200)).text;

  it('the list links to the map, and the map back to the list, in English', async () => {
    const list = await page('/reports?parish=kaunatas&lang=en');
    assert.equal(hrefOf(list, 'map-link'), '/map?parish=kaunatas&lang=en');
    assert.match(list, new RegExp(`href="/reports/${ref}\\?lang=en"`));
    const map = await page('/map?parish=kaunatas&lang=en');
    assert.equal(hrefOf(map, 'plain-list-link'), '/reports?parish=kaunatas&lang=en');
  });

  it('the list filter form and the statistics period form send the language', async () => {
    const hidden = '<input type="hidden" name="lang" value="ru">';
    assert.ok((await page('/reports?lang=ru')).includes(hidden));
    assert.ok((await page('/statistics?lang=ru')).includes(hidden));
  });

  it('the statistics page links to each parish and apvienība page in English', async () => {
    const html = await page('/statistics?lang=en');
    assert.match(html, /href="\/parishes\/kaunatas\?lang=en"/);
    assert.match(html, /href="\/apvienibas\/kaunatas\?lang=en"/);
    const place = await page('/parishes/kaunatas?lang=en');
    assert.equal(hrefOf(place, 'reports-link'), '/reports?parish=kaunatas&lang=en');
    assert.equal(hrefOf(place, 'statistics-link'), '/statistics?lang=en');
  });

  for (const path of ['/', '/reports', '/map', '/statistics', '/parishes/kaunatas', '/help', '/open-data']) {
    it(`every link from ${path} to another page says lang=en in English and nothing in Latvian`, async () => {
      const english = pageLinks(await page(`${path}?lang=en`));
      assert.ok(english.length > 5, `${path} has links`);
      for (const href of english) assert.match(href, /[?&]lang=en(&|#|$)/, `${path}: ${href}`);
      const latvian = pageLinks(await page(path));
      assert.equal(latvian.length, english.length, `${path}: the same links`);
      for (const href of latvian) assert.doesNotMatch(href, /[?&]lang=/, `${path}: ${href}`);
    });
  }

  it('in Latvian the list, the map and the statistics link without a language', async () => {
    const list = await page('/reports?parish=kaunatas');
    assert.equal(hrefOf(list, 'map-link'), '/map?parish=kaunatas');
    assert.match(list, new RegExp(`href="/reports/${ref}"`));
    assert.ok(!list.includes('name="lang"'));
    const map = await page('/map?parish=kaunatas');
    assert.equal(hrefOf(map, 'plain-list-link'), '/reports?parish=kaunatas');
    const statistics = await page('/statistics');
    assert.match(statistics, /href="\/parishes\/kaunatas"/);
    assert.ok(!statistics.includes('name="lang"'));
  });
});
