import assert from 'node:assert/strict';
import { redirectWithLanguage } from '../../../src/web/language-redirect.js';

describe('a redirect of this site after a request in a language', () => {
  it('carries English or Russian as a link does, before any fragment and after any query', () => {
    assert.equal(redirectWithLanguage('/reports/sent', 'en'), '/reports/sent?lang=en');
    assert.equal(redirectWithLanguage('/reports/sent?private=1', 'ru'), '/reports/sent?private=1&lang=ru');
    assert.equal(
      redirectWithLanguage('/reports/RZN-2026-00001?token=a%2Bb&done=comment#timeline', 'en'),
      '/reports/RZN-2026-00001?token=a%2Bb&done=comment&lang=en#timeline',
    );
    assert.equal(redirectWithLanguage('/staff#main', 'ru'), '/staff?lang=ru#main');
  });

  it('keeps a language the address names already', () => {
    assert.equal(redirectWithLanguage('/staff/sign-in/sent?lang=ru', 'en'), '/staff/sign-in/sent?lang=ru');
  });

  it('says nothing when the links name no language (Latvian on a Latvian browser), as a link does not', () => {
    assert.equal(redirectWithLanguage('/reports/sent?private=1', undefined), '/reports/sent?private=1');
    assert.equal(redirectWithLanguage('/reports/sent#x', undefined), '/reports/sent#x');
  });

  it('carries Latvian when the links name it (chosen on a browser that asks for another)', () => {
    assert.equal(redirectWithLanguage('/reports/sent?private=1', 'lv'), '/reports/sent?private=1&lang=lv');
  });

  it('leaves another site’s address alone, however it is written', () => {
    for (const url of [
      'https://example.org/x',
      '//example.org/x',
      '/\\example.org/x',
      'mailto:someone@example.org',
    ])
      assert.equal(redirectWithLanguage(url, 'en'), url);
  });
});
