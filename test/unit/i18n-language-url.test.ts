import assert from 'node:assert/strict';
import { addLanguage } from '../../src/i18n/language-url.js';
import { withLanguage as emailLink } from '../../src/mail/outbox.js';
import { languageUrls, withLanguage } from '../../src/web/i18n.js';

describe('a link that keeps its language: one way of adding lang=', () => {
  it('adds lang to the query, before any fragment, and keeps a language the link names already', () => {
    assert.equal(addLanguage('/reports', 'en'), '/reports?lang=en');
    assert.equal(addLanguage('/reports?parish=kaunatas', 'ru'), '/reports?parish=kaunatas&lang=ru');
    assert.equal(
      addLanguage('/reports/RZN-2026-00001#photos', 'en'),
      '/reports/RZN-2026-00001?lang=en#photos',
    );
    assert.equal(addLanguage('/reports?page=2#top?x', 'lv'), '/reports?page=2&lang=lv#top?x');
    assert.equal(addLanguage('/reports?status=open&lang=ru', 'en'), '/reports?status=open&lang=ru');
    assert.equal(addLanguage('/reports?lang=ru', 'en'), '/reports?lang=ru');
    // Only a parameter called lang counts, not one that ends so, nor one in the fragment.
    assert.equal(addLanguage('/reports?slang=1', 'en'), '/reports?slang=1&lang=en');
    assert.equal(addLanguage('/help#lang=ru', 'en'), '/help?lang=en#lang=ru');
    assert.equal(addLanguage('http://tilts.test/?a=b', 'lv'), 'http://tilts.test/?a=b&lang=lv');
  });

  it('is what a page, an email and the language switcher add, each by its own rule', () => {
    // A page's link: nothing for Latvian, the default.
    assert.equal(withLanguage('/map?parish=maltas', 'lv'), '/map?parish=maltas');
    assert.equal(withLanguage('/map?parish=maltas', 'en'), '/map?parish=maltas&lang=en');
    assert.equal(
      withLanguage('/reports/RZN-2026-00001#photos', 'ru'),
      '/reports/RZN-2026-00001?lang=ru#photos',
    );
    // An email's: Latvian too, only links to this site, a whole address as the parser writes it.
    const site = 'http://tilts.test';
    assert.equal(emailLink(site, site, 'lv'), 'http://tilts.test/?lang=lv');
    assert.equal(emailLink(`${site}/reports/X#a`, site, 'en'), 'http://tilts.test/reports/X?lang=en#a');
    assert.equal(emailLink(`${site}/r?token=a%2Bb&lang=ru`, site, 'en'), `${site}/r?token=a%2Bb&lang=ru`);
    assert.equal(emailLink('https://elsewhere.example/x', site, 'en'), 'https://elsewhere.example/x');
    // The switcher's: a plain path as addLanguage makes it; any other replaces the language.
    assert.equal(languageUrls('/reports/new').ru, addLanguage('/reports/new', 'ru'));
    assert.equal(languageUrls('/reports?lang=ru').en, '/reports?lang=en');
  });
});
