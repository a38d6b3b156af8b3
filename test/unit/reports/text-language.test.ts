import assert from 'node:assert/strict';
import { textLanguage } from '../../../src/reports/text-language.js';

describe('the language of a resident’s or a parish’s words', () => {
  it('reads a short Latvian answer that trigrams take for English as Latvian, by its letters', () => {
    assert.equal(textLanguage('Fonārs nomainīts, skat. foto.', 'en'), 'lv');
    assert.equal(textLanguage('Bedre aizbērta, paldies par ziņu.', 'en'), 'lv');
  });

  it('reads a short Latvian answer typed without its letters as Latvian, and short English as English', () => {
    assert.equal(textLanguage('Bedre salabota.', 'lv'), 'lv');
    assert.equal(textLanguage('Bedre salabota.', 'ru'), 'lv');
    assert.equal(textLanguage('Fixed today.', 'lv'), 'en');
    assert.equal(textLanguage('The road is fixed.', 'lv'), 'en');
  });

  it('keeps English that names a Latvian place, and Russian and English as they are', () => {
    assert.equal(textLanguage('The road to Bērzgale is broken again after the rain.', 'lv'), 'en');
    assert.equal(textLanguage('Яма на дороге у школы, очень глубокая.', 'lv'), 'ru');
    assert.equal(textLanguage('The street light by the school is out again.', 'lv'), 'en');
  });

  it('reads Russian with an address, a link or a number in it as Russian, and a short one by its letters', () => {
    assert.equal(textLanguage('Есть машина. Звоните +371 29990001 или ilze.zarina@example.org.', 'lv'), 'ru');
    assert.equal(textLanguage('Вожу по субботам, см. https://example.org/about', 'en'), 'ru');
    assert.equal(textLanguage('Я Ilze Zariņa, звоните 29990001', 'lv'), 'ru');
    assert.equal(textLanguage('Помогу', 'lv'), 'ru');
    assert.equal(textLanguage('Braucu uz Rēzekni sestdienās, rakstiet ilze@example.org.', 'en'), 'lv');
    assert.equal(
      textLanguage('Pie veikala Иван Петров atstāja mašīnu uz ietves jau trešo dienu.', 'en'),
      'lv',
    );
  });

  it('keeps the writer’s language for a text too short to tell', () => {
    assert.equal(textLanguage('OK', 'ru'), 'ru');
    assert.equal(textLanguage('', 'lv'), 'lv');
  });
});
