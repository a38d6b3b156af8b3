import assert from 'node:assert/strict';
import { extractReplyText, MAX_TEXT_LENGTH, stripQuotedText } from '../../../src/mail/inbound/quotes.js';
import { assertLinearGrowth } from '../../support/growth.js';

const lines = (...parts: string[]): string => parts.join('\n');

describe('stripping quotes and signatures from a reply', () => {
  it('keeps a reply with nothing to strip as it is, minus trailing blank lines', () => {
    assert.equal(stripQuotedText('Bedre aizbērta.\n\nPaldies!  \n\n\n'), 'Bedre aizbērta.\n\nPaldies!');
  });

  it('drops >-quoted lines', () => {
    assert.equal(stripQuotedText(lines('Darīts.', '', '> Jauns ziņojums', '>> vecāks citāts')), 'Darīts.');
  });

  it('cuts at an English attribution line', () => {
    const text = lines(
      'Fixed today.',
      '',
      'On Mon, 2 Mar 2026 at 10:15, Tilts <r-x@tilts.example.org> wrote:',
      '> New report',
    );
    assert.equal(stripQuotedText(text), 'Fixed today.');
  });

  it('cuts at an attribution that the client wrapped onto two lines', () => {
    const text = lines(
      'Fixed today.',
      '',
      'On Mon, 2 Mar 2026 at 10:15, Tilts <r-x@tilts.example.org>',
      'wrote:',
      '',
      '> New',
    );
    assert.equal(stripQuotedText(text), 'Fixed today.');
  });

  it('cuts at a Latvian "rakstīja:" line, with or without diacritics', () => {
    for (const header of [
      '2026. gada 2. marts, plkst. 10:15, Tilts <r-x@tilts.example.org> rakstīja:',
      '02.03.2026 10:15, Tilts rakstija:',
    ]) {
      assert.equal(stripQuotedText(lines('Sapratām.', '', header, '> Jauns ziņojums')), 'Sapratām.', header);
    }
  });

  it('cuts at Russian "пишет:" and "написал(а):" lines', () => {
    for (const header of [
      '02.03.2026 10:15, Tilts пишет:',
      'Пн, 2 мар. 2026 г. в 10:15, Tilts <r-x@tilts.example.org> написал(а):',
    ]) {
      assert.equal(stripQuotedText(lines('Сделано.', header, '> Новое сообщение')), 'Сделано.', header);
    }
  });

  it('cuts at a Mail.ru style attribution that ends with the address', () => {
    const text = lines(
      'Сделано.',
      '',
      'Понедельник, 2 марта 2026, 10:15 +02:00 от Tilts <r-x@tilts.example.org>:',
      '> Новое',
    );
    assert.equal(stripQuotedText(text), 'Сделано.');
  });

  it('does not cut at "rakstīja:" in running text without a date or address', () => {
    const text = lines('Kā Jānis rakstīja:', 'ceļš ir izremontēts.');
    assert.equal(stripQuotedText(text), text);
  });

  it('cuts at an attribution wrapped inside the address', () => {
    const text = lines(
      'Sapratām.',
      '2026. gada 2. marts 10:15, Tilts <',
      'r-x@tilts.example.org> rakstīja:',
      '> x',
    );
    assert.equal(stripQuotedText(text), 'Sapratām.');
  });

  it("cuts at Gmail's Russian attribution wrapped inside the address, which has no verb", () => {
    const text = lines(
      'Проверим ещё раз.',
      '',
      'вс, 6 дек. 2026 г. в 10:55, Tilts — Rēzeknes novada pašvaldība <',
      'tilts@rezeknesnovads.example.org>:',
      '',
      '> Jūsu atbilde',
    );
    assert.equal(stripQuotedText(text), 'Проверим ещё раз.');
    const unwrapped = lines('Сделано.', '', 'anna@example.org>:');
    assert.equal(stripQuotedText(unwrapped), unwrapped, 'an address alone needs the "<" above it');
  });

  it('keeps an answer line with a time in it above a one-line attribution', () => {
    const text = lines('Brigāde būs 10:00', 'On Mon, 2 Mar 2026 at 10:15, Tilts wrote:', '> x');
    assert.equal(stripQuotedText(text), 'Brigāde būs 10:00');
  });

  it('does not swallow the last line of the answer into a wrapped attribution', () => {
    const text = lines('Bedri aizbērsim līdz piektdienai.', 'On 2 Mar 2026, at 10:15, Tilts wrote:', '> x');
    assert.equal(stripQuotedText(text), 'Bedri aizbērsim līdz piektdienai.');
  });

  it('cuts at a Latvian Outlook header block and the rule above it', () => {
    const text = lines(
      'Darbi uzsākti.',
      '',
      '________________________________',
      'No: Tilts <r-x@tilts.example.org>',
      'Nosūtīts: pirmdiena, 2026. gada 2. marts 10:15',
      'Kam: kaunata@example.org',
      'Tēma: [Tilts] RZN-2026-00042',
      '',
      'Jauns ziņojums Kaunatas pagastā.',
    );
    assert.equal(stripQuotedText(text), 'Darbi uzsākti.');
  });

  it('cuts at English and Russian Outlook header blocks, also in *bold*', () => {
    for (const [from, sent] of [
      ['From: Tilts <r-x@tilts.example.org>', 'Sent: Monday, March 2, 2026 10:15 AM'],
      ['*From:* Tilts <r-x@tilts.example.org>', '*Sent:* Monday, March 2, 2026 10:15 AM'],
      ['От: Tilts <r-x@tilts.example.org>', 'Отправлено: 2 марта 2026 г. 10:15'],
    ] as const) {
      assert.equal(stripQuotedText(lines('Ok.', '', from, sent, 'To: x', '', 'Original')), 'Ok.', from);
    }
  });

  it('cuts at an Outlook header block in a language the rules do not know, by its shape', () => {
    for (const block of [
      [
        'Nuo: Tilts <r-x@tilts.example.org>',
        'Išsiųsta: 2026 m. kovo 2 d., pirmadienis 10:15',
        'Kam: a@example.org',
      ],
      ['Od: Tilts <r-x@tilts.example.org>', 'Wysłano: poniedziałek, 2 marca 2026 10:15', 'Do: a@example.org'],
      [
        '*Saatja:* Tilts <r-x@tilts.example.org>',
        '*Saadetud:* 2. märts 2026 10:15',
        '*Adressaat:* a@example.org',
      ],
    ]) {
      assert.equal(stripQuotedText(lines('Darīts.', '', ...block, '', 'Oriģināls')), 'Darīts.', block[0]);
    }
  });

  it('cuts at an unknown-language block without an address when it stands under the Outlook rule', () => {
    const text = lines(
      'Darīts.',
      '________________________________',
      'Nuo: Tilts',
      'Išsiųsta: 2026 m. kovo 2 d. 10:15',
      'Tema: RZN-2026-00042',
      'Oriģināls',
    );
    assert.equal(stripQuotedText(text), 'Darīts.');
  });

  it('keeps a list of fields the clerk typed when it names no address followed by a time', () => {
    const text = lines(
      'Darbu plāns:',
      'Adrese: Rēzeknes iela 5',
      'Atbildīgais: Jānis, kaunata@example.org',
      'Termiņš: piektdiena',
      'Paldies.',
    );
    assert.equal(stripQuotedText(text), text);
  });

  it('does not cut at a line that merely starts with "No:" in Latvian text', () => {
    const text = lines('No: rīta brigāde būs uz vietas.', 'Paldies.');
    assert.equal(stripQuotedText(text), text);
  });

  for (const marker of [
    '-----Original Message-----',
    '-----Sākotnējais ziņojums-----',
    '-----Исходное сообщение-----',
    '---------- Forwarded message ---------',
    '-------- Forwarded Message --------',
    '-------- Pārsūtītā ziņa --------',
    '-------- Пересылаемое сообщение --------',
    'Begin forwarded message:',
  ]) {
    it(`cuts at the marker "${marker}"`, () => {
      assert.equal(
        stripQuotedText(lines('Skat. zemāk.', '', marker, 'From: a@example.org', 'Text')),
        'Skat. zemāk.',
      );
    });
  }

  it('publishes nothing when a forwarded or quoted original has no new text above it', () => {
    assert.equal(
      stripQuotedText(lines('-----Original Message-----', 'From: x', 'Sent: y', '', 'Original text')),
      '',
    );
    assert.equal(stripQuotedText(lines('From: Tilts <r@x.org>', 'Sent: today', '', 'Original text')), '');
  });

  it('finds the answer below the quote when the sender bottom-posted', () => {
    const text = lines(
      '02.03.2026 10:15, Tilts пишет:',
      '> Новое сообщение',
      '>',
      '',
      '#решено',
      'Засыпали.',
      '',
      '-- ',
      'Иван',
    );
    assert.equal(stripQuotedText(text), '#решено\nЗасыпали.');
  });

  it('keeps an answer written between quoted lines', () => {
    const text = lines('> Vai bedre ir liela?', 'Jā, ļoti.', '> Kur tieši?', 'Pie veikala.');
    assert.equal(stripQuotedText(text), 'Jā, ļoti.\nPie veikala.');
  });

  it('cuts at the "-- " signature delimiter', () => {
    assert.equal(stripQuotedText(lines('Darīts.', '', '-- ', 'Anna Bērziņa', 'tālr. 64600000')), 'Darīts.');
  });

  for (const footer of [
    'Sent from my iPhone',
    'Sent from Outlook for Android',
    'Get Outlook for iOS',
    'Nosūtīts no mana iPhone',
    'Nosutits no mana iPhone',
    'Sūtīts no mana Samsung Galaxy viedtālruņa',
    'Отправлено с iPhone',
    'Отправлено из мобильной Почты Mail.ru',
  ]) {
    it(`cuts at the device footer "${footer}"`, () => {
      assert.equal(stripQuotedText(lines('Darīts.', '', footer, '', '> quoted')), 'Darīts.');
    });
  }

  it('does not cut at a sentence that starts like a footer but goes on', () => {
    const text =
      'Sent from my office: the crew will come on Monday, weather permitting, and fix it properly.';
    assert.equal(stripQuotedText(text), text);
  });

  it('collapses runs of blank lines into one and removes control and bidi-override characters', () => {
    assert.equal(stripQuotedText('a\r\n\r\n\r\n\r\nb\u202e c\u0007'), 'a\n\nb c');
  });

  it('composes decomposed letters so "ā" typed on a Mac matches everywhere', () => {
    assert.equal(stripQuotedText('procesa\u0304'), 'procesā');
  });

  it('prefers the plain text part and falls back to the HTML', () => {
    assert.equal(extractReplyText({ text: 'Teksts', html: '<p>HTML</p>' }), 'Teksts');
    assert.equal(extractReplyText({ text: '  \n', html: '<p>HTML</p>' }), 'HTML');
    assert.equal(extractReplyText({ text: undefined, html: false }), '');
  });

  it('handles a 25 MB reply without choking, cutting the scan to the start of the message', () => {
    const huge = `Sākums.\n${'x'.repeat(1000)}\n${'> '.repeat(12_000_000)}`;
    const result = extractReplyText({ text: huge });
    assert.ok(result.startsWith('Sākums.'));
    assert.ok(result.length < 200_000);
  });

  it('handles thousands of attribution lines with nothing between them', () => {
    const header = '02.03.2026 10:15, Tilts rakstīja:\n';
    assert.equal(extractReplyText({ text: `${header.repeat(2_000)}Beigas.` }), 'Beigas.');
    assert.equal(typeof extractReplyText({ text: header.repeat(800_000) }), 'string');
  });

  it('handles 25 MB of nearly-matching header lines', () => {
    const line = 'On 2 Mar 2026 at 10:15 someone nearly wrote';
    const result = extractReplyText({ text: `${line}\n`.repeat(600_000) });
    assert.ok(result.length <= 100_000);
  });

  // Under the 100,000 characters it reads (MAX_TEXT_LENGTH), 10× the text may take at most 20×
  // the time: a quadratic scan (100×) fails.
  const HOSTILE: [string, (lines: number) => string][] = [
    ['quote markers', (lines) => `Sākums.\n${'> '.repeat(lines * 20)}`],
    ['attribution lines', (lines) => '02.03.2026 10:15, Tilts rakstīja:\n'.repeat(lines)],
    [
      'nearly-matching header lines',
      (lines) => 'On 2 Mar 2026 at 10:15 someone nearly wrote\n'.repeat(lines),
    ],
    ['short lines', (lines) => 'Labdien!\n\n'.repeat(lines * 3)],
    ['sign-offs', (lines) => 'Ar cieņu,\nAnna\n'.repeat(lines * 2)],
  ];
  for (const [name, make] of HOSTILE) {
    it(`strips ${name} in linear time (10× the text, at most 20× the time)`, () => {
      assert.ok(make(2_000).length <= MAX_TEXT_LENGTH, 'the large input is read whole');
      assertLinearGrowth(
        name,
        (scale) => make(200 * scale),
        (text) => extractReplyText({ text }),
      );
    });
  }
});
