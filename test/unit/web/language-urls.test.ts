import assert from 'node:assert/strict';
import { languageLinks, languageUrl, languageUrls } from '../../../src/web/i18n.js';

describe("the language switcher's links", () => {
  it('keep the path and the other parameters, replacing any lang, for each language from one parse', () => {
    assert.deepEqual(languageUrls('/reports/RZN-2026-00001?token=a%2Bb&lang=ru&page=2'), {
      lv: '/reports/RZN-2026-00001?token=a%2Bb&lang=lv&page=2',
      en: '/reports/RZN-2026-00001?token=a%2Bb&lang=en&page=2',
      ru: '/reports/RZN-2026-00001?token=a%2Bb&lang=ru&page=2',
    });
    assert.deepEqual(languageUrls('/'), { lv: '/?lang=lv', en: '/?lang=en', ru: '/?lang=ru' });
    assert.equal(languageUrl('/reports?lang=lv&lang=en', 'ru'), '/reports?lang=ru');
  });

  it('are for a plain path what the URL parser makes of it, and any other path is parsed', () => {
    // What the parser makes of a path: the pathname without leading slashes or backslashes, then
    // the query with lang set.
    const parsed = (path: string, language: string) => {
      const url = new URL(path, 'http://placeholder');
      url.searchParams.set('lang', language);
      return `/${url.pathname.replace(/^[/\\]+/, '')}${url.search}`;
    };
    for (const path of [
      '',
      '/',
      '/a//b',
      '/reports/a.',
      '/reports',
      '/reports/',
      '/reports/new',
      '/reports/RZN-2026-00001',
      '/parishes/kaunatas',
      '/static/site.css',
      '/a_b~c/d-e.f',
      '/reports/../staff',
      '/reports/./new',
      '//evil.example/x',
      '/r%C4%93zekne',
      '/rēzekne',
      '/a b',
      '/reports/.hidden',
      '/reports?x=1',
      '/reports#top',
    ]) {
      const urls = languageUrls(path);
      for (const language of ['lv', 'en', 'ru'] as const)
        assert.equal(urls[language], parsed(path, language), `${path} in ${language}`);
    }
  });

  it('stay on this site for a path that a browser would read as another host', () => {
    for (const url of Object.values(languageUrls('/.//evil.example/x?y=1'))) assert.match(url, /^\/[^/\\]/);
    for (const url of Object.values(languageUrls('/\\\\evil.example/x'))) assert.match(url, /^\/[^/\\]/);
  });

  it('mark the current language', () => {
    assert.deepEqual(
      languageLinks('/help?lang=en', 'en').map((link) => [link.code, link.current]),
      [
        ['lv', false],
        ['en', true],
        ['ru', false],
      ],
    );
  });
});
