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
