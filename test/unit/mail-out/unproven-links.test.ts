import assert from 'node:assert/strict';
import { holdsContactOrLink } from '../../../src/mail/inbound/mask.js';
import { hideLinksAndContacts } from '../../../src/mail/unproven.js';

/*
 * What an email to an unproven address hides of a web address written without https:// or www.
 * (src/mail/inbound/bare-links.ts), and the words with a dot in them it keeps.
 */
const hide = (text: string) => hideLinksAndContacts(text, '[hidden]').text;

function assertHidden(cases: [string, string][]) {
  for (const [text, shown] of cases) assert.equal(hide(text), shown, text);
}

function assertKept(texts: string[]) {
  for (const text of texts) assert.deepEqual(hideLinksAndContacts(text, '[hidden]'), { text, hidden: false });
}

describe('a bare web address in the words of an email to an unproven address', () => {
  it('hides a name of any ending IANA lists, common or not', () => {
    assertHidden([
      ['Piesakieties kaimini.lv vai evil.com', 'Piesakieties [hidden] vai [hidden]'],
      ['Piesakieties evil.click', 'Piesakieties [hidden]'],
      ['Maksājiet pay-here.support', 'Maksājiet [hidden]'],
      ['Skat. rezekne-novads.help', 'Skat. [hidden]'],
      ['Bilde: lejupielade.zip', 'Bilde: [hidden]'],
      ['Sk. secure.login.evil.co.uk', 'Sk. [hidden]'],
      ['Rēzeknes nov.lv', 'Rēzeknes [hidden]'],
      ['EVIL.CLICK un Evil.Click', '[hidden] un [hidden]'],
      ['Sk. 163.com', 'Sk. [hidden]'],
    ]);
  });

  it('hides an address in Latvian or Cyrillic letters, and one in punycode', () => {
    assertHidden([
      ['Pārbaudiet pārbaude.lv', 'Pārbaudiet [hidden]'],
      ['Войдите в банк.рф или БАНК.РФ', 'Войдите в [hidden] или [hidden]'],
      ['Сайт: госуслуги.онлайн', 'Сайт: [hidden]'],
      ['Ieejiet login.xn--p1ai', 'Ieejiet [hidden]'],
      ['Ieejiet xn--80ak6aa92e.com', 'Ieejiet [hidden]'],
    ]);
  });

  it('hides an address with its port, path, query and fragment, and leaves the punctuation around it', () => {
    assertHidden([
      ['Sk. evil.click:8080/login', 'Sk. [hidden]'],
      ['Sk. evil.click/pay?sum=10&to=x#top.', 'Sk. [hidden].'],
      ['Sk. банк.рф/вход!', 'Sk. [hidden]!'],
      ['Sk. 185.12.3.4:8080/login un 185.12.3.4/x', 'Sk. [hidden] un [hidden]'],
      [
        '(evil.click) [evil.click] {evil.click} «evil.click» “evil.click”',
        '([hidden]) [[hidden]] {[hidden]} «[hidden]» “[hidden]”',
      ],
      ['Piesakieties evil.click. Paldies!', 'Piesakieties [hidden]. Paldies!'],
      ['evil.click, evil.click; evil.click: evil.click?', '[hidden], [hidden]; [hidden]: [hidden]?'],
    ]);
  });

  it('hides an address written to slip past: a dot in brackets, an invisible character, a sign against it', () => {
    assertHidden([
      ['Sk. evil[.]click', 'Sk. [hidden]'],
      ['Sk. evil(.)click un evil{.}click', 'Sk. [hidden] un [hidden]'],
      ['Sk. evil [dot] click/login', 'Sk. [hidden]'],
      ['Sk. evil(punkts)click un банк(точка)рф', 'Sk. [hidden] un [hidden]'],
      ['Sk. evil.cl\u00adick un evil.\u200bclick', 'Sk. [hidden] un [hidden]'],
      ['Sk:evil.click/login', 'Sk:[hidden]'],
      ['hxxps://evil.click/x', 'hxxps://[hidden]'],
      ['_evil.click_', '_[hidden]_'],
      ['(@evil.click)', '(@[hidden])'],
      ['Sk. evil.click- un --evil.click', 'Sk. [hidden]- un --[hidden]'],
      ['Skatiet...evil.click', 'Skatiet...[hidden]'],
      ['Ieejiet evil.click.Tālāk', 'Ieejiet [hidden].Tālāk'],
      ['ｅｖｉｌ．ｃｌｉｃｋ', '[hidden]'],
    ]);
  });

  it('hides a word joined to the next sentence when that word is an ending: case changes no address', () => {
    // "ir" is Iran's, "no" Norway's: kept, "Evil.No" would pass as well as "bedre.Ir".
    assertHidden([
      ['Liela bedre.Ir bīstami.', 'Liela [hidden] bīstami.'],
      ['Ceļš salūza.No rīta', 'Ceļš [hidden] rīta'],
    ]);
  });

  it('keeps a dot with a space beside it: that is how a sentence ends, and no mail program links it', () => {
    assertKept(['Sk. evil . click', 'Bedre ceļa vidū. Ir bīstami', 'Liela bedre .Ir bīstami']);
  });

  it('keeps Latvian and Russian abbreviations, and words joined by a dot whose end is no domain', () => {
    assertKept([
      'Bedres, t.sk. divas lielas, u.c. bojājumi',
      't.i. pie skolas, u.tml., utt.',
      'Kaunatas pag.centrs, Rēzeknes nov., Nr.5',
      'sk.3, pag.padome, Sv.Jāņa iela',
      'R.Blaumaņa iela 5, J.Raiņa iela',
      'т.е. у дома, и т.д., т.к. темно, ул.Ленина, г.Резекне, г.Москва',
      '19.gs. sākumā, uz 12.km, 3.st., 2.dz.',
      'Liela bedre.Ceļš slikts.Lūdzu salabot',
      'Дом.Там яма',
    ]);
  });

  it('keeps numbers with dots: decimals, dates, times, versions, clauses and report numbers', () => {
    assertKept([
      'Bedre 3.5 m plata un 0.3 m dziļa',
      'Kopš 7.12.2026 un 23.11.2026.',
      'Plkst. 10.30 un 10:30',
      'Lietotne v1.2 un v1.2.3',
      'Saskaņā ar 3.1.2.1. apakšpunktu',
      'Pieteikums RZN-2026-00042',
      'Summa 1.500,00 EUR',
    ]);
  });

  it('refuses a name holding a bare address of any ending, and not one holding an abbreviation', () => {
    for (const name of ['Kaimiņi evil.click', 'pay-here.support', 'pārbaude.lv', 'банк.рф', 'evil[.]click'])
      assert.equal(holdsContactOrLink(name), true, name);
    for (const name of ['Biedrība “Kaimiņi”, t.sk. jaunieši', 'Kaunatas pag.centrs', 'ООО «Дом», г.Москва'])
      assert.equal(holdsContactOrLink(name), false, name);
  });
});
