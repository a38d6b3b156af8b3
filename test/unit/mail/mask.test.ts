import assert from 'node:assert/strict';
import { MASK, maskPrivateDetails, maskReporterContact } from '../../../src/mail/inbound/mask.js';
import type { MaskContext } from '../../../src/mail/inbound/mask.js';
import { assertLinearGrowth } from '../../support/growth.js';

const context: MaskContext = { publicUrl: 'https://tilts.example.org', inboundDomain: 'tilts.example.org' };
const withReporter: MaskContext = {
  ...context,
  reporter: { email: 'Janis.Kalnins@Example.org', phone: '+371 29 123 456', name: 'Jānis Kalniņš' },
};
const mask = (text: string, given: MaskContext = context) => maskPrivateDetails(text, given);
const actionLink =
  'http://tilts.example.org/actions/RZN-2026-00042-3-resolved.lzx9q2.abcdefghijklmnopqrstuvwxyz012345';

describe('masking what a published reply must never show', () => {
  describe('e-mail addresses', () => {
    it('masks a plain address in a Latvian sentence', () => {
      assert.deepEqual(mask('Rakstiet anna.berzina@example.org, lūdzu.'), {
        text: `Rakstiet ${MASK}, lūdzu.`,
        masked: ['email'],
      });
    });

    it('masks mailto: links and addresses in angle brackets whole', () => {
      assert.equal(
        mask('Anna <anna@example.org> vai mailto:info@example.org').text,
        `Anna ${MASK} vai ${MASK}`,
      );
    });

    it('masks an address written as "(at)" or "[at] … [dot]"', () => {
      assert.equal(
        mask('Пишите info (at) example.org или info [at] example [dot] org.').text,
        `Пишите ${MASK} или ${MASK}.`,
      );
    });

    it('lists the kind once however many addresses it masked', () => {
      assert.deepEqual(mask('a@example.org, b@example.org').masked, ['email']);
    });

    it('calls an address at the inbound domain a reply address', () => {
      assert.deepEqual(mask('Tilts <r-rzn-2026-00042-aaaaaaaaaaaaaaaa@tilts.example.org> rakstīja'), {
        text: `Tilts ${MASK} rakstīja`,
        masked: ['reply-address'],
      });
    });

    it("recognises the reporter's own address in any letter case", () => {
      assert.deepEqual(mask('The resident (JANIS.KALNINS@example.ORG) agreed.', withReporter), {
        text: `The resident (${MASK}) agreed.`,
        masked: ['reporter-contact'],
      });
    });

    it('masks an address with a space beside its @, a full-width ＠ or a link-encoded %40', () => {
      assert.equal(
        mask('Rakstiet tester @ example.org, tester＠example.org vai tester%40example.org.').text,
        `Rakstiet ${MASK}, ${MASK} vai ${MASK}.`,
      );
      assert.deepEqual(mask('Mans: janis.kalnins ＠ example.org', withReporter), {
        text: `Mans: ${MASK}`,
        masked: ['reporter-contact'],
      });
    });

    it('masks an address spelled with a bare "at", and leaves a www. address and other "at"s alone', () => {
      assert.equal(
        mask('Rakstiet davis at example.net vai davis at example dot net.').text,
        `Rakstiet ${MASK} vai ${MASK}.`,
      );
      const text = 'Meet at 10:00 at the school; see www.example.org or look at www.rezekne.lv.';
      assert.deepEqual(mask(text), { text, masked: [] });
    });

    it('leaves an @ that is no address alone', () => {
      const text = 'Tikšanās @ pagasta pārvaldē, 10:00 @home';
      assert.deepEqual(mask(text), { text, masked: [] });
    });
  });

  describe('phone numbers', () => {
    for (const phone of [
      '+371 29 123 456',
      '+37129123456',
      '00371 29123456',
      '(371) 29123456',
      '29123456',
      '2912 3456',
      '291-23-456',
      '29 12 34 56',
      '6 46 00000',
      '64600000',
      '646 00 000',
    ]) {
      it(`masks the Latvian number ${phone}`, () => {
        assert.deepEqual(mask(`Zvaniet ${phone}, paldies.`), {
          text: `Zvaniet ${MASK}, paldies.`,
          masked: ['phone'],
        });
      });
    }

    it('masks a number in full-width or mathematical digits, and leaves other full-width text readable', () => {
      assert.deepEqual(mask('Zvaniet ２９１２３４５６ vai 𝟐𝟗𝟏𝟐𝟑𝟒𝟓𝟔, paldies.'), {
        text: `Zvaniet ${MASK} vai ${MASK}, paldies.`,
        masked: ['phone'],
      });
      assert.equal(mask('Ｂｅｄｒīｔｅ ２ gab.').text, 'Bedrīte 2 gab.');
    });

    it('masks a number grouped by dots or slashes, and leaves dates so written alone', () => {
      assert.equal(
        mask('Zvaniet 29.12.34.56, 2912/3456 vai 26.54.32.10; termiņš 23.11.2026, 23/11/2026.').text,
        `Zvaniet ${MASK}, ${MASK} vai ${MASK}; termiņš 23.11.2026, 23/11/2026.`,
      );
    });

    it('masks a number after (+371) whole, not leaving its bracket', () => {
      assert.equal(
        mask('Zvaniet (+371) 291 23 456 vai (+371 29123456).').text,
        `Zvaniet ${MASK} vai (${MASK}).`,
      );
    });

    it('masks numbers after tālr., tel., mob. and тел., even unusual ones', () => {
      assert.equal(
        mask('tālr. 8000 1234, tel.: 64600001, Mob.26555444, тел. 8 (029) 123-45-67').text,
        `tālr. ${MASK}, tel.: ${MASK}, Mob.${MASK}, тел. ${MASK}`,
      );
    });

    it('masks a foreign number written with its country code', () => {
      assert.equal(mask('Call +44 20 7946 0958 or +370 612 34567.').text, `Call ${MASK} or ${MASK}.`);
    });

    it("recognises the reporter's number however it is written", () => {
      for (const written of ['29-123-456', '+371 2912 3456', '0037129123456', '(+371) 29 12 34 56']) {
        assert.deepEqual(mask(`Ziņotājs ${written} piekrita.`, withReporter), {
          text: `Ziņotājs ${MASK} piekrita.`,
          masked: ['reporter-contact'],
        });
      }
    });

    it('leaves dates, times, sums, report numbers, house numbers and years alone', () => {
      for (const text of [
        'Darbi sāksies 12. decembrī, brigāde 3 cilvēki.',
        'Termiņš 23.11.2026 plkst. 10:15, atskaite 2026-11-23.',
        'Summa 1 200 EUR, budžets 22 000 000 EUR, € 26 000 000 un 26 000 000 eiro.',
        'Ziņojums RZN-2026-00042, Rēzeknes iela 26, 2026. gadā, plāns 2025 2026.',
        'Встреча 23.11.2026 в 10:15, смета 22 000 000 руб., дом 26.',
        'The budget for 2026 is 22 000 000 EUR; works start on 2026-11-23 at 08:30.',
        'Platība 2 600 000 m2, ceļš 26 km, 62,5% gatavs.',
      ]) {
        assert.deepEqual(mask(text), { text, masked: [] }, text);
      }
    });
  });

  describe('links', () => {
    it('masks the action link of a notification and keeps the full stop after it', () => {
      assert.deepEqual(mask(`Atzīmēt: ${actionLink}.`), {
        text: `Atzīmēt: ${MASK}.`,
        masked: ['own-link'],
      });
    });

    for (const path of [
      '/reports/confirm/abc',
      '/subscriptions/confirm/abc',
      '/unsubscribe/abc',
      '/reports/RZN-2026-00042/fixed/yes',
      '/actions/x',
    ]) {
      it(`masks our own link to ${path}, with or without a scheme, as one of ours`, () => {
        assert.deepEqual(mask(`https://tilts.example.org${path} un tilts.example.org${path}`), {
          text: `${MASK} un ${MASK}`,
          masked: ['own-link'],
        });
      });
    }

    it('masks any link with a token or sig parameter, or a long random segment', () => {
      for (const link of [
        'https://www.example.org/confirm?token=abc',
        'https://www.example.org/file?id=7&sig=x1',
        'https://www.example.org/s/Xk3_9aQ-Lm2pQ7rT5vW8',
        'https://www.example.org/d/3f2a9c1e-8b7d-4e6f-a5c4-1b2d3e4f5a6b',
      ]) {
        assert.deepEqual(mask(`See ${link} now`), { text: `See ${MASK} now`, masked: ['token-link'] }, link);
      }
    });

    it('leaves public links alone, including long readable ones and report pages', () => {
      for (const text of [
        'Skatīt https://www.rezeknesnovads.lv/lv/pasvaldiba/ un www.rezeknesnovads.lv.',
        'Ziņojums: https://tilts.example.org/reports/RZN-2026-00042',
        'Подробнее: https://www.rezeknesnovads.lv/lv/jaunumi/rezeknes-novada-pasvaldiba-informe-par-celu-remontu/',
        'More at https://www.example.org/news?utm_campaign=spring_newsletter_2026',
        'Ziņa: https://www.rezeknesnovads.lv/lv/zi%C5%86as/novada-dome-apstiprina-budzetu',
      ]) {
        assert.deepEqual(mask(text), { text, masked: [] }, text);
      }
    });

    it("judges action paths under the public URL's own path", () => {
      const nested: MaskContext = {
        publicUrl: 'https://www.example.org/tilts/',
        inboundDomain: 'tilts.example.org',
      };
      assert.equal(mask('https://www.example.org/tilts/actions/x', nested).text, MASK);
      assert.equal(
        mask('https://www.example.org/actions/x', nested).text,
        'https://www.example.org/actions/x',
      );
    });
  });

  it('masks everything a quoted notification carries and names each kind once', () => {
    const text =
      'Ziņotājs: Jānis Kalniņš, janis.kalnins@example.org, tālr. +371 29 123 456\n' +
      `Atzīmēt kā atrisinātu: ${actionLink}\n` +
      'Atbilde uz r-rzn-2026-00042-aaaaaaaaaaaaaaaa@tilts.example.org, zvaniet 64600000.';
    assert.deepEqual(mask(text, withReporter), {
      text:
        `Ziņotājs: Jānis Kalniņš, ${MASK}, tālr. ${MASK}\n` +
        `Atzīmēt kā atrisinātu: ${MASK}\n` +
        `Atbilde uz ${MASK}, zvaniet ${MASK}.`,
      masked: ['own-link', 'reporter-contact', 'reply-address', 'phone'],
    });
  });

  // Each hostile pattern at 1× and 10× its length (n = 20,000 and 200,000 units): time must grow
  // linearly, so a regression to quadratic scanning fails here instead of stalling the inbox.
  const HOSTILE: [string, (n: number) => string][] = [
    ['letters', (n) => 'a'.repeat(n)],
    ['digits and spaces', (n) => '2 '.repeat(n)],
    ['an endless URL', (n) => `http://${'a'.repeat(n)}`],
    ['at signs', (n) => '@'.repeat(n)],
    ['a dotted local part', (n) => `${'a.'.repeat(n)}@`],
    ['phone labels', (n) => 'tel. '.repeat(n)],
    ['a hyphenated domain', (n) => `x@${'a-'.repeat(n)}`],
    ['spelled-out at', (n) => 'janis (at) '.repeat(n / 5)],
    ['spaced ats', (n) => 'janis @ '.repeat(n / 8)],
    ['spelled ats', (n) => 'janis at example.'.repeat(n / 17)],
    ['dotted digits', (n) => '2.'.repeat(n / 2)],
    ['full-width digits', (n) => '２９ '.repeat(n / 3)],
  ];

  it('scans a megabyte of hostile text', () => {
    for (const [, make] of HOSTILE) assert.equal(typeof mask(make(500_000), withReporter).text, 'string');
  });

  for (const [name, make] of HOSTILE) {
    it(`scans ${name} in linear time (10× the text, at most 20× the time)`, () => {
      assertLinearGrowth(
        name,
        (scale) => make(20_000 * scale),
        (text) => mask(text, withReporter),
      );
    });
  }
});

describe('maskReporterContact (the words a report keeps once its reporter is erased)', () => {
  const reporter = { email: 'Janis.Kalnins@Example.org', phone: '+371 29 123 456' };

  it('masks only the reporter’s own address and number, in any spelling', () => {
    assert.equal(
      maskReporterContact('Man: janis.kalnins (at) example [dot] org, 2 9 1 2 3 4 5 6.', reporter),
      `Man: ${MASK}, ${MASK}.`,
    );
    assert.equal(maskReporterContact('<mailto:JANIS.KALNINS@example.org>', reporter), MASK);
  });

  it('leaves another’s contact, and anything when the reporter had none', () => {
    const text = 'Dienests: celi@example.org, 64600000.';
    assert.equal(maskReporterContact(text, reporter), text);
    assert.equal(
      maskReporterContact('janis.kalnins@example.org', { email: null, phone: null }),
      'janis.kalnins@example.org',
    );
  });
});
